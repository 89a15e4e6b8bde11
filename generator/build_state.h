// What the last successful build saw, so that a build with nothing changed can stop early.
//
// The fingerprint covers every input a build reads (names, sizes and modification times
// of the files under content/, quizzes/ and themes/, mamori.toml, the mamori binary), the
// options that change the output, and today's date (pages older than the configured age
// get a notice). It is kept beside the output folder, not in it, so nothing internal is
// published. The state also records which marker file (device, inode, time) the build
// left in the output, so a site replaced or emptied by hand is rebuilt.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "date.h"

namespace mamori {

struct BuildState {
  std::string fingerprint;
  std::string marker;  // marker_identity() of the output right after the build
  int pages = 0;
  std::vector<std::string> warnings;  // as printed (with caret lines)
};

std::string input_fingerprint(const std::filesystem::path& root, bool include_drafts, const Date& today);

// Where the state of the site at `out` is kept: a hidden file beside it.
std::filesystem::path state_file_for(const std::filesystem::path& out);

std::optional<BuildState> read_build_state(const std::filesystem::path& out);
// Written after a successful commit; replaces the previous state atomically.
void write_build_state(const std::filesystem::path& out, const BuildState& state);

// Identifies the marker file in the output ("" when there is none).
std::string marker_identity(const std::filesystem::path& out);

}  // namespace mamori
