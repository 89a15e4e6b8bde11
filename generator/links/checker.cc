#include "links/checker.h"

#include <fnmatch.h>

#include <algorithm>
#include <cstdint>
#include <map>

#include "core/i18n.h"
#include "core/url.h"
#include "links/check_run.h"
#include "links/html_probe.h"
#include "links/page_need.h"

namespace mamori {

std::string_view verdict_name(Verdict verdict) {
  switch (verdict) {
    case Verdict::ok:
      return "ok";
    case Verdict::redirected:
      return "redirected";
    case Verdict::broken:
      return "broken";
    case Verdict::timeout:
      return "timeout";
    case Verdict::unreachable:
      return "unreachable";
    case Verdict::blocked:
      return "blocked";
    case Verdict::skipped:
      return "skipped";
  }
  return "ok";
}

bool is_failure(Verdict verdict) {
  return verdict == Verdict::broken || verdict == Verdict::timeout || verdict == Verdict::unreachable;
}

std::string host_key(std::string_view url) {
  const auto web = parse_web_url(url);
  return web ? web->scheme + "://" + web->host + ":" + web->port : std::string();
}

namespace {

// Settles a target that is not fetched (mailto:, tel:, excluded, malformed, --offline) and
// returns true; false when it must be fetched.
bool settle_unfetched(const std::string& url, const CheckOptions& options, LinkResult& result) {
  const std::string scheme = url_scheme(url);
  if (scheme == "mailto" || scheme == "tel") {
    result.verdict = Verdict::skipped;
    result.reason = format(tr("{0}: links are not checked"), scheme);
    return true;
  }
  const auto excluded = std::find_if(options.exclude.begin(), options.exclude.end(),
                                     [&](const std::string& p) { return fnmatch(p.c_str(), url.c_str(), 0) == 0; });
  if (excluded != options.exclude.end()) {
    result.verdict = Verdict::skipped;
    result.reason = format(tr("excluded by the pattern '{0}' in mamori.toml"), *excluded);
    return true;
  }
  if (!is_web_url(url)) {
    result.verdict = Verdict::broken;
    result.reason = tr("malformed URL: it cannot be fetched");
    return true;
  }
  if (options.offline) {
    result.verdict = Verdict::skipped;
    result.reason = tr("not checked (--offline)");
    return true;
  }
  return false;
}

// Where a fetched target's verdict comes from: its page's job and the fragment it cites.
struct TargetJob {
  size_t job = SIZE_MAX;  // SIZE_MAX: settled without a fetch
  std::string fragment;
};

// The fetches the targets need, one per page (URL without fragment), in the order of first
// citation.
class JobList {
 public:
  TargetJob add(const std::string& url) {
    const UrlParts parts = split_url(url);
    const std::string page = url.substr(0, url.find('#'));
    auto [it, inserted] = by_page_.emplace(page, jobs.size());
    if (inserted) {
      FetchJob job;
      job.start_url = page;
      job.url = page;
      job.method = first_method(page);
      job.visited.insert(page);
      jobs.push_back(std::move(job));
    }
    if (parts.has_fragment && !parts.fragment.empty()) jobs[it->second].fragments.insert(std::string(parts.fragment));
    return TargetJob{it->second, parts.has_fragment ? std::string(parts.fragment) : std::string()};
  }

  std::vector<FetchJob> jobs;

 private:
  std::map<std::string, size_t> by_page_;
};

// A fetched target takes its page's verdict, and a cited #fragment must exist on the page.
void take_verdict(const FetchJob& job, const std::string& fragment, const CheckOptions& options, LinkResult& result) {
  result.verdict = job.verdict;
  result.status = job.status;
  result.reason = job.reason;
  result.final_url = job.final_url.empty() ? "" : job.final_url + (fragment.empty() ? "" : "#" + fragment);
  const bool page_fine = job.verdict == Verdict::ok || job.verdict == Verdict::redirected;
  if (page_fine && !fragment.empty() && job.html && !html_has_fragment(job.body, fragment)) {
    result.verdict = Verdict::broken;
    result.reason = job.truncated ? format(tr("the page has no #{0} in its first {1} MB"), percent_decode(fragment),
                                           options.max_body >> 20)
                                  : format(tr("the page has no #{0}"), percent_decode(fragment));
  }
}

}  // namespace

LinkChecker::LinkChecker(HttpTransport& transport, const Timer& timer, CheckOptions options)
    : transport_(transport), timer_(timer), options_(std::move(options)) {}

std::vector<LinkResult> LinkChecker::check(const std::vector<LinkTarget>& targets,
                                           const std::function<void(size_t, size_t)>& progress) {
  std::vector<LinkResult> results(targets.size());
  std::vector<TargetJob> target_jobs(targets.size());
  JobList list;
  for (size_t t = 0; t < targets.size(); ++t) {
    results[t].url = targets[t].url;
    results[t].sources = targets[t].sources;
    if (!settle_unfetched(targets[t].url, options_, results[t])) target_jobs[t] = list.add(targets[t].url);
  }
  CheckRun run(transport_, timer_, options_, list.jobs, progress);
  run.run();
  peak_per_host_ = std::max(peak_per_host_, run.peak_per_host());
  for (size_t t = 0; t < targets.size(); ++t) {
    if (target_jobs[t].job != SIZE_MAX)
      take_verdict(list.jobs[target_jobs[t].job], target_jobs[t].fragment, options_, results[t]);
  }
  return results;
}

}  // namespace mamori
