// The polling watcher: no kernel help, so it works on every file system.
#include <map>
#include <thread>

#include "serve/watcher.h"

namespace mamori {
namespace {

namespace fs = std::filesystem;

struct Stamp {
  uintmax_t size = 0;
  fs::file_time_type modified{};
  uintmax_t inode_hint = 0;  // hard link count: a replaced file (atomic save) usually differs in time anyway
  bool folder = false;
  friend bool operator==(const Stamp&, const Stamp&) = default;
};

using Snapshot = std::map<std::string, Stamp>;

void add_entry(const fs::path& root, const fs::directory_entry& entry, Snapshot& snapshot) {
  std::error_code ec;
  Stamp stamp;
  stamp.folder = entry.is_directory(ec);
  if (!stamp.folder) stamp.size = entry.file_size(ec);
  stamp.modified = entry.last_write_time(ec);
  stamp.inode_hint = entry.hard_link_count(ec);
  snapshot[entry.path().lexically_relative(root).generic_string()] = stamp;
}

Snapshot take_snapshot(const fs::path& root) {
  Snapshot snapshot;
  std::error_code ec;
  if (fs::exists(root / kWatchedConfig, ec)) add_entry(root, fs::directory_entry(root / kWatchedConfig, ec), snapshot);
  for (const std::string& folder : watched_folders()) {
    const auto options =
        fs::directory_options::follow_directory_symlink | fs::directory_options::skip_permission_denied;
    for (fs::recursive_directory_iterator it(root / folder, options, ec), end; !ec && it != end; it.increment(ec)) {
      if (it.depth() > 32) it.disable_recursion_pending();  // a symlink loop
      add_entry(root, *it, snapshot);
    }
  }
  return snapshot;
}

// The paths that are new, gone or different in `now`.
std::vector<std::string> differences(const Snapshot& before, const Snapshot& now) {
  std::vector<std::string> changed;
  for (const auto& [path, stamp] : now) {
    const auto old = before.find(path);
    if (old == before.end() || !(old->second == stamp)) changed.push_back(path);
  }
  for (const auto& [path, stamp] : before) {
    if (!now.contains(path)) changed.push_back(path);
  }
  return changed;
}

class PollWatcher final : public Watcher {
 public:
  PollWatcher(fs::path root, std::chrono::milliseconds interval)
      : root_(std::move(root)), interval_(interval), last_(take_snapshot(root_)), next_(Clock::now() + interval_) {}

  std::vector<std::string> wait(std::chrono::milliseconds timeout) override {
    const auto deadline = Clock::now() + timeout;
    while (true) {
      if (Clock::now() >= next_) {
        Snapshot now = take_snapshot(root_);
        next_ = Clock::now() + interval_;
        auto changed = differences(last_, now);
        last_ = std::move(now);
        if (!changed.empty()) return changed;
      }
      if (next_ >= deadline) {
        std::this_thread::sleep_until(deadline);
        return {};
      }
      std::this_thread::sleep_until(next_);
    }
  }

 private:
  using Clock = std::chrono::steady_clock;
  fs::path root_;
  std::chrono::milliseconds interval_;
  Snapshot last_;
  Clock::time_point next_;
};

}  // namespace

std::unique_ptr<Watcher> make_poll_watcher(const fs::path& root, std::chrono::milliseconds interval) {
  return std::make_unique<PollWatcher>(root, interval);
}

}  // namespace mamori
