#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/files.h"
#include "helpers.h"

using namespace mamori;
using mamori::testing::TempDir;

namespace fs = std::filesystem;

namespace {
std::string read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}
}  // namespace

TEST_SUITE("files") {
  TEST_CASE("write_file_atomically replaces a symlink instead of writing through it") {
    TempDir dir;
    dir.write("victim.txt", "keep");
    fs::create_symlink(dir.path() / "victim.txt", dir.path() / "contacts.toml.bak");
    fs::create_symlink(dir.path() / "nowhere.txt", dir.path() / "dangling.bak");
    CHECK(write_file_atomically(dir.path() / "contacts.toml.bak", "backup").has_value());
    CHECK(write_file_atomically(dir.path() / "dangling.bak", "backup").has_value());
    CHECK(read(dir.path() / "victim.txt") == "keep");
    CHECK_FALSE(fs::exists(dir.path() / "nowhere.txt"));
    CHECK_FALSE(fs::is_symlink(dir.path() / "contacts.toml.bak"));
    CHECK(read(dir.path() / "contacts.toml.bak") == "backup");
    CHECK(read(dir.path() / "dangling.bak") == "backup");
  }

  TEST_CASE("a failed write names the file") {
    TempDir dir;
    dir.write("file", "x");
    const auto written = write_file_atomically(dir.path() / "file/inside.txt", "y");
    REQUIRE_FALSE(written.has_value());
    CHECK(written.error().message.find((dir.path() / "file").string()) != std::string::npos);
  }
}
