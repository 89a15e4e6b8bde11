#include "serve/events.h"

namespace mamori {

std::string sse_frame(std::string_view name, std::string_view data) {
  std::string frame = "event: " + std::string(name) + "\n";
  size_t start = 0;
  while (true) {
    const size_t end = data.find_first_of("\r\n", start);
    frame += "data: " + std::string(data.substr(start, end - start)) + "\n";
    if (end == std::string_view::npos) break;
    start = end + 1;
    if (data[end] == '\r' && start < data.size() && data[start] == '\n') ++start;  // CRLF is one line end
  }
  return frame + "\n";
}

uint64_t EventHub::next() const {
  const std::lock_guard lock(mutex_);
  return next_;
}

void EventHub::publish(std::string frame) {
  {
    const std::lock_guard lock(mutex_);
    frames_.push_back(std::move(frame));
    if (frames_.size() > kKept) frames_.pop_front();
    ++next_;
  }
  changed_.notify_all();
}

std::optional<std::pair<uint64_t, std::string>> EventHub::wait(uint64_t after, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  changed_.wait_for(lock, timeout, [&] { return closed_ || next_ > after; });
  if (closed_ || next_ <= after) return std::nullopt;
  const uint64_t oldest = next_ - frames_.size();
  const uint64_t number = after < oldest ? oldest : after;
  return std::make_pair(number, frames_[number - oldest]);
}

void EventHub::close() {
  {
    const std::lock_guard lock(mutex_);
    closed_ = true;
  }
  changed_.notify_all();
}

bool EventHub::closed() const {
  const std::lock_guard lock(mutex_);
  return closed_;
}

}  // namespace mamori
