#include "core/files.h"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <random>
#include <system_error>
#include <utility>

#include "core/i18n.h"

namespace fs = std::filesystem;

namespace mamori {
namespace {

std::string too_large(uintmax_t size, size_t max_bytes) {
  return format(tr("file is too large ({0} MB; the limit is {1} MB)"), size >> 20, max_bytes >> 20);
}

std::string errno_text() {
  return std::strerror(errno);
}

}  // namespace

FileDescriptor& FileDescriptor::operator=(FileDescriptor&& other) noexcept {
  if (this != &other) {
    if (fd_ >= 0) ::close(fd_);
    fd_ = other.fd_;
    other.fd_ = -1;
  }
  return *this;
}

FileDescriptor::~FileDescriptor() {
  if (fd_ >= 0) ::close(fd_);
}

int FileDescriptor::close() {
  const int result = fd_ >= 0 ? ::close(fd_) : 0;
  fd_ = -1;
  return result;
}

namespace {

// Opens `path` (following symlinks) for reading and checks, on the descriptor, that it is a
// regular file. O_NONBLOCK: a FIFO swapped in after any earlier check by name must not hang
// the open (and is then refused); a regular file ignores the flag when read.
Result<FileDescriptor> open_regular(const fs::path& path) {
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
  if (fd.get() < 0) return Error{format(tr("cannot read: {0}"), errno_text())};
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) return Error{format(tr("cannot read: {0}"), errno_text())};
  if (!S_ISREG(info.st_mode)) return Error{tr("cannot read: not a regular file")};
  return fd;
}

}  // namespace

Result<std::string> read_file(const fs::path& path, size_t max_bytes) {
  auto fd = open_regular(path);
  if (!fd) return fd.error();
  return read_descriptor(fd->get(), max_bytes);
}

Result<std::string> read_head(const fs::path& path, size_t max_bytes) {
  auto fd = open_regular(path);
  if (!fd) return fd.error();
  return read_descriptor(fd->get(), max_bytes, true);
}

bool is_within(const fs::path& path, const fs::path& tree) {
  const fs::path relative = path.lexically_relative(tree);
  return !relative.empty() && *relative.begin() != "..";
}

namespace {

// A file opened by open_inside, and its size when it was opened.
struct OpenedInside {
  FileDescriptor fd;
  uintmax_t size = 0;
};

// Where the open descriptor `fd` really is, as the kernel names it (/proc/self/fd).
fs::path real_path_of(int fd, std::error_code& ec) {
  return fs::read_symlink("/proc/self/fd/" + std::to_string(fd), ec);
}

Result<OpenedInside> open_checked(const fs::path& path, const fs::path& tree, std::string_view shown_tree) {
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
  if (fd.get() < 0) return Error{format(tr("cannot read: {0}"), errno_text())};
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) return Error{format(tr("cannot read: {0}"), errno_text())};
  if (!S_ISREG(info.st_mode)) return Error{tr("cannot read: not a regular file")};
  std::error_code ec;
  const fs::path opened = real_path_of(fd.get(), ec);
  if (ec) return Error{format(tr("cannot tell where the file really is (/proc/self/fd: {0})"), ec.message())};
  if (!is_within(opened, tree)) {
    return Error{format(tr("symlink points outside {0}: copy the file in instead"), shown_tree)};
  }
  // O_NONBLOCK only kept a FIFO swapped in from blocking the open; it does not change how
  // a regular file reads, so it stays set (two system calls fewer per file).
  return OpenedInside{std::move(fd), static_cast<uintmax_t>(info.st_size)};
}

// Reads from `fd`, whose size was `size` a moment ago (see read_descriptor). The bytes up
// to that size are read in place; what a file that grew (or one that reports no size) has
// beyond is read through a small buffer, so a file read whole needs no larger string.
Result<std::string> read_sized(int fd, uintmax_t size, size_t max_bytes, bool head_only) {
  if (!head_only && size > max_bytes) return Error{too_large(size, max_bytes)};
  // One byte more than allowed tells a file that grew past the limit while being read.
  const size_t limit = head_only ? max_bytes : max_bytes + 1;
  std::string content(static_cast<size_t>(std::min<uintmax_t>(size, limit)), '\0');
  std::array<char, 4096> beyond{};
  size_t done = 0;
  while (done < limit) {
    const bool in_place = done < content.size();
    char* to = in_place ? content.data() + done : beyond.data();
    const size_t room = in_place ? content.size() - done : std::min(beyond.size(), limit - done);
    const ssize_t n = ::read(fd, to, room);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Error{format(tr("cannot read: {0}"), errno_text())};
    if (n == 0) break;
    if (!in_place) content.append(beyond.data(), static_cast<size_t>(n));  // content.size() == done
    done += static_cast<size_t>(n);
  }
  content.resize(done);
  if (!head_only && done > max_bytes) return Error{too_large(done, max_bytes)};
  return content;
}

