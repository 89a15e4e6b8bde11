#include "files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <random>
#include <system_error>

namespace fs = std::filesystem;

namespace mamori {
namespace {

std::string too_large(uintmax_t size, size_t max_bytes) {
  return "file is too large (" + std::to_string(size >> 20) + " MB; the limit is " + std::to_string(max_bytes >> 20) +
         " MB)";
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

std::variant<std::string, FileError> read_file(const fs::path& path, size_t max_bytes) {
  std::error_code ec;
  const auto size = fs::file_size(path, ec);
  if (ec) return FileError{"cannot read: " + ec.message()};
  if (size > max_bytes) return FileError{too_large(size, max_bytes)};
  std::ifstream in(path, std::ios::binary);
  if (!in) return FileError{"cannot read: " + errno_text()};
  std::string content(size, '\0');
  in.read(content.data(), static_cast<std::streamsize>(size));
  content.resize(static_cast<size_t>(in.gcount()));
  if (in.bad()) return FileError{"cannot read: " + errno_text()};
  return content;
}

std::variant<std::string, FileError> read_head(const fs::path& path, size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return FileError{"cannot read: " + errno_text()};
  std::string content(max_bytes, '\0');
  in.read(content.data(), static_cast<std::streamsize>(max_bytes));
  if (in.bad()) return FileError{"cannot read: " + errno_text()};
  content.resize(static_cast<size_t>(in.gcount()));
  return content;
}

bool is_within(const fs::path& path, const fs::path& tree) {
  const fs::path relative = path.lexically_relative(tree);
  return !relative.empty() && *relative.begin() != "..";
}

std::variant<FileDescriptor, FileError> open_inside(const fs::path& path, const fs::path& tree,
                                                    std::string_view shown_tree) {
  FileDescriptor fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
  if (fd.get() < 0) return FileError{"cannot read: " + errno_text()};
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0) return FileError{"cannot read: " + errno_text()};
  if (!S_ISREG(info.st_mode)) return FileError{"cannot read: not a regular file"};
  std::error_code ec;
  const fs::path opened = fs::read_symlink("/proc/self/fd/" + std::to_string(fd.get()), ec);
  if (ec) return FileError{"cannot tell where the file really is (/proc/self/fd: " + ec.message() + ")"};
  if (!is_within(opened, tree)) {
    return FileError{"symlink points outside " + std::string(shown_tree) + ": copy the file in instead"};
  }
  // O_NONBLOCK only kept a FIFO swapped in from blocking the open; reads block as usual.
  ::fcntl(fd.get(), F_SETFL, ::fcntl(fd.get(), F_GETFL) & ~O_NONBLOCK);
  return fd;
}

std::variant<std::string, FileError> read_descriptor(int fd, size_t max_bytes, bool head_only) {
  struct stat info {};
  if (::fstat(fd, &info) != 0) return FileError{"cannot read: " + errno_text()};
  const auto size = static_cast<uintmax_t>(info.st_size);
  if (!head_only && size > max_bytes) return FileError{too_large(size, max_bytes)};
  // One byte more than allowed tells a file that grew past the limit while being read.
  const size_t limit = head_only ? max_bytes : max_bytes + 1;
  std::string content(static_cast<size_t>(std::min<uintmax_t>(size, limit)), '\0');
  size_t done = 0;
  while (done < limit) {
    if (done == content.size()) content.resize(std::min(limit, std::max<size_t>(content.size() * 2, 4096)));
    const ssize_t n = ::read(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return FileError{"cannot read: " + errno_text()};
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  content.resize(done);
  if (!head_only && done > max_bytes) return FileError{too_large(done, max_bytes)};
  return content;
}

std::variant<std::string, FileError> read_file_inside(const fs::path& path, const fs::path& tree,
                                                      std::string_view shown_tree, size_t max_bytes, bool head_only) {
  auto opened = open_inside(path, tree, shown_tree);
  if (auto* error = std::get_if<FileError>(&opened)) return *error;
  return read_descriptor(std::get<FileDescriptor>(opened).get(), max_bytes, head_only);
}

std::optional<std::string> write_all(int fd, std::string_view content) {
  size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno_text();
    done += static_cast<size_t>(n);
  }
  return std::nullopt;
}

std::optional<FileError> write_file(const fs::path& path, std::string_view content) {
  std::error_code ec;
  const fs::path parent = path.parent_path().empty() ? fs::path(".") : path.parent_path();
  fs::create_directories(parent, ec);
  if (ec) return FileError{"cannot create folder " + parent.string() + ": " + ec.message()};
  std::random_device device;
  const fs::path temporary = parent / ("." + path.filename().string() + ".tmp-" + std::to_string(getpid()) + "-" +
                                       std::to_string(device() % 1000000));
  // O_EXCL | O_NOFOLLOW: the temporary name is new, never an existing file or a symlink.
  FileDescriptor fd(::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644));
  if (fd.get() < 0) return FileError{"cannot write " + path.string() + ": " + errno_text()};
  std::optional<std::string> error = write_all(fd.get(), content);
  if (!error && fd.close() != 0) error = errno_text();
  if (!error && ::rename(temporary.c_str(), path.c_str()) != 0) error = errno_text();
  if (error) {
    ::unlink(temporary.c_str());
    return FileError{"cannot write " + path.string() + ": " + *error};
  }
  return std::nullopt;
}

std::string generic(const fs::path& path) {
  return path.generic_string();
}

}  // namespace mamori
