// Small file-system helpers with expected-style results.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "core/result.h"

namespace mamori {

// An open file descriptor, closed when the object goes away.
class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : fd_(fd) {}
  FileDescriptor(FileDescriptor&& other) noexcept : fd_(other.fd_) { other.fd_ = -1; }
  FileDescriptor& operator=(FileDescriptor&& other) noexcept;
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor();

  int get() const { return fd_; }
  // Closes now and returns what close() returned (a write error may show up only here).
  int close();

 private:
  int fd_ = -1;
};

// Reads a whole regular file (symlinks followed); refuses files larger than `max_bytes` and
// anything that is not a regular file ("cannot read: not a regular file"), checked on the
// opened descriptor, so a FIFO or device swapped in after a check by name neither hangs nor
// is read.
Result<std::string> read_file(const std::filesystem::path& path, size_t max_bytes = size_t{64} << 20);

// Reads at most `max_bytes` from the start of a regular file, as read_file (for front
// matter, which is at the top: the rest of a page is read when it is rendered).
Result<std::string> read_head(const std::filesystem::path& path, size_t max_bytes);

// Opens a regular file for reading, following symlinks, and then checks where the OPENED
// descriptor really is (/proc/self/fd): it must lie inside `tree`, a real path (as from
// fs::canonical). Checking the descriptor, not the name, means a symlink swapped in after
// any earlier check cannot lead outside. `shown_tree` names the tree in the message
// ("content/", "themes/default").
Result<FileDescriptor> open_inside(const std::filesystem::path& path, const std::filesystem::path& tree,
                                   std::string_view shown_tree);

// open_inside, then reads the whole file (refusing more than `max_bytes`) or, with
// `head_only`, at most `max_bytes` from its start.
Result<std::string> read_file_inside(const std::filesystem::path& path, const std::filesystem::path& tree,
                                     std::string_view shown_tree, size_t max_bytes = size_t{64} << 20,
                                     bool head_only = false);

// A folder that files are read from, by its real path (as from fs::canonical) and as shown
// in messages ("content/"), opened once. A file in it is then opened with one
// openat2(RESOLVE_BENEATH) call, which the kernel refuses for a name or a symlink that
// leads out of the folder, instead of an open and a look at /proc/self/fd for each. The
// folder is checked once, when it is opened, to be at its real path (else every file is
// opened by name and checked). Files are then read from the folder opened, even if it is
// moved or replaced later. Copies share the folder's descriptor.
class ReadTree {
 public:
  ReadTree() = default;
  ReadTree(std::filesystem::path real, std::string shown);

  const std::filesystem::path& real() const { return real_; }

 private:
  friend Result<std::string> read_file_inside(const ReadTree&, std::string_view, size_t, bool);
  std::filesystem::path real_;
  std::string shown_;
  std::shared_ptr<const FileDescriptor> folder_;  // null or -1: every file takes open_inside's way
};

// read_file_inside(tree.real() / relative, tree.real(), the tree's shown name, …): the same result
// and the same messages. `relative` is '/'-separated, as the content walk gives it. Where
// openat2 fails for any reason (a kernel before 5.6, a file outside, a missing file), the
// file is opened as open_inside opens it, which says why.
Result<std::string> read_file_inside(const ReadTree& tree, std::string_view relative,
                                     size_t max_bytes = size_t{64} << 20, bool head_only = false);

// Reads what is left of an open file, refusing more than `max_bytes` (or, with
// `head_only`, stopping there).
Result<std::string> read_descriptor(int fd, size_t max_bytes, bool head_only = false);

// Whether `path` is `tree` or lies below it (both absolute and normalised; no file-system access).
bool is_within(const std::filesystem::path& path, const std::filesystem::path& tree);

// The one way mamori replaces a file it does not stage (contacts.toml, its backup, the link
// cache, the build state, pages rewritten by --fix-redirects). Writes `content` to `path`,
// creating parent folders: the bytes go to a new temporary file beside it (O_EXCL |
// O_NOFOLLOW), given the old file's permissions, flushed to disk, and renamed over `path`.
// A symlink at `path` is replaced, never written through; readers see the old or the new
// file, never half of one; a failure leaves `path` as it was and says what failed and the
// system's words for it ("cannot write …: File too large").
Result<void> write_file_atomically(const std::filesystem::path& path, std::string_view content);

// Writes all of `content` to an open descriptor (retrying short writes and EINTR); the
// error message is errno's text.
Result<void> write_all(int fd, std::string_view content);

// '/'-separated form of a relative path (on every platform).
std::string generic(const std::filesystem::path& path);

// A new folder of its own under the system's temporary folder, named `prefix` and six random
// characters (mkdtemp), removed with everything in it when the object goes.
class TemporaryFolder {
 public:
  explicit TemporaryFolder(std::string_view prefix);
  ~TemporaryFolder();
  TemporaryFolder(const TemporaryFolder&) = delete;
  TemporaryFolder& operator=(const TemporaryFolder&) = delete;
  const std::filesystem::path& path() const { return path_; }  // empty: it could not be made

 private:
  std::filesystem::path path_;
};

}  // namespace mamori
