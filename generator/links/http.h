// The HTTP side effect of the link checker, behind a small interface so tests can script
// every outcome (ccache's remote storage does the same): a request either gets a response
// or fails in one of a few distinct ways.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace mamori {

enum class HttpMethod { head, get };

struct HttpRequest {
  std::string url;
  HttpMethod method = HttpMethod::head;
  size_t max_body = 0;  // GET: stop reading after this many bytes
  std::chrono::milliseconds timeout{20000};
};

enum class FetchFailure {
  dns,        // the host name does not resolve
  connect,    // refused or unreachable
  tls,        // certificate or handshake
  timeout,    // no complete answer in time
  reset,      // the connection broke off
  proxy,      // the proxy refused or failed
  too_large,  // the response headers were larger than a transport accepts (detail says how)
  other,
};

// What a server sends is untrusted. A transport hands over header names and values as valid
// UTF-8 (see location_as_url for Location; other values get U+FFFD for bad bytes), at most
// kMaxHeaderBytes of headers, and the body as raw bytes.
struct HttpResponse {
  static constexpr size_t kMaxHeaderBytes = size_t{64} << 10;

  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;                                          // at most max_body bytes, as sent
  bool truncated = false;                                    // more body was there

  // The first header with this (lower-case) name.
  std::optional<std::string> header(const std::string& name) const;
};

struct HttpResult {
  std::optional<HttpResponse> response;  // set, or failure is
  FetchFailure failure = FetchFailure::other;
  std::string detail;  // the transport's words for a failure
};

// Runs requests concurrently. Limits per host are the caller's business: the transport
// starts what it is given.
class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  virtual void start(uint64_t id, const HttpRequest& request) = 0;
  // Waits at most `wait` for requests to finish and returns those that did.
  virtual std::vector<std::pair<uint64_t, HttpResult>> poll(std::chrono::milliseconds wait) = 0;
};

// Monotonic time for backoff and Retry-After, replaceable in tests.
class Timer {
 public:
  virtual ~Timer() = default;
  virtual std::chrono::milliseconds now() const = 0;
};

class SteadyTimer final : public Timer {
 public:
  std::chrono::milliseconds now() const override;
};

}  // namespace mamori
