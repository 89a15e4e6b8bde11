// Checking cited URLs: one fetch per page however often it is cited, politely (a few
// requests per host at a time, backing off on 429 and 5xx), with verdicts an editor can
// act on (README, "Checking the cited URLs").
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "links/http.h"
#include "links/timer.h"
#include "site/cited_urls.h"

namespace mamori {

enum class Verdict { ok, redirected, broken, timeout, unreachable, blocked, skipped };
std::string_view verdict_name(Verdict verdict);
// broken, timeout and unreachable make `mamori links` exit with 1.
bool is_failure(Verdict verdict);

struct LinkResult {
  std::string url;
  Verdict verdict = Verdict::ok;
  int status = 0;
  std::string final_url;  // where redirects led (set when different from url)
  std::string reason;     // in words, for the report
  std::vector<LinkSource> sources;
  bool cached = false;  // taken from the cache, not fetched in this run
};

struct CheckOptions {
  int per_host = 2;                                  // requests in flight per host
  int max_in_flight = 16;                            // in all
  int retries = 2;                                   // after the first try, for 5xx, 429, timeouts, resets
  std::chrono::milliseconds timeout{20000};          // per request
  std::chrono::milliseconds backoff{1000};           // first retry delay; doubles, plus jitter
  std::chrono::milliseconds max_retry_after{60000};  // a longer Retry-After is cut to this
  // All the waiting before the retries of one URL (backoff and Retry-After together) stays
  // within this: a Retry-After beyond what is left ends the URL at once, saying so.
  std::chrono::milliseconds max_total_wait{60000};
  int max_redirects = 10;
  size_t max_body = size_t{2} << 20;     // read at most this much of a page (fragments)
  size_t title_body = size_t{64} << 10;  // … or this much when only the title matters
  std::vector<std::string> exclude;      // shell patterns (fnmatch), e.g. "https://intra.example.jp/*"
  bool offline = false;                  // skip every external URL
  uint32_t jitter_seed = 1;
};

class LinkChecker {
 public:
  // `timer` is read for every delay and for the date a Retry-After names.
  LinkChecker(HttpTransport& transport, const Timer& timer, CheckOptions options);

  // Checks every target and returns one result per target, in the given order.
  // `progress(done, total)` is called as fetches finish.
  std::vector<LinkResult> check(const std::vector<LinkTarget>& targets,
                                const std::function<void(size_t, size_t)>& progress = {});

  // The largest number of requests that were in flight at once for any single host.
  int peak_per_host() const { return peak_per_host_; }

 private:
  HttpTransport& transport_;
  const Timer& timer_;
  CheckOptions options_;
  int peak_per_host_ = 0;
};

// "scheme://host:port" in lower case (parse_web_url in core/url.h), the unit of politeness;
// "" for a URL that cannot be fetched.
std::string host_key(std::string_view url);

}  // namespace mamori
