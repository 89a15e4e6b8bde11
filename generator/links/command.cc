#include "links/command.h"

#include <ctime>
#include <system_error>

#include "core/text.h"
#include "links/cache.h"
#include "links/checker.h"
#include "links/fix.h"
#include "links/report.h"
#include "site/build.h"

namespace fs = std::filesystem;

namespace mamori {
namespace {

// A diagnostic for the terminal: file names and content are untrusted bytes, so every line
// is printable_text, keeping its line breaks and tabs.
std::string terminal_safe(std::string_view text) {
  std::string out;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t end = std::min(text.find_first_of("\n\t", start), text.size());
    out += printable_text(text.substr(start, end - start));
    if (end < text.size()) out += text[end];
    start = end + 1;
  }
  return out;
}

}  // namespace

LinksRun run_links(const LinksOptions& options, const TransportFactory& make_transport, const Timer& timer) {
  LinksRun run;
  // Everything a build validates, internal links and anchors included, and the URLs cited.
  BuildOptions build;
  build.root = options.root;
  build.write = false;
  build.collect_links = true;
  build.jobs = 2;
  BuildReport built = build_site(build);
  if (built.environment_error) {
    run.notes.push_back("mamori: error: " + *built.environment_error);
    run.exit_status = 2;
    return run;
  }
  for (const auto& d : built.diagnostics.items()) run.notes.push_back(terminal_safe(format_with_caret(d)));

  // Settings: the command line over mamori.toml.
  const SiteConfig& config = built.config;
  CheckOptions check;
  check.offline = options.offline;
  check.per_host = options.per_host > 0 ? options.per_host : config.links.per_host;
  check.max_in_flight = options.max_connections;
  check.retries = options.retries >= 0 ? options.retries : config.links.retries;
  check.timeout = std::chrono::seconds(options.timeout > 0 ? options.timeout : config.links.timeout);
  check.exclude = config.links.exclude;
  const int max_age_days = options.max_age_days >= 0 ? options.max_age_days : config.links.max_age_days;

  const fs::path cache_file = options.cache.empty() ? options.root / ".mamori" / "link-cache.json" : options.cache;
  LoadedCache loaded = options.no_cache ? LoadedCache{} : load_link_cache(cache_file);
  if (loaded.warning) run.notes.push_back(*loaded.warning);
  LinkCache& cache = loaded.cache;
  const int64_t now = static_cast<int64_t>(std::time(nullptr));

  // Fresh ok results come from the cache; everything else is fetched.
  std::vector<LinkResult> results(built.links.size());
  std::vector<LinkTarget> to_fetch;
  std::vector<size_t> fetched_index;
  for (size_t i = 0; i < built.links.size(); ++i) {
    const LinkTarget& target = built.links[i];
    const auto it = cache.entries.find(target.url);
    if (!options.offline && it != cache.entries.end() &&
        is_fresh(it->second, now, static_cast<int64_t>(max_age_days) * 86400)) {
      LinkResult& r = results[i];
      r.url = target.url;
      r.sources = target.sources;
      r.verdict = it->second.verdict;
      r.status = it->second.status;
      r.final_url = it->second.final_url;
      r.reason = it->second.reason.empty() ? "checked " + it->second.checked.substr(0, 10) : it->second.reason;
      r.cached = true;
      continue;
    }
    to_fetch.push_back(target);
    fetched_index.push_back(i);
  }
  const std::unique_ptr<HttpTransport> transport = make_transport(config.links);
  LinkChecker checker(*transport, timer, check);
  const auto fetched = checker.check(to_fetch, options.progress);
  for (size_t k = 0; k < fetched.size(); ++k) results[fetched_index[k]] = fetched[k];

  if (!options.no_cache && !options.offline && loaded.may_save) {
    for (const auto& r : results) remember(cache, r, now);
    std::error_code ec;
    fs::create_directories(cache_file.parent_path(), ec);
    if (auto saved = save_link_cache(cache_file, cache); !saved) {
      run.notes.push_back("mamori: warning: cache: " + printable_text(saved.error().message));
    }
  }

  bool fix_failed = false;
  if (options.fix_redirects) {
    const FixOutcome fixed = fix_redirects(options.root, results);
    for (const auto& change : fixed.changes) {
      run.notes.push_back(printable_text("fixed " + change.file + ":" + std::to_string(change.line) + ": " +
                                         change.from + " → " + change.to));
    }
    for (const auto& refused : fixed.refused)
      run.notes.push_back("mamori: warning: not fixed " + printable_text(refused));
    for (const auto& error : fixed.errors) run.notes.push_back("mamori: error: cannot fix " + printable_text(error));
    fix_failed = !fixed.errors.empty();
  }

  switch (options.format) {
    case ReportFormat::text:
      run.report = text_report(results, cache, options.color);
      break;
    case ReportFormat::json:
      run.report = json_report(results, built.diagnostics.items());
      break;
    case ReportFormat::junit:
      run.report = junit_report(results, built.diagnostics.items());
      break;
    case ReportFormat::markdown:
      run.report = markdown_report(results, cache);
      break;
  }
  bool failed = built.diagnostics.has_errors();
  for (const auto& r : results) failed = failed || is_failure(r.verdict);
  // A file --fix-redirects could not rewrite is an environment error, like an unwritable output.
  run.exit_status = fix_failed ? 2 : failed ? 1 : 0;
  return run;
}

}  // namespace mamori
