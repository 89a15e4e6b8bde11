#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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

TEST_SUITE("files: reading inside a folder") {
  // The tree's files: a.md, sub/b.md, links inside (relative and absolute) and out.
  void write_tree_with_links(TempDir & dir) {
    dir.write("content/a.md", "alpha");
    dir.write("content/sub/b.md", "beta");
    dir.write("secret.txt", "secret");
    fs::create_symlink("../a.md", dir.path() / "content/sub/up.md");
    fs::create_symlink(fs::canonical(dir.path() / "content/a.md"), dir.path() / "content/absolute.md");
    fs::create_symlink("../secret.txt", dir.path() / "content/leak.md");
    fs::create_symlink(fs::canonical(dir.path() / "secret.txt"), dir.path() / "content/absolute-leak.md");
    fs::create_directory_symlink("..", dir.path() / "content/parent");
  }

  TEST_CASE("a ReadTree reads what read_file_inside reads, with the same messages") {
    TempDir dir;
    write_tree_with_links(dir);
    const fs::path real = fs::canonical(dir.path() / "content");
    const ReadTree tree(real, "content/");
    const std::string outside = "symlink points outside content/: copy the file in instead";
    for (const char* name : {"a.md", "sub/b.md", "sub/up.md", "absolute.md", "leak.md", "absolute-leak.md",
                             "parent/secret.txt", "../secret.txt", "sub", "none.md", "sub/../a.md"}) {
      CAPTURE(name);
      const auto by_tree = read_file_inside(tree, name);
      const auto by_path = read_file_inside(real / name, real, "content/");
      REQUIRE(by_tree.has_value() == by_path.has_value());
      if (by_tree) {
        CHECK(*by_tree == *by_path);
      } else {
        CHECK(by_tree.error().message == by_path.error().message);
      }
    }
    CHECK(read_file_inside(tree, "sub/up.md").value() == "alpha");
    CHECK(read_file_inside(tree, "leak.md").error().message == outside);
    CHECK(read_file_inside(tree, "absolute-leak.md").error().message == outside);
    CHECK(read_file_inside(tree, "../secret.txt").error().message == outside);
    CHECK(read_file_inside(tree, "sub").error().message == "cannot read: not a regular file");
    CHECK(read_file_inside(tree, "a.md", 100, true).value() == "alpha");
    CHECK(read_file_inside(tree, "a.md", 3, true).value() == "alp");
  }

  TEST_CASE("a ReadTree opens its folder once: files are read beneath the folder it opened") {
    TempDir dir;
    dir.write("content/a.md", "first");
    const ReadTree tree(fs::canonical(dir.path() / "content"), "content/");
    fs::rename(dir.path() / "content", dir.path() / "moved");
    dir.write("content/a.md", "swapped in");
    CHECK(read_file_inside(tree, "a.md").value() == "first");
  }

  TEST_CASE("a ReadTree whose folder is not at its real path reads nothing through it") {
    // Regression: content/ swapped for a symlink to an outside folder between resolving its
    // real path and opening it made every page come from that folder.
    TempDir dir;
    dir.write("outside/a.md", "secret");
    const fs::path real = fs::canonical(dir.path()) / "content";  // resolved while it was a folder
    fs::create_directory_symlink(dir.path() / "outside", real);   // then swapped
    const ReadTree tree(real, "content/");
    CHECK(read_file_inside(tree, "a.md").error().message ==
          "symlink points outside content/: copy the file in instead");
  }

  TEST_CASE("a ReadTree whose folder cannot be opened reads by name") {
    TempDir dir;
    dir.write("content/a.md", "alpha");
    const ReadTree missing(dir.path() / "nothing", "content/");
    CHECK(read_file_inside(missing, "a.md").error().message == "cannot read: No such file or directory");
    const ReadTree unopened;
    CHECK_FALSE(read_file_inside(unopened, "a.md").has_value());
  }

  TEST_CASE("what a file holds beyond the size it reported is read too, up to the limit") {
    int pipe_ends[2] = {-1, -1};  // a pipe reports size 0
    REQUIRE(::pipe(pipe_ends) == 0);
    const std::string bytes(10000, 'x');
    REQUIRE(::write(pipe_ends[1], bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()));
    ::close(pipe_ends[1]);
    const FileDescriptor read_end(pipe_ends[0]);
    CHECK(read_descriptor(read_end.get(), 6000, true).value() == std::string(6000, 'x'));
    CHECK(read_descriptor(read_end.get(), 3000).error().message == "file is too large (0 MB; the limit is 0 MB)");
    const auto status = read_file("/proc/self/status");  // size 0 in stat, text when read
    REQUIRE(status.has_value());
    CHECK(status->find("Name:") == 0);
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
