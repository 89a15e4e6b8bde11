// The mamori command line: parses arguments and calls the library. Nothing else.
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "build.h"
#include "parallel.h"
#include "scaffold.h"

namespace {

constexpr int kUsageError = 2;

void print_diagnostics(const mamori::Diagnostics& diagnostics) {
  for (const auto& d : diagnostics.items()) std::cerr << mamori::format_with_caret(d) << '\n';
}

std::string count(int n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

int finish(const mamori::BuildReport& report, bool wrote, double seconds) {
  if (report.up_to_date) {
    for (const auto& warning : report.earlier_warnings) std::cerr << warning << '\n';
    const int warnings = static_cast<int>(report.earlier_warnings.size());
    std::cout << "mamori: nothing changed since the last build; " << report.out.string() << " is up to date ("
              << count(report.pages, "page", "pages") << (warnings ? ", " + count(warnings, "warning", "warnings") : "")
              << ")\n";
    return 0;
  }
  print_diagnostics(report.diagnostics);
  if (report.environment_error) {
    std::cerr << "mamori: error: " << *report.environment_error << '\n';
    return report.exit_status();
  }
  const int errors = report.diagnostics.error_count();
  const int warnings = report.diagnostics.warning_count();
  if (errors > 0) {
    std::cerr << "mamori: " << count(errors, "error", "errors") << ", " << count(warnings, "warning", "warnings")
              << (wrote ? "; the site was not changed\n" : "\n");
    return report.exit_status();
  }
  char elapsed[32];
  std::snprintf(elapsed, sizeof elapsed, "%.2f", seconds);
  if (wrote) {
    std::cout << "mamori: built " << count(report.pages, "page", "pages") << " into " << report.out.string() << " in "
              << elapsed << " s" << (warnings ? " (" + count(warnings, "warning", "warnings") + ")" : "") << '\n';
  } else {
    std::cout << "mamori: checked " << count(report.pages, "page", "pages") << ": no errors"
              << (warnings ? ", " + count(warnings, "warning", "warnings") : "") << '\n';
  }
  return report.exit_status();
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"mamori — builds the economic-security and cyber-security awareness portal"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "mamori 0.1.0");

  mamori::BuildOptions options;
  options.jobs = mamori::default_jobs();
  std::string root = ".";
  std::string out;

  CLI::App* build = app.add_subcommand("build", "render the portal into ROOT/site (or --out)");
  build->add_option("--root", root, "the project folder (holds mamori.toml)")->check(CLI::ExistingDirectory);
  build->add_option("--out", out, "where to put the site (default ROOT/site)");
  build->add_flag("--drafts", options.include_drafts, "include pages with draft = true");
  build->add_option("--jobs,-j", options.jobs, "threads to render with (default: the number of cores)")
      ->check(CLI::Range(1, 256));

  CLI::App* check = app.add_subcommand("check", "validate everything a build would, write nothing");
  check->add_option("--root", root, "the project folder (holds mamori.toml)")->check(CLI::ExistingDirectory);
  check->add_flag("--drafts", options.include_drafts, "include pages with draft = true");
  check->add_option("--jobs,-j", options.jobs, "threads to use")->check(CLI::Range(1, 256));

  std::string kind;
  std::string new_path;
  CLI::App* scaffold = app.add_subcommand("new", "scaffold a page with valid front matter");
  scaffold->add_option("kind", kind, "what to create: page")->required()->check(CLI::IsMember({"page"}));
  scaffold->add_option("path", new_path, "path under content/, like cyber/backup.md")->required();
  scaffold->add_option("--root", root, "the project folder (holds mamori.toml)")->check(CLI::ExistingDirectory);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return kUsageError;
  }

  options.root = root;
  if (!out.empty()) options.out = out;

  if (*scaffold) {
    const mamori::SystemClock clock;
    auto result = mamori::scaffold_page(root, new_path, clock.today());
    if (auto* error = std::get_if<mamori::ScaffoldError>(&result)) {
      std::cerr << "mamori: error: " << error->message << '\n';
      return kUsageError;
    }
    const auto& done = std::get<mamori::Scaffolded>(result);
    std::cout << "mamori: wrote " << done.file.string() << '\n';
    if (!done.notice.empty()) std::cout << done.notice << '\n';
    return 0;
  }

  options.write = static_cast<bool>(*build);
  const auto start = std::chrono::steady_clock::now();
  const mamori::BuildReport report = mamori::build_site(options);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return finish(report, options.write, seconds);
}
