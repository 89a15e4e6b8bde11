#include "serve/debounce.h"

#include <algorithm>

namespace mamori {
namespace {

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

}  // namespace

bool is_editor_temp_file(std::string_view path) {
  const size_t slash = path.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (name.empty()) return false;
  if (name == "4913") return true;  // vim checks that it may write in the folder with this file
  for (const std::string_view suffix : {".swp", ".swx", ".swo", "~", ".kate-swp"}) {
    if (ends_with(name, suffix)) return true;
  }
  if (name.size() >= 2 && name.front() == '#' && name.back() == '#') return true;  // Emacs autosave
  if (starts_with(name, ".#")) return true;                                        // Emacs lock link
  return starts_with(name, ".~lock.") && name.back() == '#';                       // LibreOffice lock
}

Debouncer::Debouncer(std::chrono::milliseconds quiet, std::chrono::milliseconds longest)
    : quiet_(quiet), longest_(std::max(quiet, longest)) {}

void Debouncer::change(Clock::time_point now) {
  if (!first_) first_ = now;
  last_ = now;
}

bool Debouncer::due(Clock::time_point now) {
  if (!first_) return false;
  if (now - last_ < quiet_ && now - *first_ < longest_) return false;
  first_.reset();
  return true;
}

std::chrono::milliseconds Debouncer::wait_hint(Clock::time_point now) const {
  if (!first_) return std::chrono::milliseconds(0);
  const auto until = std::min(last_ + quiet_, *first_ + longest_);
  if (until <= now) return std::chrono::milliseconds(0);
  return std::chrono::ceil<std::chrono::milliseconds>(until - now);
}

}  // namespace mamori
