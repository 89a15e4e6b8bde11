// One run of the link checker over its fetches (internal to links/checker.cc): which request
// starts when (per-host limits, backoff, Retry-After, a host slowed after 429), and what each
// answer means for its page (follow, retry, ask again with GET after a HEAD, or a verdict).
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "links/checker.h"
#include "links/http.h"
#include "links/timer.h"

namespace mamori {

// One fetch: a page (URL without fragment) and the fragments cited on it.
struct FetchJob {
  std::string start_url;  // without fragment
  std::string url;        // current hop
  std::set<std::string> fragments;
  HttpMethod method = HttpMethod::get;  // first_method of the current hop, GET after a HEAD that failed
  int attempt = 0;                      // retries used
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

class CheckRun {
 public:
  CheckRun(HttpTransport& transport, const Timer& timer, const CheckOptions& options, std::vector<FetchJob>& jobs,
           const std::function<void(size_t, size_t)>& progress);

  // Fetches until every job is done.
  void run();

  // The most requests that were in flight at once at any single host.
  int peak_per_host() const { return peak_per_host_; }

 private:
  void start_ready(std::chrono::milliseconds now);
  bool host_has_room(const std::string& host, std::chrono::milliseconds now);
  void start(size_t index, const std::string& host);
  std::chrono::milliseconds wait_time(std::chrono::milliseconds now) const;
  void receive(uint64_t id, const HttpResult& result);
  void on_failure(FetchJob& job, const HttpResult& result);
  void on_response(FetchJob& job, const HttpResponse& response, const std::string& host);
  void follow_redirect(FetchJob& job, int status, const std::string& location);
  void on_overload(FetchJob& job, const HttpResponse& response, const std::string& host);
  void on_success(FetchJob& job, const HttpResponse& response);
  void finish(FetchJob& job, Verdict verdict, std::string reason);
  std::chrono::milliseconds backoff(int attempt);
  bool schedule_retry(FetchJob& job, std::chrono::milliseconds delay);
  std::string out_of_time(const FetchJob& job) const;

  HttpTransport& transport_;
  const Timer& timer_;
  const CheckOptions& options_;
  std::vector<FetchJob>& jobs_;
  const std::function<void(size_t, size_t)>& progress_;
  std::mt19937 jitter_;
  std::map<std::string, int> in_flight_;                         // by host
  std::map<std::string, int> limit_;                             // by host, when lowered after a 429
  std::map<std::string, std::chrono::milliseconds> host_ready_;  // by host: no start before
  std::map<uint64_t, size_t> running_;                           // request id → job
  uint64_t next_id_ = 1;
  size_t finished_ = 0;
  int peak_per_host_ = 0;
};

}  // namespace mamori
