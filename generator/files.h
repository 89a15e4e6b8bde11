// Small file-system helpers with expected-style results.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace mamori {

struct FileError {
  std::string message;  // e.g. "cannot read: Permission denied"
};

// Reads a whole file; refuses files larger than `max_bytes`.
std::variant<std::string, FileError> read_file(const std::filesystem::path& path, size_t max_bytes = size_t{64} << 20);

// Reads at most `max_bytes` from the start of a file (for front matter, which is at the
// top: the rest of a page is read when it is rendered).
std::variant<std::string, FileError> read_head(const std::filesystem::path& path, size_t max_bytes);

// Writes `content` to `path`, creating parent folders.
std::optional<FileError> write_file(const std::filesystem::path& path, std::string_view content);

// '/'-separated form of a relative path (on every platform).
std::string generic(const std::filesystem::path& path);

}  // namespace mamori
