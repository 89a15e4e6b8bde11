#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <iterator>

#include <filesystem>

#include "helpers.h"
#include "output_tree.h"

using namespace mamori;
using mamori::testing::TempDir;

namespace fs = std::filesystem;

namespace {
int count_hidden(const fs::path& dir) {
  int n = 0;
  for (const auto& entry : fs::directory_iterator(dir)) n += entry.path().filename().string().starts_with('.') ? 1 : 0;
  return n;
}
}  // namespace

TEST_SUITE("output tree") {
  TEST_CASE("nothing appears at the output until commit") {
    TempDir dir;
    auto opened = OutputTree::open(dir.path() / "site");
    auto& tree = std::get<OutputTree>(opened);
    CHECK_FALSE(tree.write("a/b.html", "x").has_value());
    CHECK_FALSE(fs::exists(dir.path() / "site"));
    CHECK_FALSE(tree.commit().has_value());
    CHECK(fs::exists(dir.path() / "site/a/b.html"));
    CHECK(fs::exists(dir.path() / "site/.mamori"));
    CHECK(count_hidden(dir.path()) == 0);
  }

  TEST_CASE("commit swaps out the old site completely") {
    TempDir dir;
    {
      auto first = OutputTree::open(dir.path() / "site");
      std::get<OutputTree>(first).write("old.html", "old");
      std::get<OutputTree>(first).commit();
    }
    auto second = OutputTree::open(dir.path() / "site");
    std::get<OutputTree>(second).write("new.html", "new");
    CHECK(fs::exists(dir.path() / "site/old.html"));
    std::get<OutputTree>(second).commit();
    CHECK_FALSE(fs::exists(dir.path() / "site/old.html"));
    CHECK(fs::exists(dir.path() / "site/new.html"));
    CHECK(count_hidden(dir.path()) == 0);
  }

  TEST_CASE("an abandoned tree removes its staging folder") {
    TempDir dir;
    {
      auto opened = OutputTree::open(dir.path() / "site");
      std::get<OutputTree>(opened).write("x.html", "x");
      CHECK(count_hidden(dir.path()) == 1);
    }
    CHECK(count_hidden(dir.path()) == 0);
    CHECK_FALSE(fs::exists(dir.path() / "site"));
  }

  TEST_CASE("staging folders of dead builds are cleaned up, a running build's are not") {
    TempDir dir;
    fs::create_directories(dir.path() / ".site.mamori-staging-999999999-1");
    const std::string live = ".site.mamori-staging-" + std::to_string(getppid()) + "-1";
    fs::create_directories(dir.path() / live);
    auto opened = OutputTree::open(dir.path() / "site");
    CHECK_FALSE(fs::exists(dir.path() / ".site.mamori-staging-999999999-1"));
    CHECK(fs::exists(dir.path() / live));
  }

  TEST_CASE("a folder that is not a mamori site is refused") {
    TempDir dir;
    dir.write("site/report.xlsx", "data");
    auto opened = OutputTree::open(dir.path() / "site");
    REQUIRE(std::holds_alternative<std::string>(opened));
    CHECK(std::get<std::string>(opened).find("it is not a site mamori built (no .mamori file in it)") !=
          std::string::npos);
  }

  TEST_CASE("a path written twice is an error, and never rewrites the previous site's file") {
    TempDir dir;
    {
      auto first = OutputTree::open(dir.path() / "site");
      REQUIRE_FALSE(std::get<OutputTree>(first).write("a.html", "same").has_value());
      REQUIRE_FALSE(std::get<OutputTree>(first).commit().has_value());
    }
    struct stat before {};
    ::stat((dir.path() / "site/a.html").c_str(), &before);
    {
      auto second = OutputTree::open(dir.path() / "site");
      auto& tree = std::get<OutputTree>(second);
      CHECK_FALSE(tree.write("a.html", "same").has_value());  // linked from the previous site
      const auto error = tree.write("a.html", "other");
      REQUIRE(error.has_value());
      CHECK(*error == "cannot write " + (dir.path() / "site/a.html").string() +
                          ": it was already written by this build (two sources for one output path)");
    }
    struct stat after {};
    ::stat((dir.path() / "site/a.html").c_str(), &after);
    CHECK(after.st_ino == before.st_ino);
    std::ifstream in(dir.path() / "site/a.html");
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    CHECK(text == "same");
  }
}

TEST_SUITE("output tree") {
  TEST_CASE("copy checks where the opened file really is") {
    TempDir dir;
    dir.write("theme/assets/style.css", "body {}");
    dir.write("secret.txt", "password");
    fs::create_symlink(dir.path() / "secret.txt", dir.path() / "theme/assets/leak.css");
    fs::create_symlink("style.css", dir.path() / "theme/assets/same.css");
    const fs::path theme = fs::canonical(dir.path() / "theme");
    auto opened = OutputTree::open(dir.path() / "site");
    auto& tree = std::get<OutputTree>(opened);
    CHECK_FALSE(tree.copy("assets/style.css", dir.path() / "theme/assets/style.css", theme, "themes/x").has_value());
    CHECK_FALSE(tree.copy("assets/same.css", dir.path() / "theme/assets/same.css", theme, "themes/x").has_value());
    CHECK(tree.copy("assets/leak.css", dir.path() / "theme/assets/leak.css", theme, "themes/x") ==
          "symlink points outside themes/x: copy the file in instead");
    CHECK_FALSE(tree.commit().has_value());
    CHECK_FALSE(fs::exists(dir.path() / "site/assets/leak.css"));
  }

  TEST_CASE("the output folder: trailing slash, symlinks followed, never the project or its sources") {
    TempDir dir;
    const fs::path root = fs::canonical(dir.path());
    fs::create_directories(root / "content");
    fs::create_directories(root / "srv/portal");
    fs::create_directory_symlink(root / "srv/portal", root / "portal");
    fs::create_symlink(root / "srv/new", root / "dangling");
    using Result = std::variant<fs::path, std::string>;
    CHECK(resolve_output_folder(root, "") == Result(root / "site"));
    CHECK(resolve_output_folder(root, root.string() + "/public/") == Result(root / "public"));
    CHECK(resolve_output_folder(root, root / "portal") == Result(root / "srv/portal"));
    CHECK(resolve_output_folder(root, root / "dangling") == Result(root / "srv/new"));
    CHECK(resolve_output_folder(root, root / "content/") ==
          Result("refusing to build into '" + (root / "content/").string() +
                 "': it is inside content/, which the build reads; choose a folder outside content/, quizzes/ and "
                 "themes/"));
    fs::create_directory_symlink(root / "content", root / "sneaky");
    CHECK(resolve_output_folder(root, root / "sneaky/site") ==
          Result("refusing to build into '" + (root / "sneaky/site").string() + "': (it leads to " +
                 (root / "content/site").string() +
                 ") it is inside content/, which the build reads; choose a folder outside content/, quizzes/ and "
                 "themes/"));
    CHECK(resolve_output_folder(root / "srv/..", root.parent_path()) ==
          Result("refusing to build into '" + root.parent_path().string() + "': it holds the project folder " +
                 root.string() + ", which the build would replace; choose a folder outside it"));
    CHECK(resolve_output_folder(root, "/") == Result(std::string("cannot use output folder '/'")));
  }
}
