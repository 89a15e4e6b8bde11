// What changed in a project: its inputs are mamori.toml and everything under content/,
// quizzes/ and themes/. Two ways to learn of changes: inotify (fast, but blind on network
// drives and on Windows drives under WSL) and polling the files' times and sizes.
#pragma once

#include <chrono>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/result.h"

namespace mamori {

class Watcher {
 public:
  virtual ~Watcher() = default;
  // Waits at most `timeout` for changes; returns the changed paths relative to the project
  // root ('/'-separated; "" when the watcher cannot tell which file), or nothing when none
  // came. Editors' temp files are not left out here (see is_editor_temp_file).
  virtual std::vector<std::string> wait(std::chrono::milliseconds timeout) = 0;
};

// The folders below the project root whose files the build reads.
inline const std::vector<std::string>& watched_folders() {
  static const std::vector<std::string> folders = {"content", "quizzes", "themes"};
  return folders;
}
inline constexpr const char* kWatchedConfig = "mamori.toml";

// True when the relative path is one the build reads (mamori.toml, or below a watched folder).
bool is_watched_path(const std::string& relative);

// inotify on every folder below the watched ones (folders made later are added as they
// appear). An error when inotify cannot be used (then --poll is the way).
Result<std::unique_ptr<Watcher>> make_inotify_watcher(const std::filesystem::path& root);

// Compares the names, sizes, modification times and inodes of the inputs every `interval`.
std::unique_ptr<Watcher> make_poll_watcher(const std::filesystem::path& root, std::chrono::milliseconds interval);

}  // namespace mamori
