#include "links/checker.h"

#include <fnmatch.h>

#include <algorithm>
#include <cctype>
#include <ctime>
#include <map>
#include <random>
#include <set>

#include "core/text.h"
#include "core/url.h"
#include "links/html_probe.h"

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

namespace {

struct UrlPieces {
  std::string scheme;  // lower case
  std::string host;    // lower case, without port
  std::string port;
  std::string path;  // from the first '/' after the authority, without query and fragment; "/" when empty
  std::string rest;  // path + query (what follows the authority), without fragment
  bool ok = false;
};

UrlPieces pieces(std::string_view url) {
  UrlPieces p;
  const size_t colon = url.find("://");
  if (colon == std::string_view::npos) return p;
  p.scheme = std::string(url.substr(0, colon));
  std::transform(p.scheme.begin(), p.scheme.end(), p.scheme.begin(), [](unsigned char c) { return std::tolower(c); });
  if (p.scheme != "http" && p.scheme != "https") return p;
  std::string_view after = url.substr(colon + 3);
  const size_t hash = after.find('#');
  if (hash != std::string_view::npos) after = after.substr(0, hash);
  const size_t end = after.find_first_of("/?");
  std::string_view authority = after.substr(0, end);
  p.rest = end == std::string_view::npos ? "/" : std::string(after.substr(end));
  if (p.rest.starts_with('?')) p.rest.insert(0, "/");
  p.path = p.rest.substr(0, p.rest.find('?'));
  if (const size_t at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  const size_t port = authority.rfind(':');
  if (port != std::string_view::npos && authority.find(']') == std::string_view::npos) {
    p.port = std::string(authority.substr(port + 1));
    authority = authority.substr(0, port);
  }
  p.host = std::string(authority);
  std::transform(p.host.begin(), p.host.end(), p.host.begin(), [](unsigned char c) { return std::tolower(c); });
  if (p.port.empty()) p.port = p.scheme == "https" ? "443" : "80";
  p.ok = !p.host.empty() && p.host.find_first_of(" \t\r\n<>\"{}|\\^`") == std::string::npos &&
         std::all_of(p.port.begin(), p.port.end(), [](char c) { return c >= '0' && c <= '9'; });
  return p;
}

bool is_top_page(const std::string& path) {
  static const std::set<std::string> kTop = {"/",          "/index.html",   "/index.htm", "/index.php",
                                             "/index.jsp", "/default.aspx", "/top.html"};
  std::string folded = path;
  std::transform(folded.begin(), folded.end(), folded.begin(), [](unsigned char c) { return std::tolower(c); });
  return kTop.contains(folded);
}

// One fetch: a page (URL without fragment) and the fragments cited on it.
struct Job {
  std::string start_url;  // without fragment
  std::string url;        // current hop
  std::set<std::string> fragments;
  HttpMethod method = HttpMethod::head;
  int attempt = 0;  // retries used
  std::chrono::milliseconds ready{0};
  std::chrono::milliseconds waited{0};  // before retries so far (CheckOptions::max_total_wait)
  std::vector<int> hops;                // statuses of the redirects followed
  std::set<std::string> visited;
  bool permanent = false;
  bool in_flight = false;
  bool done = false;
  // The outcome for the page itself (fragments are judged separately).
  Verdict verdict = Verdict::ok;
  int status = 0;
  std::string reason;
  std::string final_url;
  std::string body;
  bool html = false;
  bool truncated = false;
};

// Why a Retry-After is not waited for (it asks for more than is left of the time one URL
// may wait), or nullopt when it may be.
std::optional<std::string> refused_wait(int status, std::string_view header, std::chrono::milliseconds asked,
                                        std::chrono::milliseconds waited, std::chrono::milliseconds budget) {
  if (asked <= budget - waited) return std::nullopt;
  std::string value = printable_text(header.substr(0, 40));
  while (!value.empty() && value.front() == ' ') value.erase(0, 1);
  const bool seconds = !value.empty() && value.find_first_not_of("0123456789") == std::string::npos;
  return "HTTP " + std::to_string(status) + ": the site asked to wait " + (seconds ? value + " s" : "until " + value) +
         " (Retry-After), more than " + (waited.count() > 0 ? "is left of " : "") + "the " +
         std::to_string(budget.count() / 1000) + " s mamori waits for one URL";
}

}  // namespace

std::string host_key(std::string_view url) {
  const UrlPieces p = pieces(url);
  return p.ok ? p.scheme + "://" + p.host + ":" + p.port : std::string();
}

std::string location_as_url(std::string_view location) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(location.size());
  size_t i = 0;
  while (i < location.size()) {
    const auto b = static_cast<unsigned char>(location[i]);
    if (b >= 0x80) {
      // A well-formed sequence starts here when the first bad byte (if any) comes later.
      const std::optional<size_t> bad = find_invalid_utf8(location.substr(i, 4));
      if (!bad || *bad > 0) {
        const size_t length = b >= 0xF0 ? 4 : (b >= 0xE0 ? 3 : 2);
        out.append(location.substr(i, length));
        i += length;
        continue;
      }
    }
    // Space, '"', '<', '>' and '`' too, as a browser's URL parser encodes them in a path.
    if (b < 0x20 || b >= 0x7F || std::string_view(" \"<>`").find(static_cast<char>(b)) != std::string_view::npos) {
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 0x0F];
    } else {
      out += static_cast<char>(b);
    }
    ++i;
  }
  return out;
}

