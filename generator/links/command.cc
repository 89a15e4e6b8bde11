#include "links/command.h"

#include <system_error>

#include "core/i18n.h"
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

// Everything a build validates, internal links and anchors included, and the URLs cited.
BuildReport build_for_links(const LinksOptions& options) {
  BuildOptions build;
  build.root = options.root;
  build.write = false;
  build.collect_links = true;
  build.jobs = 2;
  build.clock = options.clock;
  return build_site(build);
}

// The command line over mamori.toml.
CheckOptions check_options(const LinksOptions& options, const LinkSettings& settings) {
  CheckOptions check;
  check.offline = options.offline;
  check.per_host = options.per_host > 0 ? options.per_host : settings.per_host;
  check.max_in_flight = options.max_connections;
  check.retries = options.retries >= 0 ? options.retries : settings.retries;
  check.timeout = std::chrono::seconds(options.timeout > 0 ? options.timeout : settings.timeout);
  check.exclude = settings.exclude;
  return check;
}

// A result the cache holds, taken for a fetch.
LinkResult cached_result(const LinkTarget& target, const CacheEntry& entry) {
  LinkResult r;
  r.url = target.url;
  r.sources = target.sources;
  r.verdict = entry.verdict;
  r.status = entry.status;
  r.final_url = entry.final_url;
  r.reason = entry.reason.empty() ? format(tr("checked {0}"), entry.checked.substr(0, 10)) : entry.reason;
  r.cached = true;
  return r;
}

// The URLs a run checks, and when (seconds since 1970): fresh ok results come from the cache,
// everything else is fetched.
struct CheckInput {
  const std::vector<LinkTarget>& targets;
  const LinkCache& cache;
  int64_t now = 0;
  int64_t max_age_seconds = 0;
};

std::vector<LinkResult> check_targets(const CheckInput& input, const LinksOptions& options, LinkChecker& checker) {
  std::vector<LinkResult> results(input.targets.size());
  std::vector<LinkTarget> to_fetch;
  std::vector<size_t> fetched_index;
  for (size_t i = 0; i < input.targets.size(); ++i) {
    const LinkTarget& target = input.targets[i];
    const auto it = input.cache.entries.find(target.url);
    if (!options.offline && it != input.cache.entries.end() && is_fresh(it->second, input.now, input.max_age_seconds)) {
      results[i] = cached_result(target, it->second);
      continue;
    }
    to_fetch.push_back(target);
    fetched_index.push_back(i);
  }
  const auto fetched = checker.check(to_fetch, options.progress);
  for (size_t k = 0; k < fetched.size(); ++k) results[fetched_index[k]] = fetched[k];
  return results;
}

// Records what was fetched now and writes the cache; a failure is a warning.
void update_cache(const fs::path& file, LinkCache& cache, const std::vector<LinkResult>& results, int64_t now,
                  std::vector<std::string>& notes) {
  for (const auto& r : results) remember(cache, r, now);
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  if (auto saved = save_link_cache(file, cache); !saved) {
    notes.push_back("mamori: warning: " + format(tr("cache: {0}"), printable_text(saved.error().message)));
  }
}

// --fix-redirects; false when a file could not be rewritten.
bool apply_fixes(const fs::path& root, const std::vector<LinkResult>& results, std::vector<std::string>& notes) {
  const FixOutcome fixed = fix_redirects(root, results);
  for (const auto& change : fixed.changes) {
    notes.push_back(
        printable_text(format(tr("fixed {0}:{1}: {2} → {3}"), change.file, change.line, change.from, change.to)));
  }
  for (const auto& refused : fixed.refused) {
    notes.push_back("mamori: warning: " + format(tr("not fixed {0}"), printable_text(refused)));
  }
  for (const auto& error : fixed.errors) {
    notes.push_back("mamori: error: " + format(tr("cannot fix {0}"), printable_text(error)));
  }
  return fixed.errors.empty();
}

std::string format_report(ReportFormat format, const std::vector<LinkResult>& results, const LinkCache& history,
                          const std::vector<Diagnostic>& internal, bool color) {
  switch (format) {
    case ReportFormat::text:
      return text_report(results, history, color);
    case ReportFormat::json:
      return json_report(results, internal);
    case ReportFormat::junit:
      return junit_report(results, internal);
    case ReportFormat::markdown:
      return markdown_report(results, history);
  }
  return {};
}

// 1 when a link between pages is wrong or a cited URL is broken, timeout or unreachable; 2
// when --fix-redirects could not rewrite a file (an environment error, like an unwritable
// output).
int exit_status(const Diagnostics& internal, const std::vector<LinkResult>& results, bool fixes_written) {
  if (!fixes_written) return 2;
  bool failed = internal.has_errors();
  for (const auto& r : results) failed = failed || is_failure(r.verdict);
  return failed ? 1 : 0;
}

}  // namespace

LinksRun run_links(const LinksOptions& options, const TransportFactory& make_transport, const Timer& timer) {
  LinksRun run;
  const BuildReport built = build_for_links(options);
  if (built.environment_error) {
    run.notes.push_back("mamori: error: " + *built.environment_error);
    run.exit_status = 2;
    return run;
  }
  for (const auto& d : built.diagnostics.items()) run.notes.push_back(terminal_safe(format_with_caret(d)));

  const LinkSettings& settings = built.config.links;
  const int max_age_days = options.max_age_days >= 0 ? options.max_age_days : settings.max_age_days;
  const fs::path cache_file = options.cache.empty() ? options.root / ".mamori" / "link-cache.json" : options.cache;
  LoadedCache loaded = options.no_cache ? LoadedCache{} : load_link_cache(cache_file);
  for (const auto& d : loaded.diagnostics.items()) run.notes.push_back(format_diagnostic(d));
  const CheckInput input{built.links, loaded.cache, timer.unix_seconds(), int64_t{max_age_days} * 86400};

  const std::unique_ptr<HttpTransport> transport = make_transport(settings);
  LinkChecker checker(*transport, timer, check_options(options, settings));
  const std::vector<LinkResult> results = check_targets(input, options, checker);

  if (!options.no_cache && !options.offline && loaded.may_save) {
    update_cache(cache_file, loaded.cache, results, input.now, run.notes);
  }
  const bool fixes_written = !options.fix_redirects || apply_fixes(options.root, results, run.notes);
  run.report = format_report(options.format, results, loaded.cache, built.diagnostics.items(), options.color);
  run.exit_status = exit_status(built.diagnostics, results, fixes_written);
  return run;
}

}  // namespace mamori
