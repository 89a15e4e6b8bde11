#include "links/check_run.h"

#include <algorithm>
#include <optional>

#include "core/i18n.h"
#include "core/result.h"
#include "core/text.h"
#include "core/url.h"
#include "links/html_probe.h"
#include "links/page_need.h"

namespace mamori {
namespace {

bool is_redirect(const HttpResponse& response) {
  return response.status >= 300 && response.status < 400 && response.header("location");
}

bool is_bot_wall(const HttpResponse& response) {
  return response.status == 999 || (response.status == 403 && response.header("cf-mitigated"));
}

// HEAD is the first try only for large downloads (first_method). What it cannot settle is asked
// again with GET: a failure of any kind, an error or odd status (some servers answer HEAD
// badly) except a bot wall's, a proxy's and 429, and an HTML page, which is read for its title
// and fragments.
bool head_cannot_settle(const HttpResult& result) {
  if (!result.response) return true;
  const HttpResponse& response = *result.response;
  const int status = response.status;
  if (is_redirect(response) || is_bot_wall(response) || status == 407 || status == 429) return false;
  if (status >= 200 && status < 300) return is_html_response(response);
  return true;
}

bool is_top_page(const std::string& path) {
  static const std::set<std::string> kTop = {"/",          "/index.html",   "/index.htm", "/index.php",
                                             "/index.jsp", "/default.aspx", "/top.html"};
  return kTop.contains(ascii_lower(path));
}

// Whether a Retry-After may be waited for: an Error saying why not when it asks for more than
// is left of the time one URL may wait.
Result<void> may_wait(int status, std::string_view header, std::chrono::milliseconds asked,
                      std::chrono::milliseconds waited, std::chrono::milliseconds budget) {
  if (asked <= budget - waited) return {};
  std::string value = printable_text(header.substr(0, 40));
  while (!value.empty() && value.front() == ' ') value.erase(0, 1);
  const bool seconds = !value.empty() && value.find_first_not_of("0123456789") == std::string::npos;
  // [seconds or a date][nothing waited yet or some]
  static constexpr const char* kPatterns[2][2] = {
      {N_("HTTP {0}: the site asked to wait until {1} (Retry-After), more than the {2} s mamori waits for one URL"),
       N_("HTTP {0}: the site asked to wait until {1} (Retry-After), more than is left of the {2} s mamori waits for "
          "one URL")},
      {N_("HTTP {0}: the site asked to wait {1} s (Retry-After), more than the {2} s mamori waits for one URL"),
       N_("HTTP {0}: the site asked to wait {1} s (Retry-After), more than is left of the {2} s mamori waits for one "
          "URL")}};
  return Error{
      format(tr(kPatterns[seconds ? 1 : 0][waited.count() > 0 ? 1 : 0]), status, value, budget.count() / 1000)};
}

}  // namespace

CheckRun::CheckRun(HttpTransport& transport, const Timer& timer, const CheckOptions& options,
                   std::vector<FetchJob>& jobs, const std::function<void(size_t, size_t)>& progress)
    : transport_(transport),
      timer_(timer),
      options_(options),
      jobs_(jobs),
      progress_(progress),
      jitter_(options.jitter_seed) {}

void CheckRun::run() {
  while (finished_ < jobs_.size()) {
    const auto now = timer_.now();
    start_ready(now);
    for (const auto& [id, result] : transport_.poll(wait_time(now))) receive(id, result);
  }
}

// Starts what may start: oldest first, within the limits of each host and overall.
void CheckRun::start_ready(std::chrono::milliseconds now) {
  for (size_t j = 0; j < jobs_.size() && static_cast<int>(running_.size()) < options_.max_in_flight; ++j) {
    const FetchJob& job = jobs_[j];
    if (job.done || job.in_flight || job.ready > now) continue;
    const std::string host = host_key(job.url);
    if (host_has_room(host, now)) start(j, host);
  }
}

bool CheckRun::host_has_room(const std::string& host, std::chrono::milliseconds now) {
  const int host_limit = limit_.contains(host) ? limit_[host] : options_.per_host;
  return in_flight_[host] < host_limit && !(host_ready_.contains(host) && host_ready_[host] > now);
}

void CheckRun::start(size_t index, const std::string& host) {
  FetchJob& job = jobs_[index];
  HttpRequest request;
  request.url = job.url;
  request.method = job.method;
  request.timeout = options_.timeout;
  request.max_body = job.fragments.empty() ? options_.title_body : options_.max_body;
  if (job.method == HttpMethod::get) {
    request.enough = [need = PageNeed(job.fragments)](const HttpResponse& so_far) mutable {
      return need.enough(so_far);
    };
  }
  job.in_flight = true;
  ++in_flight_[host];
  peak_per_host_ = std::max(peak_per_host_, in_flight_[host]);
  running_[next_id_] = index;
  transport_.start(next_id_++, request);
}

// How long to wait for answers: until the next delayed job or slowed host may start, at most
// 200 ms, at least 1 ms.
std::chrono::milliseconds CheckRun::wait_time(std::chrono::milliseconds now) const {
  std::chrono::milliseconds wait{200};
  for (const FetchJob& job : jobs_) {
    if (!job.done && !job.in_flight && job.ready > now) wait = std::min(wait, job.ready - now);
  }
  for (const auto& [host, ready] : host_ready_) {
    if (ready > now) wait = std::min(wait, ready - now);
  }
  return std::max(wait, std::chrono::milliseconds(1));
}

void CheckRun::receive(uint64_t id, const HttpResult& result) {
  const auto found = running_.find(id);
  if (found == running_.end()) return;
  FetchJob& job = jobs_[found->second];
  running_.erase(found);
  job.in_flight = false;
  const std::string host = host_key(job.url);
  --in_flight_[host];
  if (result.response) job.status = result.response->status;
  if (job.method == HttpMethod::head && head_cannot_settle(result)) {
    job.method = HttpMethod::get;
    return;
  }
  if (result.response) {
    on_response(job, *result.response, host);
  } else {
    on_failure(job, result);
  }
}

void CheckRun::on_failure(FetchJob& job, const HttpResult& result) {
  const bool retryable = result.failure == FetchFailure::timeout || result.failure == FetchFailure::reset;
  if (retryable && job.attempt < options_.retries && schedule_retry(job, backoff(job.attempt))) return;
  switch (result.failure) {
    case FetchFailure::timeout:
      return finish(job, Verdict::timeout,
                    format(tr("no answer within {0} s, {1} tries{2}"), options_.timeout.count() / 1000, job.attempt + 1,
                           out_of_time(job)));
    case FetchFailure::proxy:
      return finish(job, Verdict::blocked, format(tr("the proxy refused: {0}"), result.detail));
    case FetchFailure::too_large:
      return finish(job, Verdict::broken, result.detail);
    case FetchFailure::dns:
      return finish(job, Verdict::unreachable, tr("the host name does not resolve"));
    case FetchFailure::connect:
      return finish(job, Verdict::unreachable, tr("connection refused or unreachable"));
    case FetchFailure::tls:
      return finish(job, Verdict::unreachable, format(tr("TLS failed: {0}"), result.detail));
    case FetchFailure::reset:
      return finish(job, Verdict::unreachable,
                    format(tr("the connection broke off: {0}{1}"), result.detail, out_of_time(job)));
    case FetchFailure::other:
      return finish(job, Verdict::unreachable, result.detail);
  }
}

void CheckRun::on_response(FetchJob& job, const HttpResponse& response, const std::string& host) {
  const int status = response.status;
  if (is_redirect(response)) return follow_redirect(job, status, *response.header("location"));
  if (is_bot_wall(response)) {
    return finish(job, Verdict::blocked, format(tr("HTTP {0}: a bot wall answered; check it by hand"), status));
  }
  if (status == 407) return finish(job, Verdict::blocked, tr("HTTP 407: the proxy wants credentials"));
  if (status == 429 || status >= 500) return on_overload(job, response, host);
  if (status < 200 || status >= 300) return finish(job, Verdict::broken, "HTTP " + std::to_string(status));
  on_success(job, response);
}

void CheckRun::follow_redirect(FetchJob& job, int status, const std::string& location) {
  const std::string next = resolve_url(job.url, location_as_url(location));
  const std::string page = next.substr(0, next.find('#'));
  job.hops.push_back(status);
  if (status == 301 || status == 308) job.permanent = true;
  if (!is_web_url(next)) {
    return finish(job, Verdict::broken, format(tr("redirected to '{0}', which is not a web page"), next));
  }
  if (job.visited.contains(page)) return finish(job, Verdict::unreachable, format(tr("redirect loop at {0}"), next));
  if (static_cast<int>(job.hops.size()) > options_.max_redirects) {
    return finish(job, Verdict::unreachable, format(tr("more than {0} redirects"), options_.max_redirects));
  }
  job.url = page;
  job.visited.insert(page);
  job.method = first_method(page);
  job.attempt = 0;
}

// 429 and 5xx: retried after backoff or the Retry-After asked for, within the time one URL may
// wait; after a 429 its host gets one request at a time, none before the retry.
void CheckRun::on_overload(FetchJob& job, const HttpResponse& response, const std::string& host) {
  const int status = response.status;
  if (job.attempt < options_.retries) {
    std::chrono::milliseconds delay = backoff(job.attempt);
    if (const auto after = response.header("retry-after")) {
      if (const auto asked = parse_retry_after(*after, timer_.unix_seconds())) {
        const auto allowed = may_wait(status, *after, *asked, job.waited, options_.max_total_wait);
        if (!allowed) return finish(job, status == 429 ? Verdict::blocked : Verdict::broken, allowed.error().message);
        delay = std::min(*asked, options_.max_retry_after);
      }
    }
    if (schedule_retry(job, delay)) {
      if (status == 429) {
        limit_[host] = 1;
        host_ready_[host] = job.ready;
      }
      return;
    }
  }
  if (status == 429) {
    return finish(job, Verdict::blocked,
                  format(tr("HTTP 429: the site kept asking to slow down{0}"), out_of_time(job)));
  }
  finish(job, Verdict::broken, format(tr("HTTP {0} after {1} tries{2}"), status, job.attempt + 1, out_of_time(job)));
}

// 2xx: the page is there, unless it says it is not, or a redirect dumped it on the top page.
void CheckRun::on_success(FetchJob& job, const HttpResponse& response) {
  job.html = is_html_response(response);
  job.body = response.body;
  job.truncated = response.truncated;
  if (job.url != job.start_url) job.final_url = job.url;
  if (job.html) {
    if (const auto title = html_title(job.body); title && is_not_found_title(*title)) {
      return finish(job, Verdict::broken, format(tr("soft 404: the page says \"{0}\""), *title));
    }
  }
  if (!job.hops.empty() && is_top_page(url_path(job.url)) && !is_top_page(url_path(job.start_url))) {
    return finish(job, Verdict::broken, format(tr("soft 404: redirected to the site's top page {0}"), job.url));
  }
  if (job.permanent)
    return finish(job, Verdict::redirected, format(tr("moved permanently: cite {0} instead"), job.url));
  finish(job, Verdict::ok, job.hops.empty() ? "" : format(tr("temporarily redirected to {0}"), job.url));
}

void CheckRun::finish(FetchJob& job, Verdict verdict, std::string reason) {
  job.done = true;
  job.verdict = verdict;
  job.reason = std::move(reason);
  ++finished_;
  if (progress_) progress_(finished_, jobs_.size());
}

// The delay before retry `attempt` + 1: the backoff doubled per attempt, plus up to half again
// of jitter.
std::chrono::milliseconds CheckRun::backoff(int attempt) {
  const auto base = options_.backoff * (1LL << std::min(attempt, 10));
  std::uniform_int_distribution<int64_t> spread(0, base.count() / 2);
  return std::chrono::milliseconds(base.count() + spread(jitter_));
}

// Schedules another try within the time one URL may wait; false when none is left.
bool CheckRun::schedule_retry(FetchJob& job, std::chrono::milliseconds delay) {
  const auto left = options_.max_total_wait - job.waited;
  if (left <= std::chrono::milliseconds(0)) return false;
  delay = std::min(delay, left);
  job.waited += delay;
  ++job.attempt;
  job.ready = timer_.now() + delay;
  return true;
}

// Said when a URL ran out of time to wait before all its retries were used.
std::string CheckRun::out_of_time(const FetchJob& job) const {
  if (job.attempt >= options_.retries) return {};
  return format(tr("; gave up after waiting {0} s, the most for one URL"), job.waited.count() / 1000);
}

}  // namespace mamori
