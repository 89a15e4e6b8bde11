#include "serve/request_path.h"

#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "helpers.h"

using mamori::requested_file;

TEST_SUITE("serve") {
  TEST_CASE("request targets: the file they name, or 400 / 404 for every spelling of traversal") {
    struct Case {
      const char* target;
      int status;
      const char* relative;
      bool folder;
    };
    const Case cases[] = {
        {"/", 200, "", true},
        {"/index.html", 200, "index.html", false},
        {"/cyber/basics.html?x=1#top", 200, "cyber/basics.html", false},
        {"/cyber/", 200, "cyber", true},
        {"//cyber//basics.html", 200, "cyber/basics.html", false},
        {"/%E5%9F%BA%E6%9C%AC.html", 200, "基本.html", false},
        {"/a%20b.html", 200, "a b.html", false},
        {"/../mamori.toml", 404, "", false},
        {"/%2e%2e/mamori.toml", 404, "", false},
        {"/%2E%2E/mamori.toml", 404, "", false},
        {"/.%2e/mamori.toml", 404, "", false},
        {"/a/%2e%2e/%2e%2e/etc/passwd", 404, "", false},
        {"/cyber/../../mamori.toml", 404, "", false},
        {"/./index.html", 404, "", false},
        {"/..", 404, "", false},
        {"/.mamori", 404, "", false},
        {"/%2emamori", 404, "", false},
        {"/cyber/.hidden/index.html", 404, "", false},
        {"/a..b.html", 200, "a..b.html", false},
        {"/..%2fmamori.toml", 400, "", false},
        {"/..%2Fmamori.toml", 400, "", false},
        {"/..%5cmamori.toml", 400, "", false},
        {"/..\\mamori.toml", 400, "", false},
        {"/index.html%00.png", 400, "", false},
        {"/a%0d%0aSet-Cookie:x", 400, "", false},
        {"/%", 400, "", false},
        {"/%2", 400, "", false},
        {"/%zz", 400, "", false},
        {"/%ff.html", 400, "", false},
        {"mamori.toml", 400, "", false},
        {"http://example.com/", 400, "", false},
        {"", 400, "", false},
    };
    for (const Case& c : cases) {
      CAPTURE(c.target);
      const auto file = requested_file(c.target);
      CHECK(file.status == c.status);
      CHECK(file.relative == c.relative);
      CHECK(file.folder == c.folder);
    }
  }

  TEST_CASE("only regular files whose real path is inside the site are served") {
    const mamori::testing::TempDir dir;
    dir.write("site/index.html", "home");
    dir.write("site/cyber/index.html", "cyber");
    dir.write("secret.txt", "secret");
    namespace fs = std::filesystem;
    fs::create_symlink(dir.path() / "secret.txt", dir.path() / "site/leak.txt");
    fs::create_symlink(dir.path(), dir.path() / "site/up");
    fs::create_symlink(dir.path() / "site/index.html", dir.path() / "site/home.html");
    const fs::path site = dir.path() / "site";
    CHECK(mamori::file_inside(site, "index.html") == fs::canonical(site / "index.html"));
    CHECK(mamori::file_inside(site, "home.html") == fs::canonical(site / "index.html"));  // a link inside stays inside
    CHECK_FALSE(mamori::file_inside(site, "leak.txt"));
    CHECK_FALSE(mamori::file_inside(site, "up/secret.txt"));
    CHECK_FALSE(mamori::file_inside(site, "cyber"));  // a folder: never a listing
    CHECK_FALSE(mamori::file_inside(site, ""));
    CHECK_FALSE(mamori::file_inside(site, "missing.html"));
    CHECK_FALSE(mamori::file_inside(dir.path() / "no-site", "index.html"));
  }

  TEST_CASE("content types: text says utf-8; unknown is octet-stream") {
    CHECK(mamori::content_type_for("index.html") == "text/html; charset=utf-8");
    CHECK(mamori::content_type_for("a/B.CSS") == "text/css; charset=utf-8");
    CHECK(mamori::content_type_for("search/c0.js") == "text/javascript; charset=utf-8");
    CHECK(mamori::content_type_for("assets/icon.svg") == "image/svg+xml; charset=utf-8");
    CHECK(mamori::content_type_for("sitemap.xml") == "application/xml; charset=utf-8");
    CHECK(mamori::content_type_for("photo.jpeg") == "image/jpeg");
    CHECK(mamori::content_type_for(".mamori") == "application/octet-stream");
    CHECK(mamori::content_type_for("a.d/file") == "application/octet-stream");
    CHECK(mamori::content_type_for("noext") == "application/octet-stream");
  }
}
