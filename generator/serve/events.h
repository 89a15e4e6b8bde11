// Server-sent events: the framing, and the hub that hands each event to every open page.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace mamori {

// One event as text/event-stream frames it: "event: NAME\n", one "data: " line per line
// of `data` (so a newline in it cannot end the event early or start a forged one), and a
// blank line. CR and LF both end lines in the stream, so both split `data`; `name` must be
// a fixed token of ours.
std::string sse_frame(std::string_view name, std::string_view data);

// A comment line that keeps idle connections (and proxies) from timing out.
inline constexpr std::string_view kSseKeepAlive = ": keep-alive\n\n";

// The events sent so far, numbered; each connection waits for the ones after the last it
// sent. Only the latest few are kept: a page that falls further behind gets the newest
// (a reload or a status replaces whatever came before it). Thread-safe.
class EventHub {
 public:
  // The number the next event will get: a new connection starts here (it is sent nothing
  // from before it connected; the page asks /__mamori/status for the current state).
  uint64_t next() const;
  void publish(std::string frame);
  // The first event numbered `after` or later, with its number; nullopt after `timeout`
  // without one, or once closed.
  std::optional<std::pair<uint64_t, std::string>> wait(uint64_t after, std::chrono::milliseconds timeout);
  // Wakes every waiting connection for good (the server is stopping).
  void close();
  bool closed() const;

 private:
  static constexpr size_t kKept = 16;
  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::string> frames_;  // the latest events; frames_.back() is number next_ - 1
  uint64_t next_ = 0;
  bool closed_ = false;
};

}  // namespace mamori
