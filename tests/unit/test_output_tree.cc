#include <doctest/doctest.h>

#include <unistd.h>

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
}