// `relative` opened for reading by openat2 beneath the folder `folder`: the kernel refuses
// an absolute name, a ".." or a symlink that leads out of it, and a magic link. -1 when it
// will not, for any reason.
FileDescriptor open_beneath(int folder, std::string_view relative) {
  if (folder < 0 || relative.empty() || relative.find('\0') != std::string_view::npos) return FileDescriptor(-1);
  open_how how{};
  how.flags = O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK;
  how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
  const std::string name(relative);
  return FileDescriptor(static_cast<int>(::syscall(SYS_openat2, folder, name.c_str(), &how, sizeof how)));
}

}  // namespace

Result<FileDescriptor> open_inside(const fs::path& path, const fs::path& tree, std::string_view shown_tree) {
  auto opened = open_checked(path, tree, shown_tree);
  if (!opened) return opened.error();
  return std::move(opened->fd);
}

Result<std::string> read_descriptor(int fd, size_t max_bytes, bool head_only) {
  struct stat info {};
  if (::fstat(fd, &info) != 0) return Error{format(tr("cannot read: {0}"), errno_text())};
  return read_sized(fd, static_cast<uintmax_t>(info.st_size), max_bytes, head_only);
}

Result<std::string> read_file_inside(const fs::path& path, const fs::path& tree, std::string_view shown_tree,
                                     size_t max_bytes, bool head_only) {
  auto opened = open_checked(path, tree, shown_tree);
  if (!opened) return opened.error();
  return read_sized(opened->fd.get(), opened->size, max_bytes, head_only);
}

namespace {

// `real` opened as a folder, if the folder opened is really at `real`: a folder swapped for
// a symlink to elsewhere between resolving the path and opening it would otherwise lead every
// read there. -1 when it is not (then every file is opened by name and checked, as
// open_inside does).
FileDescriptor open_folder_at(const fs::path& real) {
  FileDescriptor folder(::open(real.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
  if (folder.get() < 0) return folder;
  std::error_code ec;
  const fs::path opened = real_path_of(folder.get(), ec);
  return !ec && opened == real ? std::move(folder) : FileDescriptor(-1);
}

}  // namespace

ReadTree::ReadTree(fs::path real, std::string shown)
    : real_(std::move(real)),
      shown_(std::move(shown)),
      folder_(std::make_shared<const FileDescriptor>(open_folder_at(real_))) {}

Result<std::string> read_file_inside(const ReadTree& tree, std::string_view relative, size_t max_bytes,
                                     bool head_only) {
  const FileDescriptor fd = open_beneath(tree.folder_ ? tree.folder_->get() : -1, relative);
  struct stat info {};
  if (fd.get() >= 0 && ::fstat(fd.get(), &info) == 0 && S_ISREG(info.st_mode)) {
    return read_sized(fd.get(), static_cast<uintmax_t>(info.st_size), max_bytes, head_only);
  }
  return read_file_inside(tree.real_ / fs::path(std::string(relative)), tree.real_, tree.shown_, max_bytes, head_only);
}

Result<void> write_all(int fd, std::string_view content) {
  size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Error{errno_text()};
    done += static_cast<size_t>(n);
  }
  return {};
}

Result<void> write_file_atomically(const fs::path& path, std::string_view content) {
  static std::atomic<unsigned> counter{0};
  std::error_code ec;
  const fs::path parent = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  fs::create_directories(parent, ec);
  if (ec) return Error{format(tr("cannot create folder {0}: {1}"), parent.string(), ec.message())};
  // O_EXCL | O_NOFOLLOW: the temporary name is new, never an existing file or a symlink.
  fs::path temporary;
  FileDescriptor fd(-1);
  for (int attempt = 0; fd.get() < 0 && attempt < 100; ++attempt) {
    temporary = parent /
                ("." + path.filename().string() + ".tmp-" + std::to_string(getpid()) + "-" + std::to_string(counter++));
    fd = FileDescriptor(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0666));
    if (fd.get() < 0 && errno != EEXIST) break;
  }
  if (fd.get() < 0) return Error{format(tr("cannot write {0}: {1}"), path.string(), errno_text())};
  struct stat old {};
  if (::lstat(path.c_str(), &old) == 0 && S_ISREG(old.st_mode)) ::fchmod(fd.get(), old.st_mode & 07777);
  Result<void> written = write_all(fd.get(), content);
  if (written && ::fsync(fd.get()) != 0) written = Error{errno_text()};
  if (written && fd.close() != 0) written = Error{errno_text()};
  if (written && ::rename(temporary.c_str(), path.c_str()) != 0) written = Error{errno_text()};
  if (!written) {
    ::unlink(temporary.c_str());
    return Error{format(tr("cannot write {0}: {1}"), path.string(), written.error().message)};
  }
  return {};
}

std::string generic(const fs::path& path) {
  return path.generic_string();
}

TemporaryFolder::TemporaryFolder(std::string_view prefix) {
  std::string name = (std::filesystem::temp_directory_path() / (std::string(prefix) + "XXXXXX")).string();
  if (mkdtemp(name.data()) != nullptr) path_ = name;
}

TemporaryFolder::~TemporaryFolder() {
  std::error_code ignored;
  if (!path_.empty()) std::filesystem::remove_all(path_, ignored);
}

}  // namespace mamori
