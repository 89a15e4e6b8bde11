// The mamori command line: parses arguments and calls the library. Nothing else.
#include <unistd.h>
#include <CLI/CLI.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <iomanip>
#include <iostream>
#include <map>
#include <memory>
#include <optional>
#include <regex>
#include <sstream>

#include "cli/version.h"
#include "contacts/export.h"
#include "contacts/import.h"
#include "core/files.h"
#include "core/i18n.h"
#include "core/parallel.h"
#include "core/spellcheck.h"
#include "core/text.h"
#include "links/command.h"
#include "links/curl_transport.h"
#include "package/scorm_package.h"
#include "results/command.h"
#include "serve/serve_command.h"
#include "site/build.h"
#include "site/config.h"
#include "site/review_command.h"
#include "site/scaffold.h"

namespace {

constexpr int kUsageError = 2;

using mamori::format;
using mamori::tr;
using mamori::tr_n;

void print_diagnostics(const mamori::Diagnostics& diagnostics) {
  for (const auto& d : diagnostics.items()) std::cerr << mamori::format_with_caret(d) << '\n';
}

// Text from files, file names and the command line, as it may be shown on a terminal.
std::string shown(std::string_view text) {
  return mamori::printable_text(text);
}

unsigned long plural(int n) {
  return static_cast<unsigned long>(n);
}
std::string pages(int n) {
  return format(tr_n("{0} page", "{0} pages", plural(n)), n);
}
std::string errors(int n) {
  return format(tr_n("{0} error", "{0} errors", plural(n)), n);
}
std::string warnings(int n) {
  return format(tr_n("{0} warning", "{0} warnings", plural(n)), n);
}

// "mamori: error: " stays English in every language, as the prefix of a diagnostic does:
// scripts look for it.
void print_error(std::string_view message) {
  std::cerr << "mamori: error: " << shown(message) << '\n';
}

int finish(const mamori::BuildReport& report, bool wrote, double seconds) {
  if (report.up_to_date) {
    for (const auto& warning : report.earlier_warnings) std::cerr << warning << '\n';
    const int warned = static_cast<int>(report.earlier_warnings.size());
    const std::string counted =
        warned ? format(tr("{0}, {1}"), pages(report.pages), warnings(warned)) : pages(report.pages);
    std::cout << format(tr("mamori: nothing changed since the last build; {0} is up to date ({1})"),
                        shown(report.out.string()), counted)
              << '\n';
    return 0;
  }
  print_diagnostics(report.diagnostics);
  if (report.environment_error) {
    print_error(*report.environment_error);
    return report.exit_status();
  }
  const int errored = report.diagnostics.error_count();
  const int warned = report.diagnostics.warning_count();
  if (errored > 0) {
    const std::string counted = format(tr("{0}, {1}"), errors(errored), warnings(warned));
    std::cerr << (wrote ? format(tr("mamori: {0}; the site was not changed"), counted) : "mamori: " + counted) << '\n';
    return report.exit_status();
  }
  std::ostringstream elapsed_text;
  elapsed_text << std::fixed << std::setprecision(2) << seconds;
  const std::string elapsed = elapsed_text.str();
  if (wrote) {
    const std::string built =
        format(tr("mamori: built {0} into {1} in {2} s"), pages(report.pages), shown(report.out.string()), elapsed);
    std::cout << (warned ? format(tr("{0} ({1})"), built, warnings(warned)) : built) << '\n';
  } else {
    std::cout << (warned ? format(tr("mamori: checked {0}: no errors, {1}"), pages(report.pages), warnings(warned))
                         : format(tr("mamori: checked {0}: no errors"), pages(report.pages)))
              << '\n';
  }
  return report.exit_status();
}

// A one-line progress bar on stderr (only when it is a terminal).
void print_progress(size_t done, size_t total) {
  constexpr size_t kWidth = 30;
  const size_t filled = total == 0 ? kWidth : done * kWidth / total;
  std::cerr << '\r' << format(tr("checking links {0}/{1}"), done, total) << " [" << std::string(filled, '#')
            << std::string(kWidth - filled, ' ') << "]" << std::flush;
}

int export_contacts(const std::string& root, const std::string& csv_file) {
  const auto result = mamori::export_contacts(root, csv_file);
  if (!result) {
    print_error(result.error().message);
    return kUsageError;
  }
  if (result->diagnostics.has_errors()) {
    print_diagnostics(result->diagnostics);
    std::cerr << tr("mamori: fix content/contacts.toml first; nothing was exported") << '\n';
    return 1;
  }
  const int n = static_cast<int>(result->contacts);
  std::cout << format(tr_n("mamori: wrote {0} contact to {1} (UTF-8 CSV for Excel)",
                           "mamori: wrote {0} contacts to {1} (UTF-8 CSV for Excel)", plural(n)),
                      n, shown(csv_file))
            << '\n';
  return 0;
}

int import_contacts(const std::string& root, const std::string& csv_file, bool dry_run) {
  mamori::ImportResult result = mamori::import_contacts(root, csv_file, dry_run);
  if (result.environment_error) {
    print_error(*result.environment_error);
    return kUsageError;
  }
  mamori::Diagnostics& diagnostics = result.diagnostics;
  diagnostics.sort();
  print_diagnostics(diagnostics);
  if (diagnostics.has_errors()) {
    std::cerr << format(tr("mamori: {0}; content/contacts.toml was not changed"), errors(diagnostics.error_count()))
              << '\n';
    return 1;
  }
  if (result.changes.empty()) {
    std::cout << format(tr("mamori: content/contacts.toml already matches {0}; nothing to change"), shown(csv_file))
              << '\n';
    return 0;
  }
  std::cout << (dry_run ? tr("mamori: importing would change content/contacts.toml:")
                        : tr("mamori: updated content/contacts.toml:"))
            << '\n';
  for (const auto& change : result.changes) std::cout << "  " << shown(change) << '\n';
  if (!result.backup.empty())
    std::cout << format(tr("The previous file is kept as {0}"), shown(result.backup.string())) << '\n';
  if (dry_run) std::cout << tr("Nothing was written (--dry-run).") << '\n';
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
  CLI::App* build = app.add_subcommand("build", tr("render the portal into ROOT/site (or --out)"));
  build->add_option("--root", a.root, tr("the project folder (holds mamori.toml)"))->check(CLI::ExistingDirectory);
  build->add_option("--out", a.out, tr("where to put the site (default ROOT/site)"));
  build->add_flag("--drafts", a.build.include_drafts, tr("include pages with draft = true"));
  build->add_option("--jobs,-j", a.build.jobs, tr("threads to render with (default: the number of cores)"))
      ->check(CLI::Range(1, 256));

  CLI::App* check = app.add_subcommand("check", tr("validate everything a build would, write nothing"));
  check->add_option("--root", a.root, tr("the project folder (holds mamori.toml)"))->check(CLI::ExistingDirectory);
  check->add_flag("--drafts", a.build.include_drafts, tr("include pages with draft = true"));
  check->add_option("--jobs,-j", a.build.jobs, tr("threads to use"))->check(CLI::Range(1, 256));

  CLI::App* scaffold = app.add_subcommand("new", tr("scaffold a page or a quiz with valid front matter or TOML"));
  scaffold->add_option("kind", a.kind, tr("what to create: page or quiz"))
      ->required()
      ->check(CLI::IsMember({"page", "quiz"}));
  scaffold
      ->add_option("path", a.new_path,
                   tr("a page: its path under content/, like cyber/backup.md; a quiz: [SECTION/]ID, like "
                      "cyber/backup-check"))
      ->required();
  scaffold->add_option("--root", a.root, tr("the project folder (holds mamori.toml)"))->check(CLI::ExistingDirectory);
  commands.build = build;
  commands.check = check;
  commands.scaffold = scaffold;
}

void add_contacts_commands(CLI::App& app, Arguments& a, Commands& commands) {
  CLI::App* contacts = app.add_subcommand("contacts", tr("the contact table's Excel round trip"));
  contacts->require_subcommand(1);
  CLI::App* export_cmd =
      contacts->add_subcommand("export", tr("write content/contacts.toml as a CSV that Excel opens"));
  export_cmd->add_option("file", a.csv_file, tr("the CSV file to write"))->required();
  export_cmd->add_option("--root", a.root, tr("the project folder (holds mamori.toml)"))->check(CLI::ExistingDirectory);
  CLI::App* import_cmd = contacts->add_subcommand("import", tr("validate a CSV and replace content/contacts.toml"));
  import_cmd->add_option("file", a.csv_file, tr("the CSV file to read (UTF-8 or Shift_JIS)"))->required();
  import_cmd->add_option("--root", a.root, tr("the project folder (holds mamori.toml)"))->check(CLI::ExistingDirectory);
  import_cmd->add_flag("--dry-run", a.dry_run, tr("show what would change, write nothing"));
  commands.export_contacts = export_cmd;
  commands.import_contacts = import_cmd;
}

CLI::App* add_links_command(CLI::App& app, Arguments& a) {
  CLI::App* links = app.add_subcommand("links", tr("check every URL the portal cites, and every link between pages"));
  links->add_option("--root", a.root, tr("the project folder (holds mamori.toml)"))->check(CLI::ExistingDirectory);
  links->add_flag("--offline", a.links.offline, tr("check only links between pages; skip every external URL"));
  links->add_option("--format", a.format, tr("text, json, junit or markdown"))
      ->check(CLI::IsMember({"text", "json", "junit", "markdown"}));
  links->add_option("--timeout", a.links.timeout, tr("seconds per request (default 20)"))->check(CLI::Range(1, 300));
  links->add_option("--retries", a.links.retries, tr("retries for 5xx, 429, timeouts and resets (default 2)"))
      ->check(CLI::Range(0, 10));
  links->add_option("--per-host", a.links.per_host, tr("requests in flight per host (default 2)"))
      ->check(CLI::Range(1, 8));
  links->add_option("--max-connections", a.links.max_connections, tr("requests in flight in all (default 16)"))
      ->check(CLI::Range(1, 256));
  links->add_option("--cache", a.cache_file, tr("the cache file (default ROOT/.mamori/link-cache.json)"));
  links->add_flag("--no-cache", a.links.no_cache, tr("neither read nor write the cache"));
  links->add_option("--max-age", a.links.max_age_days, tr("days an ok result in the cache is trusted (default 7)"))
      ->check(CLI::Range(0, 365));
  links->add_option("--ca-bundle", a.ca_bundle, tr("CA certificates to trust (corporate TLS inspection)"))
      ->check(CLI::ExistingFile);
  links->add_option("--user-agent", a.user_agent, tr("the User-Agent header to send"))
      ->check(CLI::Validator(
          [](const std::string& value) {
            return mamori::is_header_value(value) ? std::string() : tr("printable ASCII on one line");
          },
          ""));
  links->add_flag("--fix-redirects", a.links.fix_redirects,
                  tr("replace permanently redirected URLs in the Markdown and TOML files"));
  return links;
}

// The first word of the command line that is not an option: the command the user meant.
std::string first_word(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--lang") ++i;
    if (!arg.starts_with('-')) return std::string(arg);
  }
  return "";
}

