#include <doctest/doctest.h>

#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <iterator>

#include <filesystem>

#include "helpers.h"
#include "site/output_tree.h"

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
    auto& tree = opened.value();
    CHECK(tree.write("a/b.html", "x").has_value());
    CHECK_FALSE(fs::exists(dir.path() / "site"));
    CHECK(tree.commit().has_value());
    CHECK(fs::exists(dir.path() / "site/a/b.html"));
    CHECK(fs::exists(dir.path() / "site/.mamori"));
    CHECK(count_hidden(dir.path()) == 0);
  }

  TEST_CASE("commit swaps out the old site completely") {
    TempDir dir;
    {
      auto first = OutputTree::open(dir.path() / "site");
      REQUIRE(first.value().write("old.html", "old").has_value());
      REQUIRE(first.value().commit().has_value());
    }
    auto second = OutputTree::open(dir.path() / "site");
    REQUIRE(second.value().write("new.html", "new").has_value());
    CHECK(fs::exists(dir.path() / "site/old.html"));
    REQUIRE(second.value().commit().has_value());
    CHECK_FALSE(fs::exists(dir.path() / "site/old.html"));
    CHECK(fs::exists(dir.path() / "site/new.html"));
    CHECK(count_hidden(dir.path()) == 0);
  }

  TEST_CASE("an abandoned tree removes its staging folder") {
    TempDir dir;
    {
      auto opened = OutputTree::open(dir.path() / "site");
      REQUIRE(opened.value().write("x.html", "x").has_value());
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
    REQUIRE_FALSE(opened.has_value());
    CHECK(opened.error().message.find("it is not a site mamori built (no .mamori file in it)") != std::string::npos);
  }

  TEST_CASE("a path written twice is an error, and never rewrites the previous site's file") {
    TempDir dir;
    {
      auto first = OutputTree::open(dir.path() / "site");
      REQUIRE(first.value().write("a.html", "same").has_value());
      REQUIRE(first.value().commit().has_value());
    }
    struct stat before {};
    ::stat((dir.path() / "site/a.html").c_str(), &before);
    {
      auto second = OutputTree::open(dir.path() / "site");
      auto& tree = second.value();
      CHECK(tree.write("a.html", "same").has_value());  // linked from the previous site
      const auto written = tree.write("a.html", "other");
      REQUIRE_FALSE(written.has_value());
      CHECK(written.error().message == "cannot write " + (dir.path() / "site/a.html").string() +
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
    auto& tree = opened.value();
    CHECK(tree.copy("assets/style.css", dir.path() / "theme/assets/style.css", theme, "themes/x").has_value());
    CHECK(tree.copy("assets/same.css", dir.path() / "theme/assets/same.css", theme, "themes/x").has_value());
    CHECK(tree.copy("assets/leak.css", dir.path() / "theme/assets/leak.css", theme, "themes/x").error().message ==
          "symlink points outside themes/x: copy the file in instead");
    CHECK(tree.commit().has_value());
    CHECK_FALSE(fs::exists(dir.path() / "site/assets/leak.css"));
  }

  TEST_CASE("the output folder: trailing slash, symlinks followed, never the project or its sources") {
    TempDir dir;
    const fs::path root = fs::canonical(dir.path());
    fs::create_directories(root / "content");
    fs::create_directories(root / "srv/portal");
    fs::create_directory_symlink(root / "srv/portal", root / "portal");
    fs::create_symlink(root / "srv/new", root / "dangling");
    const auto shown = [](const Result<fs::path>& r) { return r ? r->string() : "error: " + r.error().message; };
    const auto error = [](const std::string& message) { return "error: " + message; };
    CHECK(shown(resolve_output_folder(root, "")) == (root / "site").string());
    CHECK(shown(resolve_output_folder(root, root.string() + "/public/")) == (root / "public").string());
    CHECK(shown(resolve_output_folder(root, root / "portal")) == (root / "srv/portal").string());
    CHECK(shown(resolve_output_folder(root, root / "dangling")) == (root / "srv/new").string());
    CHECK(shown(resolve_output_folder(root, root / "content/")) ==
          error("refusing to build into '" + (root / "content/").string() +
                "': it is inside content/, which the build reads; choose a folder outside content/, quizzes/ and "
                "themes/"));
    fs::create_directory_symlink(root / "content", root / "sneaky");
    CHECK(shown(resolve_output_folder(root, root / "sneaky/site")) ==
          error("refusing to build into '" + (root / "sneaky/site").string() + "': (it leads to " +
                (root / "content/site").string() +
                ") it is inside content/, which the build reads; choose a folder outside content/, quizzes/ and "
                "themes/"));
    CHECK(shown(resolve_output_folder(root / "srv/..", root.parent_path())) ==
          error("refusing to build into '" + root.parent_path().string() + "': it holds the project folder " +
                root.string() + ", which the build would replace; choose a folder outside it"));
    CHECK(shown(resolve_output_folder(root, "/")) == error("cannot use output folder '/'"));
  }
}
