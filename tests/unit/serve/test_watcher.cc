#include "serve/watcher.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <thread>

#include "helpers.h"

using std::chrono::milliseconds;

namespace {

// Everything `watcher` reports within `total`.
std::vector<std::string> collect(mamori::Watcher& watcher, milliseconds total) {
  std::vector<std::string> all;
  const auto end = std::chrono::steady_clock::now() + total;
  while (std::chrono::steady_clock::now() < end) {
    for (auto& path : watcher.wait(milliseconds(50))) all.push_back(path);
  }
  return all;
}

bool has(const std::vector<std::string>& paths, const std::string& path) {
  return std::find(paths.begin(), paths.end(), path) != paths.end();
}

}  // namespace

TEST_SUITE("serve") {
  TEST_CASE("the paths a build reads") {
    CHECK(mamori::is_watched_path("mamori.toml"));
    CHECK(mamori::is_watched_path("content/cyber/basics.md"));
    CHECK(mamori::is_watched_path("quizzes"));
    CHECK(mamori::is_watched_path("themes/default/assets/style.css"));
    CHECK_FALSE(mamori::is_watched_path("site/index.html"));
    CHECK_FALSE(mamori::is_watched_path(".mamori/link-cache.json"));
    CHECK_FALSE(mamori::is_watched_path("contentx/a.md"));
    CHECK_FALSE(mamori::is_watched_path("mamori.toml.bak"));
  }

  TEST_CASE("inotify: a file in a folder made after the start is seen; files outside the inputs are not") {
    const mamori::testing::TempDir dir;
    dir.write("mamori.toml", "title = \"t\"\n");
    dir.write("content/_index.md", "x");
    auto watcher = mamori::make_inotify_watcher(dir.path());
    REQUIRE(watcher);
    std::filesystem::create_directories(dir.path() / "content/new/deep");
    collect(**watcher, milliseconds(100));  // the folders' own events add their watches
    dir.write("content/new/deep/page.md", "x");
    dir.write("site/index.html", "x");
    dir.write("mamori.toml", "title = \"u\"\n");
    const auto seen = collect(**watcher, milliseconds(300));
    CHECK(has(seen, "content/new/deep/page.md"));
    CHECK(has(seen, "mamori.toml"));
    CHECK_FALSE(has(seen, "site/index.html"));
    CHECK_FALSE(has(seen, "site"));
  }

  TEST_CASE("polling: new, changed and removed files are seen; nothing else") {
    const mamori::testing::TempDir dir;
    dir.write("mamori.toml", "title = \"t\"\n");
    dir.write("content/a.md", "x");
    dir.write("content/b.md", "x");
    auto watcher = mamori::make_poll_watcher(dir.path(), milliseconds(50));
    CHECK(collect(*watcher, milliseconds(150)).empty());
    dir.write("content/a.md", "longer");
    std::filesystem::remove(dir.path() / "content/b.md");
    dir.write("quizzes/q.toml", "x");
    dir.write("other/x.md", "x");
    const auto seen = collect(*watcher, milliseconds(300));
    CHECK(has(seen, "content/a.md"));
    CHECK(has(seen, "content/b.md"));
    CHECK(has(seen, "quizzes/q.toml"));
    CHECK_FALSE(has(seen, "other/x.md"));
  }
}
