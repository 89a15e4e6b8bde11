// The inotify watcher. inotify watches one folder at a time, so every folder below the
// watched ones gets a watch, and a folder made (or moved in) later gets one when its
// event arrives. The project root itself is watched for mamori.toml and for the watched
// folders being made, replaced or removed.
#include <poll.h>
#include <sys/inotify.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <map>

#include "core/i18n.h"
#include "core/text.h"
#include "serve/watcher.h"

namespace mamori {
namespace {

namespace fs = std::filesystem;

constexpr uint32_t kEvents = IN_CREATE | IN_DELETE | IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_FROM | IN_MOVED_TO |
                             IN_ATTRIB | IN_DELETE_SELF | IN_MOVE_SELF;

class InotifyWatcher final : public Watcher {
 public:
  InotifyWatcher(fs::path root, int fd) : root_(std::move(root)), fd_(fd) {}
  ~InotifyWatcher() override { close(fd_); }
  InotifyWatcher(const InotifyWatcher&) = delete;
  InotifyWatcher& operator=(const InotifyWatcher&) = delete;

  // Watches `relative` ("" for the root) and, unless it is the root, every folder below it.
  bool watch_tree(const std::string& relative) {
    if (!watch_folder(relative)) return false;
    if (relative.empty()) return true;
    std::error_code ec;
    const auto options =
        fs::directory_options::follow_directory_symlink | fs::directory_options::skip_permission_denied;
    for (fs::recursive_directory_iterator it(root_ / relative, options, ec), end; !ec && it != end; it.increment(ec)) {
      if (it.depth() > 32) it.disable_recursion_pending();  // a symlink loop
      if (it->is_directory(ec)) watch_folder(it->path().lexically_relative(root_).generic_string());
    }
    return true;
  }

  std::vector<std::string> wait(std::chrono::milliseconds timeout) override {
    pollfd ready{fd_, POLLIN, 0};
    if (poll(&ready, 1, static_cast<int>(timeout.count())) <= 0) return {};
    alignas(inotify_event) std::array<char, size_t{64} * 1024> buffer{};
    const ssize_t length = read(fd_, buffer.data(), buffer.size());
    if (length <= 0) return {};
    std::vector<std::string> changed;
    for (ssize_t at = 0; at < length;) {
      const auto* event = reinterpret_cast<const inotify_event*>(buffer.data() + at);
      at += static_cast<ssize_t>(sizeof(inotify_event) + event->len);
      handle(*event, changed);
    }
    return changed;
  }

 private:
  bool watch_folder(const std::string& relative) {
    const uint32_t mask = relative.empty() ? (kEvents & ~(IN_DELETE_SELF | IN_MOVE_SELF)) : kEvents;
    const int wd = inotify_add_watch(fd_, (root_ / relative).c_str(), mask);
    if (wd < 0) return false;
    folders_[wd] = relative;
    return true;
  }

  void handle(const inotify_event& event, std::vector<std::string>& changed) {
    if (event.mask & IN_Q_OVERFLOW) {  // events were lost: rebuild to be sure
      changed.emplace_back();
      return;
    }
    if (event.mask & IN_IGNORED) {
      folders_.erase(event.wd);
      return;
    }
    const auto folder = folders_.find(event.wd);
    if (folder == folders_.end()) return;
    const std::string name = event.len > 0 ? std::string(event.name, strnlen(event.name, event.len)) : "";
    const std::string relative = folder->second.empty() ? name
                                 : name.empty()         ? folder->second
                                                        : folder->second + "/" + name;
    if (!is_watched_path(relative)) return;
    const bool new_folder = (event.mask & IN_ISDIR) && (event.mask & (IN_CREATE | IN_MOVED_TO));
    if (new_folder) watch_tree(relative);
    changed.push_back(relative);
  }

  fs::path root_;
  int fd_;
  std::map<int, std::string> folders_;  // watch descriptor → folder relative to the root
};

}  // namespace

Result<std::unique_ptr<Watcher>> make_inotify_watcher(const fs::path& root) {
  const int fd = inotify_init1(IN_CLOEXEC | IN_NONBLOCK);
  if (fd < 0) return Error{format(tr("cannot watch the project for changes: {0} (try --poll)"), std::strerror(errno))};
  auto watcher = std::make_unique<InotifyWatcher>(root, fd);
  if (!watcher->watch_tree("")) {
    return Error{format(tr("cannot watch {0}: {1} (try --poll)"), printable_text(root.string()), std::strerror(errno))};
  }
  for (const std::string& folder : watched_folders()) {
    std::error_code ec;
    if (fs::is_directory(root / folder, ec) && !watcher->watch_tree(folder)) {
      return Error{format(tr("cannot watch {0}: {1} (try --poll)"), printable_text((root / folder).string()),
                          std::strerror(errno))};
    }
  }
  return std::unique_ptr<Watcher>(std::move(watcher));
}

}  // namespace mamori
