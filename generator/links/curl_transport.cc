#include "links/curl_transport.h"

#include <curl/curl.h>

#include <algorithm>
#include <mutex>

#include "core/i18n.h"
#include "core/text.h"

namespace mamori {

struct CurlTransport::Transfer {
  uint64_t id = 0;
  HttpRequest request;
  CURL* easy = nullptr;
  HttpResponse response;
  size_t header_bytes = 0;        // of the current response
  bool header_too_large = false;  // more than HttpResponse::kMaxHeaderBytes: aborted
  size_t body_bytes = 0;          // of the body, as received (decoded), kept or not
};

namespace {

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

// After HttpRequest::enough said true, the rest of a body is still read (and dropped) while
// it is small, so that the connection can carry the next request; a larger one is cut off and
// the connection closed.
constexpr curl_off_t kDrainBytes = curl_off_t{64} << 10;

bool keep_draining(const CurlTransport::Transfer& transfer) {
  curl_off_t length = -1;
  curl_easy_getinfo(transfer.easy, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &length);
  return static_cast<curl_off_t>(transfer.body_bytes) <= kDrainBytes && length <= kDrainBytes;
}

// Whether the reader has what it needs: asked with the answer so far, the status included.
bool reader_has_enough(CurlTransport::Transfer& transfer) {
  if (!transfer.request.enough) return false;
  long status = 0;
  curl_easy_getinfo(transfer.easy, CURLINFO_RESPONSE_CODE, &status);
  transfer.response.status = static_cast<int>(status);
  return transfer.request.enough(transfer.response);
}

size_t on_body(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<CurlTransport::Transfer*>(user);
  const size_t bytes = size * count;
  transfer->body_bytes += bytes;
  if (transfer->response.stopped_early) return keep_draining(*transfer) ? bytes : 0;
  std::string& body = transfer->response.body;
  const size_t room = transfer->request.max_body > body.size() ? transfer->request.max_body - body.size() : 0;
  body.append(data, std::min(bytes, room));
  if (bytes > room) {
    transfer->response.truncated = true;
    return 0;  // enough: abort the transfer (reported as a write error, which is fine)
  }
  if (reader_has_enough(*transfer)) {
    transfer->response.stopped_early = true;
    return keep_draining(*transfer) ? bytes : 0;  // 0 aborts, as above
  }
  return bytes;
}

// Header lines arrive whole (libcurl refuses a single line over 100 KB by itself); the
// headers of one response may total at most HttpResponse::kMaxHeaderBytes.
size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<CurlTransport::Transfer*>(user);
  const std::string line(data, size * count);
  if (line.starts_with("HTTP/")) {
    transfer->response.headers.clear();  // a new response (after 100 Continue, say)
    transfer->header_bytes = 0;
  }
  transfer->header_bytes += line.size();
  if (transfer->header_bytes > HttpResponse::kMaxHeaderBytes) {
    transfer->header_too_large = true;
    return 0;  // abort the transfer
  }
  if (line.starts_with("HTTP/")) return size * count;
  const size_t colon = line.find(':');
  if (colon == std::string::npos) return size * count;
  const std::string name = ascii_lower(line.substr(0, colon));
  std::string value = line.substr(colon + 1);
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.erase(0, 1);
  while (!value.empty() && (value.back() == '\r' || value.back() == '\n' || value.back() == ' ')) value.pop_back();
  // Untrusted bytes leave the transport as valid UTF-8 (http.h).
  value = name == "location" ? location_as_url(value) : to_valid_utf8(value);
  transfer->response.headers.emplace_back(to_valid_utf8(name), std::move(value));
  return size * count;
}

FetchFailure classify(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_HOST:
      return FetchFailure::dns;
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_PROXY:
      return FetchFailure::proxy;
    case CURLE_COULDNT_CONNECT:
      return FetchFailure::connect;
    case CURLE_OPERATION_TIMEDOUT:
      return FetchFailure::timeout;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
      return FetchFailure::tls;
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
      return FetchFailure::reset;
    default:
      return FetchFailure::other;
  }
}