std::string resolve_location(std::string_view base, std::string_view location) {
  std::string target(location);
  if (!url_scheme(target).empty()) return target;
  if (base.find("://") == std::string_view::npos || !pieces(base).ok) return target;
  const size_t authority_start = base.find("://") + 3;
  const size_t authority_end = base.find_first_of("/?#", authority_start);
  const std::string scheme(base.substr(0, authority_start - 3));
  const std::string origin(base.substr(0, authority_end));
  if (target.starts_with("//")) return scheme + ":" + target;
  if (target.starts_with('/')) return origin + target;
  const UrlPieces p = pieces(base);
  if (target.starts_with('?')) return origin + p.path + target;
  // Relative to the base path's folder, with ./ and ../ resolved.
  const std::string folder = p.path.substr(1, p.path.rfind('/'));
  const auto resolved = resolve_relative(folder, target);
  const bool keep_slash = target.ends_with('/') && resolved && !resolved->empty();
  return origin + "/" + resolved.value_or("") + (keep_slash ? "/" : "");
}

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value, int64_t now_unix) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  if (!value.empty() && std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (value.size() > 9) return std::chrono::milliseconds(std::chrono::hours(24 * 365));
    return std::chrono::seconds(std::stoll(std::string(value)));
  }
  std::tm tm{};
  const std::string text(value);
  if (strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm) == nullptr) return std::nullopt;
  const int64_t when = static_cast<int64_t>(timegm(&tm));
  return std::chrono::seconds(std::max<int64_t>(0, when - now_unix));
}

LinkChecker::LinkChecker(HttpTransport& transport, const Timer& timer, CheckOptions options)
    : transport_(transport), timer_(timer), options_(std::move(options)) {}

