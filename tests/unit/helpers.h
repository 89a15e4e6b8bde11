// Shared helpers for the unit tests.
#pragma once

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <doctest/doctest.h>

#include "core/diagnostic.h"

namespace doctest {
template <>
struct StringMaker<std::vector<std::string>> {
  static String convert(const std::vector<std::string>& lines) {
    std::string out = "{";
    for (const auto& line : lines) out += "\n  \"" + line + "\"";
    return String((out + "\n}").c_str());
  }
};
}  // namespace doctest

namespace mamori::testing {

// `unit` written `n` times (for large hostile inputs).
inline std::string repeat(std::string_view unit, size_t n) {
  std::string out;
  out.reserve(unit.size() * n);
  for (size_t i = 0; i < n; ++i) out += unit;
  return out;
}

// A fresh folder under the system temp folder, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::random_device device;
    path_ = std::filesystem::temp_directory_path() / ("mamori-test-" + std::to_string(device()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignore;
    std::filesystem::remove_all(path_, ignore);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }

  // Writes a file below the folder, creating parent folders.
  void write(const std::string& relative, std::string_view content) const {
    const auto file = path_ / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
  }

 private:
  std::filesystem::path path_;
};

// Every diagnostic formatted as the CLI prints it (without caret lines).
inline std::vector<std::string> formatted(const std::vector<Diagnostic>& diagnostics) {
  std::vector<std::string> out;
  for (const auto& d : diagnostics) out.push_back(format_diagnostic(d));
  return out;
}

inline std::vector<std::string> formatted(const Diagnostics& diagnostics) {
  return formatted(diagnostics.items());
}

// A minimal valid project: mamori.toml, the default theme (from the repository), a home page.
inline void write_minimal_project(const TempDir& dir) {
  dir.write("mamori.toml", "title = \"テスト\"\n");
  dir.write("content/_index.md", "+++\ntitle = \"ホーム\"\n+++\n\nようこそ。\n");
  std::filesystem::copy(std::filesystem::path(MAMORI_SOURCE_DIR) / "themes", dir.path() / "themes",
                        std::filesystem::copy_options::recursive);
}

}  // namespace mamori::testing
