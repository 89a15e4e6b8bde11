// When to rebuild after changes: a burst of file events (an editor's atomic save writes a
// temp file, renames it, touches the folder; a "save all" writes dozens of files) becomes
// one build, started once the files have been quiet for a while.
#pragma once

#include <chrono>
#include <optional>
#include <string_view>

namespace mamori {

// True for the files editors make beside the one being edited and that a build never
// reads: vim's swap files (.swp, .swx, .swo) and its write test "4913", backups ending in
// "~", Kate's ".kate-swp", Emacs's "#name#" autosaves and ".#name" lock links, and
// LibreOffice's ".~lock.name#". `path` may be a bare name or a path ('/'-separated).
bool is_editor_temp_file(std::string_view path);

// Pure timing logic; the caller passes the time, so tests need no clock.
class Debouncer {
 public:
  using Clock = std::chrono::steady_clock;

  // A build starts once no change came for `quiet`, and at the latest `longest` after the
  // first change of the burst (so that a file written continuously still gets previewed).
  explicit Debouncer(std::chrono::milliseconds quiet = std::chrono::milliseconds(200),
                     std::chrono::milliseconds longest = std::chrono::milliseconds(2000));

  void change(Clock::time_point now);
  // True once, when the pending burst is due for a build (then it is no longer pending).
  bool due(Clock::time_point now);
  bool pending() const { return first_.has_value(); }
  // How long the caller may sleep before due() can become true (zero when nothing is pending).
  std::chrono::milliseconds wait_hint(Clock::time_point now) const;

 private:
  std::chrono::milliseconds quiet_;
  std::chrono::milliseconds longest_;
  std::optional<Clock::time_point> first_;
  Clock::time_point last_{};
};

}  // namespace mamori