std::vector<LinkResult> LinkChecker::check(const std::vector<LinkTarget>& targets,
                                           const std::function<void(size_t, size_t)>& progress) {
  std::vector<LinkResult> results(targets.size());
  std::vector<Job> jobs;
  std::map<std::string, size_t> job_of_page;
  std::vector<std::pair<size_t, std::string>> target_job(targets.size(), {SIZE_MAX, ""});

  for (size_t t = 0; t < targets.size(); ++t) {
    const LinkTarget& target = targets[t];
    LinkResult& result = results[t];
    result.url = target.url;
    result.sources = target.sources;
    const std::string scheme = url_scheme(target.url);
    if (scheme == "mailto" || scheme == "tel") {
      result.verdict = Verdict::skipped;
      result.reason = scheme + ": links are not checked";
      continue;
    }
    const auto excluded = std::find_if(options_.exclude.begin(), options_.exclude.end(), [&](const std::string& p) {
      return fnmatch(p.c_str(), target.url.c_str(), 0) == 0;
    });
    if (excluded != options_.exclude.end()) {
      result.verdict = Verdict::skipped;
      result.reason = "excluded by the pattern '" + *excluded + "' in mamori.toml";
      continue;
    }
    const UrlPieces p = pieces(target.url);
    if (!p.ok || !is_web_url(target.url)) {
      result.verdict = Verdict::broken;
      result.reason = "malformed URL: it cannot be fetched";
      continue;
    }
    if (options_.offline) {
      result.verdict = Verdict::skipped;
      result.reason = "not checked (--offline)";
      continue;
    }
    const UrlParts parts = split_url(target.url);
    const std::string page = target.url.substr(0, target.url.find('#'));
    auto [it, inserted] = job_of_page.emplace(page, jobs.size());
    if (inserted) {
      Job job;
      job.start_url = page;
      job.url = page;
      job.visited.insert(page);
      jobs.push_back(std::move(job));
    }
    if (parts.has_fragment && !parts.fragment.empty()) jobs[it->second].fragments.insert(std::string(parts.fragment));
    target_job[t] = {it->second, parts.has_fragment ? std::string(parts.fragment) : std::string()};
  }

  std::mt19937 jitter(options_.jitter_seed);
  std::map<std::string, int> in_flight;                         // by host
  std::map<std::string, int> limit;                             // by host, when lowered after a 429
  std::map<std::string, std::chrono::milliseconds> host_ready;  // by host: no start before
  std::map<uint64_t, size_t> running;                           // request id → job
  uint64_t next_id = 1;
  size_t finished = 0;
  const size_t total = jobs.size();

  auto finish = [&](Job& job, Verdict verdict, std::string reason) {
    job.done = true;
    job.verdict = verdict;
    job.reason = std::move(reason);
    ++finished;
    if (progress) progress(finished, total);
  };
  auto delay_for = [&](int attempt) {
    const auto base = options_.backoff * (1LL << std::min(attempt, 10));
    std::uniform_int_distribution<int64_t> spread(0, base.count() / 2);
    return std::chrono::milliseconds(base.count() + spread(jitter));
  };
  // Said when a URL ran out of time to wait before all its retries were used.
  auto out_of_time = [&](const Job& job) -> std::string {
    if (job.attempt >= options_.retries) return {};
    return "; gave up after waiting " + std::to_string(job.waited.count() / 1000) + " s, the most for one URL";
  };
  // Schedules another try within the time one URL may wait; false when none is left.
  auto retry = [&](Job& job, std::chrono::milliseconds delay) {
    const auto left = options_.max_total_wait - job.waited;
    if (left <= std::chrono::milliseconds(0)) return false;
    delay = std::min(delay, left);
    job.waited += delay;
    ++job.attempt;
    job.ready = timer_.now() + delay;
    return true;
  };

  while (finished < total) {
    const auto now = timer_.now();
    // Start what may start: oldest first, within the limits of each host and overall.
    for (size_t j = 0; j < jobs.size() && static_cast<int>(running.size()) < options_.max_in_flight; ++j) {
      Job& job = jobs[j];
      if (job.done || job.in_flight || job.ready > now) continue;
      const std::string host = host_key(job.url);
      const int host_limit = limit.contains(host) ? limit[host] : options_.per_host;
      if (in_flight[host] >= host_limit || (host_ready.contains(host) && host_ready[host] > now)) continue;
      HttpRequest request;
      request.url = job.url;
      request.method = job.method;
      request.timeout = options_.timeout;
      request.max_body = job.fragments.empty() ? options_.title_body : options_.max_body;
      job.in_flight = true;
      ++in_flight[host];
      peak_per_host_ = std::max(peak_per_host_, in_flight[host]);
      running[next_id] = j;
      transport_.start(next_id++, request);
    }
    // Wait for answers, or until the next delayed job may start.
    std::chrono::milliseconds wait{200};
    for (const Job& job : jobs) {
      if (!job.done && !job.in_flight && job.ready > now) wait = std::min(wait, job.ready - now);
    }
    for (const auto& [host, ready] : host_ready) {
      if (ready > now) wait = std::min(wait, ready - now);
    }
    wait = std::max(wait, std::chrono::milliseconds(1));
    for (auto& [id, result] : transport_.poll(wait)) {
      const auto found = running.find(id);
      if (found == running.end()) continue;
      Job& job = jobs[found->second];
      running.erase(found);
      job.in_flight = false;
      const std::string host = host_key(job.url);
      --in_flight[host];

      if (!result.response) {
        // HEAD failed in some way: try GET before anything else.
        if (job.method == HttpMethod::head) {
          job.method = HttpMethod::get;
          continue;
        }
        const bool retryable = result.failure == FetchFailure::timeout || result.failure == FetchFailure::reset;
        if (retryable && job.attempt < options_.retries && retry(job, delay_for(job.attempt))) continue;
        switch (result.failure) {
          case FetchFailure::timeout:
            finish(job, Verdict::timeout,
                   "no answer within " + std::to_string(options_.timeout.count() / 1000) + " s, " +
                       std::to_string(job.attempt + 1) + " tries" + out_of_time(job));
            break;
          case FetchFailure::proxy:
            finish(job, Verdict::blocked, "the proxy refused: " + result.detail);
            break;
          case FetchFailure::too_large:
            finish(job, Verdict::broken, result.detail);
            break;
          case FetchFailure::dns:
            finish(job, Verdict::unreachable, "the host name does not resolve");
            break;
          case FetchFailure::connect:
            finish(job, Verdict::unreachable, "connection refused or unreachable");
            break;
          case FetchFailure::tls:
            finish(job, Verdict::unreachable, "TLS failed: " + result.detail);
            break;
          case FetchFailure::reset:
            finish(job, Verdict::unreachable, "the connection broke off: " + result.detail + out_of_time(job));
            break;
          case FetchFailure::other:
            finish(job, Verdict::unreachable, result.detail);
            break;
        }
        continue;
      }

      const HttpResponse& response = *result.response;
      const int status = response.status;
      job.status = status;
      if (status >= 300 && status < 400 && response.header("location")) {
        const std::string next = resolve_location(job.url, location_as_url(*response.header("location")));
        job.hops.push_back(status);
        if (status == 301 || status == 308) job.permanent = true;
        if (!is_web_url(next)) {
          finish(job, Verdict::broken, "redirected to '" + next + "', which is not a web page");
        } else if (job.visited.contains(next.substr(0, next.find('#')))) {
          finish(job, Verdict::unreachable, "redirect loop at " + next);
        } else if (static_cast<int>(job.hops.size()) > options_.max_redirects) {
          finish(job, Verdict::unreachable, "more than " + std::to_string(options_.max_redirects) + " redirects");
        } else {
          job.url = next.substr(0, next.find('#'));
          job.visited.insert(job.url);
          job.method = HttpMethod::head;
          job.attempt = 0;
        }
        continue;
      }
      const bool bot_wall = status == 999 || (status == 403 && response.header("cf-mitigated"));
      if (bot_wall) {
        finish(job, Verdict::blocked, "HTTP " + std::to_string(status) + ": a bot wall answered; check it by hand");
        continue;
      }
      if (status == 407) {
        finish(job, Verdict::blocked, "HTTP 407: the proxy wants credentials");
        continue;
      }
      if (status == 429 || status >= 500) {
        if (job.method == HttpMethod::head && status != 429) {
          job.method = HttpMethod::get;
          continue;
        }
        if (job.attempt < options_.retries) {
          std::chrono::milliseconds delay = delay_for(job.attempt);
          std::optional<std::string> refused;
          if (const auto after = response.header("retry-after")) {
            if (auto parsed = parse_retry_after(*after, static_cast<int64_t>(std::time(nullptr)))) {
              refused = refused_wait(status, *after, *parsed, job.waited, options_.max_total_wait);
              delay = std::min(*parsed, options_.max_retry_after);
            }
          }
          if (refused) {
            finish(job, status == 429 ? Verdict::blocked : Verdict::broken, std::move(*refused));
            continue;
          }
          if (retry(job, delay)) {
            if (status == 429) {  // the host asks us to slow down: one at a time from now on
              limit[host] = 1;
              host_ready[host] = job.ready;
            }
            continue;
          }
        }
        if (status == 429) {
          finish(job, Verdict::blocked, "HTTP 429: the site kept asking to slow down" + out_of_time(job));
        } else {
          finish(job, Verdict::broken,
                 "HTTP " + std::to_string(status) + " after " + std::to_string(job.attempt + 1) + " tries" +
                     out_of_time(job));
        }
        continue;
      }
      if (status >= 400) {
        if (job.method == HttpMethod::head) {  // some servers answer HEAD badly
          job.method = HttpMethod::get;
          continue;
        }
        finish(job, Verdict::broken, "HTTP " + std::to_string(status));
        continue;
      }
      if (status < 200 || status >= 300) {
        if (job.method == HttpMethod::head) {
          job.method = HttpMethod::get;
          continue;
        }
        finish(job, Verdict::broken, "HTTP " + std::to_string(status));
        continue;
      }
      // 2xx. An HTML page is read (partly) for its title and fragments.
      const std::string type = response.header("content-type").value_or("");
      job.html = type.empty() || is_html_content_type(type);
      if (job.html && job.method == HttpMethod::head) {
        job.method = HttpMethod::get;
        continue;
      }
      job.body = response.body;
      job.truncated = response.truncated;
      if (job.url != job.start_url) job.final_url = job.url;
      if (job.html) {
        if (const auto title = html_title(job.body); title && is_not_found_title(*title)) {
          finish(job, Verdict::broken, "soft 404: the page says \"" + *title + "\"");
          continue;
        }
      }
      if (!job.hops.empty() && is_top_page(pieces(job.url).path) && !is_top_page(pieces(job.start_url).path)) {
        finish(job, Verdict::broken, "soft 404: redirected to the site's top page " + job.url);
        continue;
      }
      if (job.permanent) {
        finish(job, Verdict::redirected, "moved permanently: cite " + job.url + " instead");
      } else {
        finish(job, Verdict::ok, job.hops.empty() ? "" : "temporarily redirected to " + job.url);
      }
    }
  }

  // Each target takes its page's verdict, and a cited #fragment must exist on the page.
  for (size_t t = 0; t < targets.size(); ++t) {
    const auto& [j, fragment] = target_job[t];
    if (j == SIZE_MAX) continue;
    const Job& job = jobs[j];
    LinkResult& result = results[t];
    result.verdict = job.verdict;
    result.status = job.status;
    result.reason = job.reason;
    result.final_url = job.final_url.empty() ? "" : job.final_url + (fragment.empty() ? "" : "#" + fragment);
    const bool page_fine = job.verdict == Verdict::ok || job.verdict == Verdict::redirected;
    if (page_fine && !fragment.empty() && job.html && !html_has_fragment(job.body, fragment)) {
      result.verdict = Verdict::broken;
      result.reason = "the page has no #" + percent_decode(fragment) +
                      (job.truncated ? " in its first " + std::to_string(options_.max_body >> 20) + " MB" : "");
    }
  }
  return results;
}

}  // namespace mamori
