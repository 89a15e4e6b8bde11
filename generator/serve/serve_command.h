// `mamori serve`: builds the site into a private folder, serves it on loopback, rebuilds
// when a file the build reads changes and tells open pages to reload (docs/serve.md).
#pragma once

#include <chrono>
#include <filesystem>
#include <ostream>
#include <string>

namespace mamori {

struct ServeOptions {
  std::filesystem::path root = ".";
  std::string bind = "127.0.0.1";  // another address makes the preview reachable from other computers
  int port = 1111;                 // 0: any free port
  bool include_drafts = false;
  bool poll = false;  // poll file times instead of inotify (network drives, WSL)
  int jobs = 1;
  std::chrono::milliseconds poll_interval{500};
};

// Runs until SIGINT or SIGTERM, then removes the private folder. Lines for the user go to
// `out` (the address, each build) and `err` (diagnostics, warnings, errors). Exit status:
// 0 stopped by a signal; 2 could not start (no project, the port is taken, no watcher).
// Blocks SIGINT and SIGTERM in the calling thread (and so in every thread it starts).
int run_serve(const ServeOptions& options, std::ostream& out, std::ostream& err);

}  // namespace mamori