// CLI11's complaint about the command line (English, as CLI11 words it) in the chosen
// language; a command that is not one gets "did you mean".
std::string usage_problem(const CLI::App& app, const std::string& what, const std::string& word) {
  std::vector<std::string> commands;
  for (const CLI::App* sub : app.get_subcommands({})) commands.push_back(sub->get_name());
  std::smatch m;
  const bool command = std::find(commands.begin(), commands.end(), word) != commands.end();
  if (what == "A subcommand is required" && !word.empty() && !command)
    return format(tr("'{0}' is not a mamori command{1}"), shown(word), mamori::did_you_mean(word, commands));
  if (what == "A subcommand is required") return tr("A subcommand is required");
  if (std::regex_match(what, m, std::regex("The following arguments? (?:was|were) not expected: (.*)")))
    return format(tr("The following argument was not expected: {0}"), m[1].str());
  if (std::regex_match(what, m, std::regex("(.+): Value (.+) not in range (.+) to (.+)")))
    return format(tr("{0}: {1} is out of range; give {2} to {3}"), m[1].str(), m[2].str(), m[3].str(), m[4].str());
  if (std::regex_match(what, m, std::regex("(.+): (.+) not in \\{(.*)\\}")))
    return format(tr("{0}: {1} is not one of {2}"), m[1].str(), m[2].str(), m[3].str());
  if (std::regex_match(what, m, std::regex("(.+) is required"))) return format(tr("{0} is required"), m[1].str());
  return what;
}

