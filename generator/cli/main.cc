// The mamori command line: parses arguments and calls the library. Nothing else.
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

#include "contacts/contacts.h"
#include "contacts/contacts_csv.h"
#include "core/files.h"
#include "core/parallel.h"
#include "core/text.h"
#include "links/command.h"
#include "links/curl_transport.h"
#include "site/build.h"
#include "site/loader.h"
#include "site/scaffold.h"

namespace {

constexpr int kUsageError = 2;

void print_diagnostics(const mamori::Diagnostics& diagnostics) {
  for (const auto& d : diagnostics.items()) std::cerr << mamori::format_with_caret(d) << '\n';
}

// Text from files, file names and the command line, as it may be shown on a terminal.
std::string shown(std::string_view text) {
  return mamori::printable_text(text);
}

std::string count(int n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

int finish(const mamori::BuildReport& report, bool wrote, double seconds) {
  if (report.up_to_date) {
    for (const auto& warning : report.earlier_warnings) std::cerr << warning << '\n';
    const int warnings = static_cast<int>(report.earlier_warnings.size());
    std::cout << "mamori: nothing changed since the last build; " << shown(report.out.string()) << " is up to date ("
              << count(report.pages, "page", "pages") << (warnings ? ", " + count(warnings, "warning", "warnings") : "")
              << ")\n";
    return 0;
  }
  print_diagnostics(report.diagnostics);
  if (report.environment_error) {
    std::cerr << "mamori: error: " << shown(*report.environment_error) << '\n';
    return report.exit_status();
  }
  const int errors = report.diagnostics.error_count();
  const int warnings = report.diagnostics.warning_count();
  if (errors > 0) {
    std::cerr << "mamori: " << count(errors, "error", "errors") << ", " << count(warnings, "warning", "warnings")
              << (wrote ? "; the site was not changed\n" : "\n");
    return report.exit_status();
  }
  std::ostringstream elapsed_text;
  elapsed_text << std::fixed << std::setprecision(2) << seconds;
  const std::string elapsed = elapsed_text.str();
  if (wrote) {
    std::cout << "mamori: built " << count(report.pages, "page", "pages") << " into " << shown(report.out.string())
              << " in " << elapsed << " s" << (warnings ? " (" + count(warnings, "warning", "warnings") + ")" : "")
              << '\n';
  } else {
    std::cout << "mamori: checked " << count(report.pages, "page", "pages") << ": no errors"
              << (warnings ? ", " + count(warnings, "warning", "warnings") : "") << '\n';
  }
  return report.exit_status();
}

// A one-line progress bar on stderr (only when it is a terminal).
void print_progress(size_t done, size_t total) {
  constexpr size_t kWidth = 30;
  const size_t filled = total == 0 ? kWidth : done * kWidth / total;
  std::cerr << "\rchecking links " << done << "/" << total << " [" << std::string(filled, '#')
            << std::string(kWidth - filled, ' ') << "]" << std::flush;
}

// The export writes a .csv file: anything else (contacts.toml itself, mamori.toml, a page)
// would be overwritten by CSV, so it is refused.
bool is_csv_name(const std::filesystem::path& file) {
  return mamori::to_lower(file.extension().string()) == ".csv";
}

int export_contacts(const std::string& root, const std::string& csv_file) {
  if (!is_csv_name(csv_file)) {
    std::cerr << "mamori: error: " << shown(csv_file)
              << ": the export writes a CSV file; give a name that ends in .csv (nothing was written)\n";
    return kUsageError;
  }
  const std::filesystem::path content = std::filesystem::path(root) / "content";
  std::error_code ec;
  auto read = mamori::read_file_inside(content / "contacts.toml", std::filesystem::canonical(content, ec), "content/");
  if (!read) {
    std::cerr << "mamori: error: content/contacts.toml: " << shown(read.error().message) << '\n';
    return kUsageError;
  }
  const std::string& text = *read;
  std::vector<mamori::Diagnostic> problems;
  mamori::ContactTable table;
  if (auto checked = mamori::check_text_file(text, problems)) table = mamori::parse_contacts(*checked, problems);
  mamori::attach_source_lines(problems, text);
  mamori::Diagnostics diagnostics;
  diagnostics.add_all(std::move(problems), "content/contacts.toml");
  if (diagnostics.has_errors()) {
    print_diagnostics(diagnostics);
    std::cerr << "mamori: fix content/contacts.toml first; nothing was exported\n";
    return 1;
  }
  if (auto written = mamori::write_file_atomically(csv_file, mamori::contacts_to_csv(table)); !written) {
    std::cerr << "mamori: error: " << shown(written.error().message) << '\n';
    return kUsageError;
  }
  std::cout << "mamori: wrote " << count(static_cast<int>(table.contacts.size()), "contact", "contacts") << " to "
            << shown(csv_file) << " (UTF-8 CSV for Excel)\n";
  return 0;
}

int import_contacts(const std::string& root, const std::string& csv_file, bool dry_run) {
  const mamori::ImportResult result = mamori::import_contacts(root, csv_file, dry_run);
  mamori::Diagnostics diagnostics;
  diagnostics.add_all(result.diagnostics);
  diagnostics.sort();
  print_diagnostics(diagnostics);
  if (diagnostics.has_errors()) {
    std::cerr << "mamori: " << count(diagnostics.error_count(), "error", "errors")
              << "; content/contacts.toml was not changed\n";
    return 1;
  }
  if (result.changes.empty()) {
    std::cout << "mamori: content/contacts.toml already matches " << shown(csv_file) << "; nothing to change\n";
    return 0;
  }
  std::cout << (dry_run ? "mamori: importing would change content/contacts.toml:\n"
                        : "mamori: updated content/contacts.toml:\n");
  for (const auto& change : result.changes) std::cout << "  " << shown(change) << '\n';
  if (!result.backup.empty()) std::cout << "The previous file is kept as " << shown(result.backup.string()) << '\n';
  if (dry_run) std::cout << "Nothing was written (--dry-run).\n";
  return 0;
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

  std::string csv_file;
  bool dry_run = false;
  CLI::App* contacts = app.add_subcommand("contacts", "the contact table's Excel round trip");
  contacts->require_subcommand(1);
  CLI::App* export_cmd = contacts->add_subcommand("export", "write content/contacts.toml as a CSV that Excel opens");
  export_cmd->add_option("file", csv_file, "the CSV file to write")->required();
  export_cmd->add_option("--root", root, "the project folder (holds mamori.toml)")->check(CLI::ExistingDirectory);
  CLI::App* import_cmd = contacts->add_subcommand("import", "validate a CSV and replace content/contacts.toml");
  import_cmd->add_option("file", csv_file, "the CSV file to read (UTF-8 or Shift_JIS)")->required();
  import_cmd->add_option("--root", root, "the project folder (holds mamori.toml)")->check(CLI::ExistingDirectory);
  import_cmd->add_flag("--dry-run", dry_run, "show what would change, write nothing");

  mamori::LinksOptions links_options;
  std::string format = "text";
  std::string ca_bundle;
  std::string user_agent;
  std::string cache_file;
  CLI::App* links = app.add_subcommand("links", "check every URL the portal cites, and every link between pages");
  links->add_option("--root", root, "the project folder (holds mamori.toml)")->check(CLI::ExistingDirectory);
  links->add_flag("--offline", links_options.offline, "check only links between pages; skip every external URL");
  links->add_option("--format", format, "text, json, junit or markdown")
      ->check(CLI::IsMember({"text", "json", "junit", "markdown"}));
  links->add_option("--timeout", links_options.timeout, "seconds per request (default 20)")->check(CLI::Range(1, 300));
  links->add_option("--retries", links_options.retries, "retries for 5xx, 429, timeouts and resets (default 2)")
      ->check(CLI::Range(0, 10));
  links->add_option("--per-host", links_options.per_host, "requests in flight per host (default 2)")
      ->check(CLI::Range(1, 8));
  links->add_option("--max-connections", links_options.max_connections, "requests in flight in all (default 16)")
      ->check(CLI::Range(1, 256));
  links->add_option("--cache", cache_file, "the cache file (default ROOT/.mamori/link-cache.json)");
  links->add_flag("--no-cache", links_options.no_cache, "neither read nor write the cache");
  links->add_option("--max-age", links_options.max_age_days, "days an ok result in the cache is trusted (default 7)")
      ->check(CLI::Range(0, 365));
  links->add_option("--ca-bundle", ca_bundle, "CA certificates to trust (corporate TLS inspection)")
      ->check(CLI::ExistingFile);
  links->add_option("--user-agent", user_agent, "the User-Agent header to send");
  links->add_flag("--fix-redirects", links_options.fix_redirects,
                  "replace permanently redirected URLs in the Markdown and TOML files");

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
    if (!result) {
      std::cerr << "mamori: error: " << shown(result.error().message) << '\n';
      return kUsageError;
    }
    const auto& done = *result;
    std::cout << "mamori: wrote " << shown(done.file.string()) << '\n';
    if (!done.notice.empty()) std::cout << shown(done.notice) << '\n';
    return 0;
  }

  if (*links) {
    links_options.root = root;
    if (!cache_file.empty()) links_options.cache = cache_file;
    const std::map<std::string, mamori::ReportFormat> formats = {{"text", mamori::ReportFormat::text},
                                                                 {"json", mamori::ReportFormat::json},
                                                                 {"junit", mamori::ReportFormat::junit},
                                                                 {"markdown", mamori::ReportFormat::markdown}};
    links_options.format = formats.at(format);
    const bool terminal = isatty(STDERR_FILENO) == 1;
    links_options.color = isatty(STDOUT_FILENO) == 1 && std::getenv("NO_COLOR") == nullptr;
    if (terminal) links_options.progress = print_progress;
    const mamori::SteadyTimer timer;
    auto make_transport = [&](const mamori::LinkSettings& settings) -> std::unique_ptr<mamori::HttpTransport> {
      mamori::CurlOptions curl;
      if (!user_agent.empty())
        curl.user_agent = user_agent;
      else if (!settings.user_agent.empty())
        curl.user_agent = settings.user_agent;
      curl.ca_bundle = ca_bundle;
      return std::make_unique<mamori::CurlTransport>(curl);
    };
    const mamori::LinksRun run = mamori::run_links(links_options, make_transport, timer);
    if (terminal) std::cerr << "\r\x1b[K" << std::flush;
    for (const auto& note : run.notes) std::cerr << note << '\n';
    std::cout << run.report;
    return run.exit_status;
  }
  if (*export_cmd) return export_contacts(root, csv_file);
  if (*import_cmd) return import_contacts(root, csv_file, dry_run);

  options.write = static_cast<bool>(*build);
  const auto start = std::chrono::steady_clock::now();
  const mamori::BuildReport report = mamori::build_site(options);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return finish(report, options.write, seconds);
}
