// What the preview knows about its builds, for /__mamori/status and the events: how many
// builds ran, whether the last one failed and with which problems. Thread-safe.
#pragma once

#include <mutex>
#include <string>

#include "core/diagnostic.h"

namespace mamori {

class PreviewState {
 public:
  // Records a finished build: `diagnostics` are its problems (only errors are shown);
  // `changed`: it swapped in a new site (the one served is now this build's).
  void record(bool ok, const Diagnostics& diagnostics, bool changed);
  // Records a build that could not run at all (the message is already in words).
  void record_failure(const std::string& message);
  // Whether a good build ever finished (there is a site to serve).
  bool has_site() const;
  int builds() const;
  // The number of the build whose site is being served (0 before the first good one).
  int site() const;

  // The status as JSON, with the overlay's labels in the current language:
  // {"build":N,"site":S,"ok":true|false,"language":"en"|"ja",
  //  "problems":[{"path","line","column","message","text"}],"labels":{"title","hint","close"}}.
  // "build" counts every build run, "site" is the build being served; "text" is the
  // `path:line:col: error: message` line.
  std::string status_json() const;

 private:
  mutable std::mutex mutex_;
  int builds_ = 0;
  bool ok_ = true;
  int site_ = 0;
  Diagnostics problems_;
};

}  // namespace mamori