// The exit status when the command line is not one to run (help, version, a mistake).
std::optional<int> parse(CLI::App& app, int argc, char** argv) {
  const std::string word = first_word(argc, argv);
  app.failure_message([word](const CLI::App* failed, const CLI::Error& e) {
    return usage_problem(*failed, e.what(), word) + "\n" + tr("Run with --help for more information.") + "\n";
  });
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
      app.add_subcommand("results", tr("the completion report from the quiz result files employees hand in"));
  results->add_option("inputs", a.result_inputs, tr("result files (JSON or CSV) and folders holding them"))->required();
  results->add_option("--roster", a.results.roster, tr("who should take the training: CSV with 社員番号, 氏名, 所属"))
      ->check(CLI::ExistingFile);
  results->add_option("--out", a.results.out,
                      tr("write 受講状況.csv, report.html and completion.json into this folder"));
  results->add_option("--format", a.results.format, tr("what to print: text, csv, json or html"))
      ->check(CLI::IsMember({"text", "csv", "json", "html"}));
  results->add_option("--root", a.root, tr("the project folder, for today's quizzes (default .)"))
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
      app.add_subcommand("review", tr("list the pages and the contact table overdue for review, oldest first"));
  review->add_option("--format", a.format, tr("text or csv (UTF-8 for Excel)"))->check(CLI::IsMember({"text", "csv"}));
  review->add_option("--root", a.root, tr("the project folder (holds mamori.toml)"))->check(CLI::ExistingDirectory);
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
  CLI::App* package = app.add_subcommand("package", tr("the portal as a package for another system"));
  package->require_subcommand(1);
  CLI::App* scorm =
      package->add_subcommand("scorm", tr("a SCORM package for the company LMS: one scored item per quiz"));
  scorm->add_option("--version", a.scorm_version, tr("1.2 (default; nearly every LMS) or 2004 (4th edition)"))
      ->check(CLI::IsMember({"1.2", "2004"}));
  scorm->add_option("--quiz", a.package.quizzes, tr("a quiz to include (repeat it; default: every scored quiz)"));
  scorm->add_option("--out", a.out, tr("the zip file to write (default ROOT/scorm-VERSION.zip)"));
  scorm->add_option("--root", a.root, tr("the project folder (holds mamori.toml)"))->check(CLI::ExistingDirectory);
  scorm->add_option("--jobs,-j", a.package.jobs, tr("threads to render with"))->check(CLI::Range(1, 256));
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
  if (run.build.environment_error) print_error(*run.build.environment_error);
  if (run.error) print_error(*run.error);
  if (run.exit_status() != 0) {
    std::cerr << tr("mamori: no package was written") << '\n';
    return run.exit_status();
  }
  std::string quizzes;
  for (const auto& id : run.items) quizzes += (quizzes.empty() ? "" : ", ") + id;
  std::cout << format(tr_n("mamori: wrote {0} (SCORM {1}, {2} file; scored items: {3})",
                           "mamori: wrote {0} (SCORM {1}, {2} files; scored items: {3})", plural(run.files)),
                      shown(run.out.string()), a.scorm_version, run.files, shown(quizzes))
            << '\n';
  return 0;
}