// libcurl refuses a header line over CURL_MAX_HTTP_HEADER (100 KB): before 8.6 it says
// "Out of memory", since then CURLE_TOO_LARGE.
bool header_line_too_long(CURLcode code) {
#if LIBCURL_VERSION_NUM >= 0x080600
  if (code == CURLE_TOO_LARGE) return true;
#endif
  return code == CURLE_OUT_OF_MEMORY;
}

}  // namespace

CurlTransport::CurlTransport(CurlOptions options) : options_(std::move(options)) {
  global_init();
  multi_ = curl_multi_init();
}

CurlTransport::~CurlTransport() {
  for (auto& [easy, transfer] : transfers_) {
    curl_multi_remove_handle(static_cast<CURLM*>(multi_), transfer->easy);
    curl_easy_cleanup(transfer->easy);
  }
  for (CURL* easy : idle_) curl_easy_cleanup(easy);
  curl_multi_cleanup(static_cast<CURLM*>(multi_));
}

void CurlTransport::start(uint64_t id, const HttpRequest& request) {
  auto transfer = std::make_unique<Transfer>();
  transfer->id = id;
  transfer->request = request;
  // A finished handle is reset and used again: a new one costs fresh buffers every request.
  CURL* easy = nullptr;
  if (idle_.empty()) {
    easy = curl_easy_init();
  } else {
    easy = idle_.back();
    idle_.pop_back();
    curl_easy_reset(easy);
  }
  transfer->easy = easy;
  curl_easy_setopt(easy, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);  // the checker follows redirects itself
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(request.timeout.count()));
  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(request.timeout.count()));
  curl_easy_setopt(easy, CURLOPT_USERAGENT, options_.user_agent.c_str());
  curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");  // whatever libcurl can decode
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  if (!options_.ca_bundle.empty()) curl_easy_setopt(easy, CURLOPT_CAINFO, options_.ca_bundle.c_str());
  if (request.method == HttpMethod::head) {
    curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
  } else {
    curl_easy_setopt(easy, CURLOPT_HTTPGET, 1L);
  }
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, transfer.get());
  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, transfer.get());
  curl_multi_add_handle(static_cast<CURLM*>(multi_), easy);
  transfers_.emplace(easy, std::move(transfer));
}

std::vector<std::pair<uint64_t, HttpResult>> CurlTransport::poll(std::chrono::milliseconds wait) {
  auto* multi = static_cast<CURLM*>(multi_);
  int running = 0;
  curl_multi_perform(multi, &running);
  // curl_multi_poll waits the whole time even with nothing running, which is what the
  // checker wants while it waits to retry.
  curl_multi_poll(multi, nullptr, 0, static_cast<int>(wait.count()), nullptr);
  curl_multi_perform(multi, &running);
  std::vector<std::pair<uint64_t, HttpResult>> done;
  int queued = 0;
  while (CURLMsg* message = curl_multi_info_read(multi, &queued)) {
    if (message->msg != CURLMSG_DONE) continue;
    CURL* easy = message->easy_handle;
    auto it = transfers_.find(easy);
    if (it == transfers_.end()) continue;
    Transfer& transfer = *it->second;
    HttpResult result;
    const CURLcode code = message->data.result;
    long status = 0;
    curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
    const bool cut = transfer.response.truncated || transfer.response.stopped_early;
    if (code == CURLE_OK || (code == CURLE_WRITE_ERROR && cut)) {
      transfer.response.status = static_cast<int>(status);
      result.response = std::move(transfer.response);
    } else {
      result.failure = classify(code);
      result.detail = curl_easy_strerror(code);
      if (transfer.header_too_large) {
        result.failure = FetchFailure::too_large;
        result.detail =
            format(tr("response header too large (more than {0} KB in all)"), HttpResponse::kMaxHeaderBytes >> 10);
      } else if (header_line_too_long(code)) {
        result.failure = FetchFailure::too_large;
        result.detail = tr("response header too large (a header line longer than 100 KB)");
      }
    }
    done.emplace_back(transfer.id, std::move(result));
    curl_multi_remove_handle(multi, easy);
    idle_.push_back(easy);
    transfers_.erase(it);
  }
  return done;
}

}  // namespace mamori
