// The HTTP side effect of the link checker, behind a small interface so tests can script
// every outcome (ccache's remote storage does the same): a request either gets a response
// or fails in one of a few distinct ways. Also the readings of the two headers the checker
// acts on, Location and Retry-After.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace mamori {

enum class HttpMethod { head, get };

struct HttpResponse;

struct HttpRequest {
  std::string url;
  HttpMethod method = HttpMethod::head;
  size_t max_body = 0;  // GET: stop reading after this many bytes
  std::chrono::milliseconds timeout{20000};
  // GET, when set: asked with the answer so far (status, headers, body received up to now)
  // each time more body has come; once it says true the transport hands over no more body and
  // finishes the response (HttpResponse::stopped_early). It may read on to keep the connection
  // for the next request, but only a little (CurlTransport: up to 64 KB of body in all).
  std::function<bool(const HttpResponse&)> enough;
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
  bool truncated = false;                                    // more body was there than max_body
  bool stopped_early = false;  // HttpRequest::enough said true: no body after that point was handed over

  // The value of the first header called `name`, compared ASCII case-insensitively.
  std::optional<std::string> header(std::string_view name) const;
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

// A Location header's bytes made into valid UTF-8 the way a browser does it: bytes that are
// not part of well-formed UTF-8, ASCII controls, DEL, space, '"', '<', '>' and '`' are
// percent-encoded ("/a\xFF b" → "/a%FF%20b"), so the URL followed is still the one the
// server named. (resolve_url in core/url.h then makes it absolute.)
std::string location_as_url(std::string_view location);

// Parses a Retry-After value: delta seconds, or an HTTP date ("Fri, 31 Dec 1999 23:59:59 GMT")
// taken relative to `now_unix` (seconds since 1970, UTC). A date in the past is 0; more than
// nine digits of seconds is a year. nullopt for anything else.
std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value, int64_t now_unix);

}  // namespace mamori
