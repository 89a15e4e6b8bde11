// HttpTransport over the libcurl multi interface: many requests on one thread.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "links/http.h"

namespace mamori {

struct CurlOptions {
  std::string user_agent = "mamori-linkcheck/0.1 (+offline intranet portal link checker)";
  std::string ca_bundle;  // corporate TLS inspection: the company's CA file (empty: system CAs)
  // Proxies come from http_proxy / https_proxy / no_proxy, as libcurl reads them.
};

class CurlTransport final : public HttpTransport {
 public:
  explicit CurlTransport(CurlOptions options);
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  void start(uint64_t id, const HttpRequest& request) override;
  std::vector<std::pair<uint64_t, HttpResult>> poll(std::chrono::milliseconds wait) override;

  struct Transfer;  // one request in progress (defined in the .cc, used by libcurl callbacks)

 private:
  CurlOptions options_;
  void* multi_;                                           // CURLM*, owned
  std::map<void*, std::unique_ptr<Transfer>> transfers_;  // by CURL* easy handle
  std::vector<void*> idle_;                               // CURL* handles done with, owned: used again
};

}  // namespace mamori
