#include "files.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

namespace mamori {

std::variant<std::string, FileError> read_file(const std::filesystem::path& path, size_t max_bytes) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(path, ec);
  if (ec) return FileError{"cannot read: " + ec.message()};
  if (size > max_bytes) {
    return FileError{"file is too large (" + std::to_string(size >> 20) + " MB; the limit is " +
                     std::to_string(max_bytes >> 20) + " MB)"};
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return FileError{std::string("cannot read: ") + std::strerror(errno)};
  std::string content(size, '\0');
  in.read(content.data(), static_cast<std::streamsize>(size));
  content.resize(static_cast<size_t>(in.gcount()));
  if (in.bad()) return FileError{std::string("cannot read: ") + std::strerror(errno)};
  return content;
}

std::variant<std::string, FileError> read_head(const std::filesystem::path& path, size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return FileError{std::string("cannot read: ") + std::strerror(errno)};
  std::string content(max_bytes, '\0');
  in.read(content.data(), static_cast<std::streamsize>(max_bytes));
  if (in.bad()) return FileError{std::string("cannot read: ") + std::strerror(errno)};
  content.resize(static_cast<size_t>(in.gcount()));
  return content;
}

std::optional<FileError> write_file(const std::filesystem::path& path, std::string_view content) {
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  if (ec) return FileError{"cannot create folder " + path.parent_path().string() + ": " + ec.message()};
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return FileError{"cannot write " + path.string() + ": " + std::strerror(errno)};
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.close();
  if (!out) return FileError{"cannot write " + path.string() + ": " + std::strerror(errno)};
  return std::nullopt;
}

std::string generic(const std::filesystem::path& path) {
  return path.generic_string();
}

}  // namespace mamori
