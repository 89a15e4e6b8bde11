#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <sys/stat.h>

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

TEST_SUITE("files: reading") {
  TEST_CASE("read_file and read_head refuse a FIFO at once instead of waiting for a writer") {
    TempDir dir;
    const fs::path fifo = dir.path() / "x.json";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    auto whole = read_file(fifo);
    REQUIRE_FALSE(whole.has_value());
    CHECK(whole.error().message == "cannot read: not a regular file");
    auto head = read_head(fifo, 100);
    REQUIRE_FALSE(head.has_value());
    CHECK(head.error().message == "cannot read: not a regular file");
    CHECK(read_file(dir.path()).error().message == "cannot read: not a regular file");  // a folder
  }

  TEST_CASE("read_file: a regular file, through a symlink too; too large and missing files say why") {
    TempDir dir;
    dir.write("a.txt", "hello");
    fs::create_symlink(dir.path() / "a.txt", dir.path() / "link.txt");
    CHECK(read_file(dir.path() / "link.txt").value() == "hello");
    CHECK(read_head(dir.path() / "a.txt", 3).value() == "hel");
    CHECK(read_file(dir.path() / "a.txt", 4).error().message == "file is too large (0 MB; the limit is 0 MB)");
    CHECK(read_file(dir.path() / "none.txt").error().message == "cannot read: No such file or directory");
  }
}

TEST_SUITE("temporary folder") {
  TEST_CASE("a temporary folder is new, named by its prefix, and goes with everything in it") {
    std::filesystem::path kept;
    {
      const mamori::TemporaryFolder folder("mamori-test-folder-");
      REQUIRE_FALSE(folder.path().empty());
      kept = folder.path();
      CHECK(std::filesystem::is_directory(kept));
      CHECK(kept.filename().string().starts_with("mamori-test-folder-"));
      std::filesystem::create_directories(kept / "a" / "b");
      std::ofstream(kept / "a" / "b" / "c.txt") << "x";
      const mamori::TemporaryFolder other("mamori-test-folder-");
      CHECK(other.path() != kept);
    }
    CHECK_FALSE(std::filesystem::exists(kept));
  }
}
