// The mamori command line: parses arguments and calls the library. Nothing else.
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <chrono>
#include <cstdio>
#include <functional>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>

#include "contacts/export.h"
#include "contacts/import.h"
#include "core/parallel.h"
#include "core/text.h"
#include "links/command.h"
#include "links/curl_transport.h"
#include "package/scorm_package.h"
#include "results/command.h"
#include "serve/serve_command.h"
#include "site/build.h"
#include "site/review_command.h"
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

int export_contacts(const std::string& root, const std::string& csv_file) {
  const auto result = mamori::export_contacts(root, csv_file);
  if (!result) {
    std::cerr << "mamori: error: " << shown(result.error().message) << '\n';
    return kUsageError;
  }
  if (result->diagnostics.has_errors()) {
    print_diagnostics(result->diagnostics);
    std::cerr << "mamori: fix content/contacts.toml first; nothing was exported\n";
    return 1;
  }
  std::cout << "mamori: wrote " << count(static_cast<int>(result->contacts), "contact", "contacts") << " to "
            << shown(csv_file) << " (UTF-8 CSV for Excel)\n";
  return 0;
}

int import_contacts(const std::string& root, const std::string& csv_file, bool dry_run) {
  mamori::ImportResult result = mamori::import_contacts(root, csv_file, dry_run);
  mamori::Diagnostics& diagnostics = result.diagnostics;
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

// Everything the command line sets.
struct Arguments {
  mamori::BuildOptions build;  // build and check
  std::string root = ".";
  std::string out;
  std::string kind;  // new
  std::string new_path;
  std::string csv_file;  // contacts export and import
  bool dry_run = false;
  mamori::LinksOptions links;
  std::string format = "text";
  std::string ca_bundle;
  std::string user_agent;
  std::string cache_file;
  mamori::ResultsOptions results;
  std::vector<std::string> result_inputs;
  mamori::PackageOptions package;
  std::string scorm_version = "1.2";
};

// The subcommands; the one given is true.
struct Commands {
  CLI::App* build = nullptr;
  CLI::App* check = nullptr;
  CLI::App* scaffold = nullptr;
  CLI::App* export_contacts = nullptr;
  CLI::App* import_contacts = nullptr;
  CLI::App* links = nullptr;
  CLI::App* results = nullptr;
};

void add_build_commands(CLI::App& app, Arguments& a, Commands& commands) {
  CLI::App* build = app.add_subcommand("build", "render the portal into ROOT/site (or --out)");
  build->add_option("--root", a.root, "the project folder (holds mamori.toml)")->check(CLI::ExistingDirectory);
  build->add_option("--out", a.out, "where to put the site (default ROOT/site)");
  build->add_flag("--drafts", a.build.include_drafts, "include pages with draft = true");
  build->add_option("--jobs,-j", a.build.jobs, "threads to render with (default: the number of cores)")
      ->check(CLI::Range(1, 256));

  CLI::App* check = app.add_subcommand("check", "validate everything a build would, write nothing");
  check->add_option("--root", a.root, "the project folder (holds mamori.toml)")->check(CLI::ExistingDirectory);
  check->add_flag("--drafts", a.build.include_drafts, "include pages with draft = true");
  check->add_option("--jobs,-j", a.build.jobs, "threads to use")->check(CLI::Range(1, 256));

  CLI::App* scaffold = app.add_subcommand("new", "scaffold a page with valid front matter");
  scaffold->add_option("kind", a.kind, "what to create: page")->required()->check(CLI::IsMember({"page"}));
  scaffold->add_option("path", a.new_path, "path under content/, like cyber/backup.md")->required();
  scaffold->add_option("--root", a.root, "the project folder (holds mamori.toml)")->check(CLI::ExistingDirectory);
  commands.build = build;
  commands.check = check;
  commands.scaffold = scaffold;
}

void add_contacts_commands(CLI::App& app, Arguments& a, Commands& commands) {
  CLI::App* contacts = app.add_subcommand("contacts", "the contact table's Excel round trip");
  contacts->require_subcommand(1);
  CLI::App* export_cmd = contacts->add_subcommand("export", "write content/contacts.toml as a CSV that Excel opens");
  export_cmd->add_option("file", a.csv_file, "the CSV file to write")->required();
  export_cmd->add_option("--root", a.root, "the project folder (holds mamori.toml)")->check(CLI::ExistingDirectory);
  CLI::App* import_cmd = contacts->add_subcommand("import", "validate a CSV and replace content/contacts.toml");
  import_cmd->add_option("file", a.csv_file, "the CSV file to read (UTF-8 or Shift_JIS)")->required();
  import_cmd->add_option("--root", a.root, "the project folder (holds mamori.toml)")->check(CLI::ExistingDirectory);
  import_cmd->add_flag("--dry-run", a.dry_run, "show what would change, write nothing");
  commands.export_contacts = export_cmd;
  commands.import_contacts = import_cmd;
}

CLI::App* add_links_command(CLI::App& app, Arguments& a) {
  CLI::App* links = app.add_subcommand("links", "check every URL the portal cites, and every link between pages");
  links->add_option("--root", a.root, "the project folder (holds mamori.toml)")->check(CLI::ExistingDirectory);
  links->add_flag("--offline", a.links.offline, "check only links between pages; skip every external URL");
  links->add_option("--format", a.format, "text, json, junit or markdown")
      ->check(CLI::IsMember({"text", "json", "junit", "markdown"}));
  links->add_option("--timeout", a.links.timeout, "seconds per request (default 20)")->check(CLI::Range(1, 300));
  links->add_option("--retries", a.links.retries, "retries for 5xx, 429, timeouts and resets (default 2)")
      ->check(CLI::Range(0, 10));
  links->add_option("--per-host", a.links.per_host, "requests in flight per host (default 2)")->check(CLI::Range(1, 8));
  links->add_option("--max-connections", a.links.max_connections, "requests in flight in all (default 16)")
      ->check(CLI::Range(1, 256));
  links->add_option("--cache", a.cache_file, "the cache file (default ROOT/.mamori/link-cache.json)");
  links->add_flag("--no-cache", a.links.no_cache, "neither read nor write the cache");
  links->add_option("--max-age", a.links.max_age_days, "days an ok result in the cache is trusted (default 7)")
      ->check(CLI::Range(0, 365));
  links->add_option("--ca-bundle", a.ca_bundle, "CA certificates to trust (corporate TLS inspection)")
      ->check(CLI::ExistingFile);
  links->add_option("--user-agent", a.user_agent, "the User-Agent header to send");
  links->add_flag("--fix-redirects", a.links.fix_redirects,
                  "replace permanently redirected URLs in the Markdown and TOML files");
  return links;
}

// The exit status when the command line is not one to run (help, version, a mistake).
std::optional<int> parse(CLI::App& app, int argc, char** argv) {
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
  return std::nullopt;
}

CLI::App* add_results_command(CLI::App& app, Arguments& a) {
  CLI::App* results =
      app.add_subcommand("results", "the completion report from the quiz result files employees hand in");
  results->add_option("inputs", a.result_inputs, "result files (JSON or CSV) and folders holding them")->required();
  results->add_option("--roster", a.results.roster, "who should take the training: CSV with 社員番号, 氏名, 所属")
      ->check(CLI::ExistingFile);
  results->add_option("--out", a.results.out, "write 受講状況.csv, report.html and completion.json into this folder");
  results->add_option("--format", a.results.format, "what to print: text, csv, json or html")
      ->check(CLI::IsMember({"text", "csv", "json", "html"}));
  results->add_option("--root", a.root, "the project folder, for today's quizzes (default .)")
      ->check(CLI::ExistingDirectory);
  return results;
}

int report_results(Arguments& a) {
  mamori::ResultsOptions& options = a.results;
  options.root = a.root;
  options.inputs.assign(a.result_inputs.begin(), a.result_inputs.end());
  const mamori::ResultsRun run = mamori::run_results(options);
  for (const auto& message : run.messages) std::cerr << message << '\n';
  std::cout << run.output;
  return run.exit_status;
}

CLI::App* add_review_command(CLI::App& app, Arguments& a) {
  CLI::App* review =
      app.add_subcommand("review", "list the pages and the contact table overdue for review, oldest first");
  review->add_option("--format", a.format, "text or csv (UTF-8 for Excel)")->check(CLI::IsMember({"text", "csv"}));
  review->add_option("--root", a.root, "the project folder (holds mamori.toml)")->check(CLI::ExistingDirectory);
  return review;
}

// Exit status: 0 nothing overdue, 1 something is, 2 the project could not be read.
int review(const Arguments& a) {
  mamori::ReviewOptions options;
  options.root = a.root;
  options.format = a.format;
  const mamori::ReviewRun run = mamori::run_review(options);
  for (const auto& message : run.messages) std::cerr << message << '\n';
  std::cout << run.output;
  return run.exit_status;
}

CLI::App* add_package_command(CLI::App& app, Arguments& a) {
  CLI::App* package = app.add_subcommand("package", "the portal as a package for another system");
  package->require_subcommand(1);
  CLI::App* scorm = package->add_subcommand("scorm", "a SCORM package for the company LMS: one scored item per quiz");
  scorm->add_option("--version", a.scorm_version, "1.2 (default; nearly every LMS) or 2004 (4th edition)")
      ->check(CLI::IsMember({"1.2", "2004"}));
  scorm->add_option("--quiz", a.package.quizzes, "a quiz to include (repeat it; default: every scored quiz)");
  scorm->add_option("--out", a.out, "the zip file to write (default ROOT/scorm-VERSION.zip)");
  scorm->add_option("--root", a.root, "the project folder (holds mamori.toml)")->check(CLI::ExistingDirectory);
  scorm->add_option("--jobs,-j", a.package.jobs, "threads to render with")->check(CLI::Range(1, 256));
  return scorm;
}

// Exit status: 0 written; 1 problems in the content (nothing written); 2 usage or environment.
int package_scorm(Arguments& a) {
  mamori::PackageOptions& options = a.package;
  options.root = a.root;
  options.out = a.out;
  options.version = a.scorm_version == "2004" ? mamori::ScormVersion::v2004 : mamori::ScormVersion::v1_2;
  const mamori::PackageRun run = mamori::package_scorm(options);
  print_diagnostics(run.build.diagnostics);
  if (run.build.environment_error) std::cerr << "mamori: error: " << shown(*run.build.environment_error) << '\n';
  if (run.error) std::cerr << "mamori: error: " << shown(*run.error) << '\n';
  if (run.exit_status() != 0) {
    std::cerr << "mamori: no package was written\n";
    return run.exit_status();
  }
  std::string quizzes;
  for (const auto& id : run.items) quizzes += (quizzes.empty() ? "" : ", ") + id;
  std::cout << "mamori: wrote " << shown(run.out.string()) << " (SCORM " << a.scorm_version << ", "
            << count(run.files, "file", "files") << "; scored items: " << shown(quizzes) << ")\n";
  return 0;
}

int scaffold(const Arguments& a) {
  const mamori::SystemClock clock;
  auto result = mamori::scaffold_page(a.root, a.new_path, clock.today());
  if (!result) {
    std::cerr << "mamori: error: " << shown(result.error().message) << '\n';
    return kUsageError;
  }
  const auto& done = *result;
  std::cout << "mamori: wrote " << shown(done.file.string()) << '\n';
  if (!done.notice.empty()) std::cout << shown(done.notice) << '\n';
  return 0;
}

int check_links(Arguments& a) {
  mamori::LinksOptions& options = a.links;
  options.root = a.root;
  if (!a.cache_file.empty()) options.cache = a.cache_file;
  const std::map<std::string, mamori::ReportFormat> formats = {{"text", mamori::ReportFormat::text},
                                                               {"json", mamori::ReportFormat::json},
                                                               {"junit", mamori::ReportFormat::junit},
                                                               {"markdown", mamori::ReportFormat::markdown}};
  options.format = formats.at(a.format);
  const bool terminal = isatty(STDERR_FILENO) == 1;
  options.color = isatty(STDOUT_FILENO) == 1 && std::getenv("NO_COLOR") == nullptr;
  if (terminal) options.progress = print_progress;
  const mamori::SteadyTimer timer;
  auto make_transport = [&](const mamori::LinkSettings& settings) -> std::unique_ptr<mamori::HttpTransport> {
    mamori::CurlOptions curl;
    if (!a.user_agent.empty())
      curl.user_agent = a.user_agent;
    else if (!settings.user_agent.empty())
      curl.user_agent = settings.user_agent;
    curl.ca_bundle = a.ca_bundle;
    return std::make_unique<mamori::CurlTransport>(curl);
  };
  const mamori::LinksRun run = mamori::run_links(options, make_transport, timer);
  if (terminal) std::cerr << "\r\x1b[K" << std::flush;
  for (const auto& note : run.notes) std::cerr << note << '\n';
  std::cout << run.report;
  return run.exit_status;
}

int build_site(Arguments& a, bool write) {
  mamori::BuildOptions& options = a.build;
  options.root = a.root;
  if (!a.out.empty()) options.out = a.out;
  options.write = write;
  const auto start = std::chrono::steady_clock::now();
  const mamori::BuildReport report = mamori::build_site(options);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return finish(report, options.write, seconds);
}

// `mamori serve`; the returned function runs it when it was the command given (nullopt otherwise).
std::function<std::optional<int>()> add_serve_command(CLI::App& app) {
  auto options = std::make_shared<mamori::ServeOptions>();
  options->jobs = mamori::default_jobs();
  CLI::App* serve = app.add_subcommand("serve", "preview the portal in a browser; rebuilds and reloads as you edit");
  serve->add_option("--root", options->root, "the project folder (holds mamori.toml)")->check(CLI::ExistingDirectory);
  serve->add_option("--port", options->port, "the port to listen on (default 1111; 0: any free port)")
      ->check(CLI::Range(0, 65535));
  serve->add_option("--bind", options->bind, "the address to listen on (default 127.0.0.1: this computer only)");
  serve->add_flag("--drafts", options->include_drafts, "include pages with draft = true");
  serve->add_flag("--poll", options->poll, "check files for changes by polling (network drives, WSL)");
  return [serve, options]() -> std::optional<int> {
    if (!*serve) return std::nullopt;
    return mamori::run_serve(*options, std::cout, std::cerr);
  };
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"mamori — builds the economic-security and cyber-security awareness portal"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "mamori 0.1.0");
  Arguments arguments;
  arguments.build.jobs = mamori::default_jobs();
  arguments.package.jobs = arguments.build.jobs;
  Commands commands;
  add_build_commands(app, arguments, commands);
  add_contacts_commands(app, arguments, commands);
  commands.links = add_links_command(app, arguments);
  commands.results = add_results_command(app, arguments);
  const CLI::App* review_command = add_review_command(app, arguments);
  const CLI::App* scorm_command = add_package_command(app, arguments);
  const auto serve = add_serve_command(app);
  if (const auto status = parse(app, argc, argv)) return *status;
  if (const auto status = serve()) return *status;

  if (*review_command) return review(arguments);
  if (*scorm_command) return package_scorm(arguments);

  if (*commands.scaffold) return scaffold(arguments);
  if (*commands.links) return check_links(arguments);
  if (*commands.results) return report_results(arguments);
  if (*commands.export_contacts) return export_contacts(arguments.root, arguments.csv_file);
  if (*commands.import_contacts) return import_contacts(arguments.root, arguments.csv_file, arguments.dry_run);
  return build_site(arguments, static_cast<bool>(*commands.build));
}