int scaffold(const Arguments& a) {
  const mamori::SystemClock clock;
  auto result = a.kind == "quiz" ? mamori::scaffold_quiz(a.root, a.new_path)
                                 : mamori::scaffold_page(a.root, a.new_path, clock.today());
  if (!result) {
    print_error(result.error().message);
    return kUsageError;
  }
  const auto& done = *result;
  std::cout << format(tr("mamori: wrote {0}"), shown(done.file.string())) << '\n';
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

// The value of `--name VALUE` or `--name=VALUE` in argv, looked up before the command line
// is parsed (the help text is already in the chosen language).
std::optional<std::string> argument(int argc, char** argv, std::string_view name) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == name && i + 1 < argc) return std::string(argv[i + 1]);
    if (arg.starts_with(name) && arg.size() > name.size() && arg[name.size()] == '=')
      return std::string(arg.substr(name.size() + 1));
  }
  return std::nullopt;
}

// The language of messages: --lang, else the locale, else mamori.toml's `language`
// (in --root, else the current folder), else English.
mamori::Language choose_language(int argc, char** argv) {
  if (const auto lang = argument(argc, argv, "--lang"))
    if (const auto chosen = mamori::parse_language(*lang)) return *chosen;
  if (const auto chosen = mamori::language_from_environment()) return *chosen;
  const std::filesystem::path root = argument(argc, argv, "--root").value_or(".");
  if (const auto text = mamori::read_file(root / "mamori.toml", size_t{1} << 20))
    if (const auto chosen = mamori::configured_language(*text)) return *chosen;
  return mamori::Language::en;
}

