// What the last successful build saw, so that a build with nothing changed can stop early.
//
// The fingerprint covers every input a build reads (names, sizes, modification and change
// times and inodes of the files under content/, quizzes/ and themes/, mamori.toml, the
// mamori binary), the options that change the output, and today's date (pages older than
// the configured age get a notice). Symlinks are followed, as the build follows them: a
// change behind a symlinked theme folder or mamori.toml is a change. It is kept beside the
// output folder, not in it, so nothing internal is published.
//
// The state also records the output as the build left it: which marker file (device,
// inode, time) it wrote, and a digest of the output manifest (every path below the output
// with its type, size, modification and change times and inode). A site emptied,
// replaced, or with one file deleted or edited by hand is then rebuilt.
//
// The state is only a cache: a missing, corrupt or foreign state file means a full build.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/result.h"

namespace mamori {

struct BuildState {
  std::string fingerprint;
  std::string marker;  // marker_identity() of the output right after the build
  std::string output;  // output_manifest() of the output right after the build
  int pages = 0;
  std::vector<std::string> warnings;  // as printed (with caret lines)
};

std::string input_fingerprint(const std::filesystem::path& root, bool include_drafts, const Date& today);

// Where the state of the site at `out` is kept: a hidden file beside it.
std::filesystem::path state_file_for(const std::filesystem::path& out);

// Parses the text of a state file. Any bytes at all are accepted: text that is not a
// state this version wrote (wrong JSON, a wrong type anywhere, a value out of range, an
// unknown version) gives nullopt. Never throws.
std::optional<BuildState> parse_build_state(std::string_view text) noexcept;
// Whether `text` is a warning as a build stores it (format_with_caret: a printable line,
// then at most two indented lines); parse_build_state refuses a state holding another.
bool is_stored_warning(std::string_view text);
// The text write_build_state stores (parse_build_state gives `state` back).
std::string build_state_text(const BuildState& state);

std::optional<BuildState> read_build_state(const std::filesystem::path& out);
// Written after a successful commit; replaces the previous state atomically. A failure
// loses nothing but the fast path: the next build then renders everything.
Result<void> write_build_state(const std::filesystem::path& out, const BuildState& state);

// Identifies the marker file in the output ("" when there is none).
std::string marker_identity(const std::filesystem::path& out);

// A digest of every path below `out` (not following symlinks) with its type, size,
// modification and change times and inode; "" when `out` cannot be read. Any change to
// the published files changes it (a change that keeps all of these needs a clock set back).
std::string output_manifest(const std::filesystem::path& out);

}  // namespace mamori
