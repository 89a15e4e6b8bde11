#include "serve/watcher.h"

namespace mamori {

bool is_watched_path(const std::string& relative) {
  if (relative == kWatchedConfig) return true;
  for (const std::string& folder : watched_folders()) {
    if (relative == folder || relative.starts_with(folder + "/")) return true;
  }
  return false;
}

}  // namespace mamori