// CLI11's own words in --help, in the chosen language (its parse errors stay English).
void translate_help(CLI::App& app) {
  auto formatter = app.get_formatter();
  formatter->label("Usage", tr("Usage"));
  formatter->label("OPTIONS", tr("OPTIONS"));
  formatter->label("SUBCOMMAND", tr("SUBCOMMAND"));
  formatter->label("REQUIRED", tr("REQUIRED"));
  formatter->label("Positionals", tr("Positionals"));
  app.option_defaults()->group(tr("Options"));
  app.set_help_flag("-h,--help", tr("Print this help message and exit"));
}

// Subcommands are listed under "Subcommands"; CLI11 names that group when each is added.
void translate_subcommand_groups(CLI::App& app) {
  for (CLI::App* sub : app.get_subcommands({})) {
    sub->group(tr("Subcommands"));
    if (CLI::Option* help = sub->get_help_ptr()) help->group(tr("Options"));
    translate_subcommand_groups(*sub);
  }
}

// `mamori serve`; the returned function runs it when it was the command given (nullopt otherwise).
std::function<std::optional<int>()> add_serve_command(CLI::App& app) {
  auto options = std::make_shared<mamori::ServeOptions>();
  options->jobs = mamori::default_jobs();
  CLI::App* serve =
      app.add_subcommand("serve", tr("preview the portal in a browser; rebuilds and reloads as you edit"));
  serve->add_option("--root", options->root, tr("the project folder (holds mamori.toml)"))
      ->check(CLI::ExistingDirectory);
  serve->add_option("--port", options->port, tr("the port to listen on (default 1111; 0: any free port)"))
      ->check(CLI::Range(0, 65535));
  serve->add_option("--bind", options->bind, tr("the address to listen on (default 127.0.0.1: this computer only)"));
  serve->add_flag("--drafts", options->include_drafts, tr("include pages with draft = true"));
  serve->add_flag("--poll", options->poll, tr("check files for changes by polling (network drives, WSL)"));
  return [serve, options]() -> std::optional<int> {
    if (!*serve) return std::nullopt;
    return mamori::run_serve(*options, std::cout, std::cerr);
  };
}

}  // namespace

int main(int argc, char** argv) {
  mamori::set_language(choose_language(argc, argv), mamori::default_locale_dirs());
  CLI::App app{tr("mamori — builds the economic-security and cyber-security awareness portal")};
  translate_help(app);
  app.require_subcommand(1);
  app.fallthrough();
  std::string lang;
  app.add_option("--lang", lang, tr("the language of messages: ja or en (default: the locale, then mamori.toml)"))
      ->check(CLI::IsMember({"ja", "en"}));
  app.set_version_flag("--version", mamori::version_text,
                       tr("print the version of mamori and of the libraries it uses"));
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
  translate_subcommand_groups(app);
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
