// The preview's HTTP server (cpp-httplib): the built site under "/", and the preview's own
// endpoints under /__mamori/ (reload.js, status, events). GET and HEAD only.
//
// Safety: only regular files whose real path lies inside the built site are served (see
// request_path.h); a folder's URL serves its index.html, never a listing; requests whose
// Host is not the address the server listens on are refused when it listens on loopback
// (a web page cannot reach the preview through a DNS name it controls).
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "core/result.h"
#include "serve/events.h"
#include "serve/preview_state.h"

namespace mamori {

class PreviewServer {
 public:
  // Serves `site` (a folder the builds swap in by rename; it may not exist yet).
  PreviewServer(std::filesystem::path site, const PreviewState& state, EventHub& hub);
  ~PreviewServer();
  PreviewServer(const PreviewServer&) = delete;
  PreviewServer& operator=(const PreviewServer&) = delete;

  // Binds `host`:`port` (0: a free port); the port bound, or why not.
  Result<int> bind(const std::string& host, int port);
  // Answers requests on a thread of its own until stop().
  void start();
  // Ends every event stream and stops the server; returns when its threads are done.
  void stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// True for the addresses only this computer can reach: 127.0.0.0/8, ::1, localhost.
bool is_loopback_address(const std::string& host);

}  // namespace mamori
