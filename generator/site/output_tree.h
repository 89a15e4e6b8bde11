// Writing the site so that a failed or interrupted build never damages the previous one.
//
// Files are written into a fresh staging folder beside the output (same file system);
// commit() swaps it in with one rename (renameat2 RENAME_EXCHANGE where the file system
// has it) and only then removes the old site. Until commit() the output is untouched;
// an abandoned staging folder is removed by the destructor or, after a crash, by the
// next build.
//
// A file whose bytes are the same as in the current site is hard-linked from it instead
// of written again: a rebuild then makes new files only for what changed (creating
// thousands of files is what costs most on ext4 right after the old ones were deleted).
// Because such a file IS the previous site's file, nothing in the staging folder is ever
// opened for writing once it exists: every file is created new (O_CREAT | O_EXCL), so a
// second write of one path is an error, not a rewrite of the published site's inode.
#pragma once

#include <atomic>
#include <filesystem>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>

#include "core/files.h"
#include "core/result.h"

namespace mamori {

// The marker file in every built site; its presence tells the next build that the
// folder is ours to replace.
inline constexpr std::string_view kSiteMarker = ".mamori";
inline constexpr std::string_view kSiteMarkerText = "This folder was built by mamori and is replaced on every build.\n";

// Where a build publishes, given the project root and --out (empty: ROOT/site; relative
// paths are relative to the working folder; a trailing '/' is fine). Symlinks are followed:
// the result is the real path the site is swapped into (a symlinked --out stays a symlink
// and its target is replaced). Refused, with the reason: the project folder itself, a
// folder that holds it (the swap would replace the project), and anything inside the
// folders a build reads (content/, quizzes/, themes/).
Result<std::filesystem::path> resolve_output_folder(const std::filesystem::path& root,
                                                    const std::filesystem::path& out);

class OutputTree {
 public:
  // Checks that `out` may be replaced (it is absent, empty, or a site mamori built),
  // removes stale staging folders and creates a new one. Returns an error message when
  // the output cannot be used.
  static Result<OutputTree> open(const std::filesystem::path& out);

  OutputTree(OutputTree&& other) noexcept;
  OutputTree& operator=(OutputTree&&) = delete;
  OutputTree(const OutputTree&) = delete;
  ~OutputTree();

  // Writes a file (path relative to the site root). Thread-safe. Writing one path twice
  // is an error (two sources for one output path). Once a write or copy has failed for want
  // of the disk (full, over quota, read-only, I/O error, file size limit), later ones do
  // nothing and succeed: the build has failed already, and that one error says why.
  Result<void> write(std::string_view relative, std::string_view content);
  // Copies a file into the site. Thread-safe. The file opened must really lie inside
  // `tree` (a real path; see open_inside in files.h): a symlink leading elsewhere, even one
  // swapped in during the build, is refused with a message naming `shown_tree`.
  Result<void> copy(std::string_view relative, const std::filesystem::path& from, const std::filesystem::path& tree,
                    std::string_view shown_tree);

  // Writes the marker file and swaps the staging folder in for the output. After a
  // successful commit the tree is spent; on failure the output is as it was.
  Result<void> commit();

  const std::filesystem::path& staging() const { return staging_; }

 private:
  OutputTree(std::filesystem::path out, std::filesystem::path staging);
  Result<void> make_parent(const std::filesystem::path& file);
  // Links `relative` from the current site when it already holds exactly `content`.
  bool link_unchanged(const std::string& relative, std::string_view content, const std::filesystem::path& file);
  // Creates `file` new (never an existing file or symlink); the message names the output path.
  Result<FileDescriptor> create(std::string_view relative, const std::filesystem::path& file);
  // Streams a file too large to hold in memory into a new file of the site.
  Result<void> copy_stream(std::string_view relative, int from);
  std::string shown(std::string_view relative) const;
  // Remembers a failure for want of the disk (errno `error`); see write().
  void note_failure(int error);

  std::filesystem::path out_;
  std::filesystem::path staging_;
  bool committed_ = false;
  bool had_site_ = true;  // whether the output held a site when the build began (else nothing to link)
  std::atomic<bool> disk_failed_{false};
  std::mutex folders_mutex_;
  std::set<std::filesystem::path> folders_;  // made so far (guarded by folders_mutex_)
};

}  // namespace mamori
