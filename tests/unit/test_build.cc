#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "build.h"
#include "helpers.h"

using namespace mamori;
using mamori::testing::formatted;
using mamori::testing::TempDir;
using mamori::testing::write_minimal_project;

namespace fs = std::filesystem;

namespace {

const FixedClock kToday(Date{2026, 11, 23});

BuildReport build(const TempDir& dir, bool write = true) {
  BuildOptions options;
  options.root = dir.path();
  options.jobs = 2;
  options.write = write;
  options.clock = &kToday;
  return build_site(options);
}

std::string read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every file of a folder with its content, to compare whole trees.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) files[fs::relative(entry.path(), dir).generic_string()] = read(entry.path());
  }
  return files;
}

void write_two_sections(const TempDir& dir) {
  write_minimal_project(dir);
  dir.write("content/cyber/_index.md", "+++\ntitle = \"サイバー\"\nweight = 20\n+++\n");
  dir.write("content/cyber/backups.md",
            "+++\ntitle = \"バックアップ\"\nweight = 10\nreviewed = 2025-01-10\n"
            "sources = [\"https://www.ipa.go.jp/security/guide/sme/about.html\"]\n+++\n\n"
            "## 3-2-1 の考え方 {#rule}\n\n本文。[初動](../incident/first.md#連絡) を見てください。\n");
  dir.write("content/incident/_index.md", "+++\ntitle = \"事中・事後\"\nweight = 30\n+++\n");
  dir.write(
      "content/incident/first.md",
      "+++\ntitle = \"初動対応\"\nreviewed = 2026-06-01\n+++\n\n## 連絡\n\n[バックアップ](../cyber/backups.md#rule)\n");
}

}  // namespace

TEST_SUITE("build") {
  TEST_CASE("a good project builds, with relative links everywhere") {
    TempDir dir;
    write_two_sections(dir);
    const BuildReport report = build(dir);
    CHECK(formatted(report.diagnostics).empty());
    CHECK(report.exit_status() == 0);
    CHECK(report.pages == 5);
    const std::string page = read(dir.path() / "site/cyber/backups.html");
    CHECK(page.find("<html lang=\"ja\">") != std::string::npos);
    CHECK(page.find("href=\"../incident/first.html#%E9%80%A3%E7%B5%A1\"") != std::string::npos);
    CHECK(page.find("href=\"../assets/style.css\"") != std::string::npos);
    CHECK(page.find("href=\"../index.html\"") != std::string::npos);
    CHECK(page.find("Content-Security-Policy") != std::string::npos);
    CHECK(page.find("<time datetime=\"2025-01-10\">2025年1月10日</time>") != std::string::npos);
    CHECK(page.find("https://www.ipa.go.jp/security/guide/sme/about.html") != std::string::npos);
    // Every href and src is relative (or a cited http(s) URL).
    for (const std::string attribute : {"href=\"/", "src=\"/", "src=\"http"}) {
      CHECK(page.find(attribute) == std::string::npos);
    }
    CHECK(fs::exists(dir.path() / "site/404.html"));
    CHECK(fs::exists(dir.path() / "site/sitemap.xml"));
    CHECK(fs::exists(dir.path() / "site/assets/style.css"));
  }

  TEST_CASE("pages reviewed longer ago than the configured age carry a notice") {
    TempDir dir;
    write_two_sections(dir);
    build(dir);
    CHECK(read(dir.path() / "site/cyber/backups.html").find("notice-stale") != std::string::npos);
    CHECK(read(dir.path() / "site/incident/first.html").find("notice-stale") == std::string::npos);
    dir.write("mamori.toml", "title = \"テスト\"\nstale_after_months = 3\n");
    build(dir);
    CHECK(read(dir.path() / "site/incident/first.html").find("notice-stale") != std::string::npos);
  }

  TEST_CASE("links to missing pages, headings and files are errors with hints") {
    TempDir dir;
    write_two_sections(dir);
    dir.write("content/cyber/bad.md",
              "+++\ntitle = \"壊れたリンク\"\n+++\n\n"
              "[a](backup.md) [b](../incident/first.md#連格)\n"
              "[c](../../mamori.toml) [d](first.html) [e](/cyber/backups.md)\n"
              "[f](../incident) [g](../incident/first.md)\n");
    const BuildReport report = build(dir);
    CHECK(report.exit_status() == 1);
    CHECK(
        formatted(report.diagnostics) ==
        std::vector<std::string>{
            "content/cyber/bad.md:5:1: error: link to missing page 'cyber/backup.md' (did you mean "
            "'cyber/backups.md'?)",
            "content/cyber/bad.md:5:16: error: link to missing heading '#連格' in 'incident/first.md' (did you mean "
            "'#連絡'?)",
            "content/cyber/bad.md:6:1: error: link to '../../mamori.toml' points outside content/",
            "content/cyber/bad.md:6:24: error: link to missing file 'cyber/first.html'",
            "content/cyber/bad.md:6:40: error: link '/cyber/backups.md' starts with '/': it would not work from a file "
            "share or file://; make it relative to this file"});
    CHECK_FALSE(fs::exists(dir.path() / "site"));
  }

  TEST_CASE("a failed build leaves the previous site exactly as it was") {
    TempDir dir;
    write_two_sections(dir);
    REQUIRE(build(dir).exit_status() == 0);
    const auto before = snapshot(dir.path() / "site");
    dir.write("content/cyber/backups.md", "+++\ntitle = \"壊れた\"\nweigth = 1\n+++\n[x](nowhere.md)\n");
    CHECK(build(dir).exit_status() == 1);
    CHECK(snapshot(dir.path() / "site") == before);
    // No staging folder is left behind.
    for (const auto& entry : fs::directory_iterator(dir.path())) {
      CHECK(entry.path().filename().string().find("mamori-staging") == std::string::npos);
    }
  }

  TEST_CASE("two builds of the same input are byte-identical") {
    TempDir dir;
    write_two_sections(dir);
    build(dir);
    const auto first = snapshot(dir.path() / "site");
    fs::remove(dir.path() / ".site.mamori-state");  // force a full second build
    const BuildReport second = build(dir);
    CHECK_FALSE(second.up_to_date);
    CHECK(snapshot(dir.path() / "site") == first);
  }

  TEST_CASE("a build with nothing changed does nothing, and any change rebuilds") {
    TempDir dir;
    write_two_sections(dir);
    dir.write("content/raw.md", "+++\ntitle = \"生HTML\"\n+++\n<b>x</b>\n");
    const BuildReport first = build(dir);
    REQUIRE(first.exit_status() == 0);
    CHECK(first.diagnostics.warning_count() == 1);
    const BuildReport again = build(dir);
    CHECK(again.up_to_date);
    CHECK(again.pages == first.pages);
    // The last build's warnings are repeated, not lost.
    CHECK(again.earlier_warnings ==
          std::vector<std::string>{"content/raw.md:4:1: warning: raw HTML is not allowed in Markdown and was left out\n"
                                   " 4 | <b>x</b>\n   | ^"});
    dir.write("content/incident/first.md", "+++\ntitle = \"初動対応（改）\"\n+++\n");
    const BuildReport changed = build(dir);
    CHECK(changed.exit_status() == 1);  // backups.md links to #連絡, which is gone
    CHECK_FALSE(changed.up_to_date);
    dir.write("content/incident/first.md", "+++\ntitle = \"初動対応（改）\"\n+++\n\n## 連絡\n");
    CHECK_FALSE(build(dir).up_to_date);
    CHECK(build(dir).up_to_date);
    fs::remove_all(dir.path() / "site");
    const BuildReport after_delete = build(dir);
    CHECK_FALSE(after_delete.up_to_date);
    CHECK(fs::exists(dir.path() / "site/incident/first.html"));
    CHECK(read(dir.path() / "site/incident/first.html").find("初動対応（改）") != std::string::npos);
  }

  TEST_CASE("a new day rebuilds: staleness notices depend on the date") {
    TempDir dir;
    write_two_sections(dir);
    build(dir);
    const FixedClock tomorrow(Date{2026, 11, 24});
    BuildOptions options;
    options.root = dir.path();
    options.clock = &tomorrow;
    CHECK_FALSE(build_site(options).up_to_date);
  }

  TEST_CASE("check writes nothing") {
    TempDir dir;
    write_two_sections(dir);
    const BuildReport report = build(dir, false);
    CHECK(report.exit_status() == 0);
    CHECK(report.pages == 5);
    CHECK_FALSE(fs::exists(dir.path() / "site"));
  }

  TEST_CASE("a folder mamori did not build is never replaced") {
    TempDir dir;
    write_two_sections(dir);
    dir.write("site/important.docx", "keep me");
    const BuildReport report = build(dir);
    CHECK(report.exit_status() == 2);
    CHECK(report.environment_error->starts_with("refusing to replace"));
    CHECK(read(dir.path() / "site/important.docx") == "keep me");
  }

  TEST_CASE("a template that loads from outside the site fails the build") {
    TempDir dir;
    write_two_sections(dir);
    const fs::path head = dir.path() / "themes/default/partials/head.mustache";
    const std::string original = read(head);
    dir.write("themes/default/partials/head.mustache",
              original + "<script src=\"https://cdn.example.com/analytics.js\"></script>\n");
    dir.write("themes/default/assets/extra.css",
              "body { font-family: x; }\n@import \"https://fonts.example/a.css\";\n");
    const BuildReport report = build(dir);
    CHECK(report.exit_status() == 1);
    const auto lines = formatted(report.diagnostics);
    REQUIRE(lines.size() >= 2);
    CHECK(lines[0] ==
          "themes/default/assets/extra.css:2:10: error: 'https://fonts.example/a.css' (@import in CSS) would be loaded "
          "from outside the site: put the file in the theme's assets/ folder");
    CHECK(lines[1].starts_with("themes/default/partials/head.mustache:"));
    CHECK(
        lines[1].ends_with(": error: 'https://cdn.example.com/analytics.js' (src of <script>) would be loaded from "
                           "outside the site: put the file in the theme's assets/ folder"));
  }

  TEST_CASE("hostile text in front matter is escaped in the page") {
    TempDir dir;
    write_minimal_project(dir);
    dir.write("content/x.md",
              "+++\ntitle = \"</title><script>alert(1)</script>\"\ndescription = \"\\\" onmouseover=\\\"alert(1)\"\n"
              "sources = [\"https://example.jp/\\\"><script>alert(2)</script>\"]\n+++\n");
    REQUIRE(build(dir).exit_status() == 0);
    const std::string page = read(dir.path() / "site/x.html");
    CHECK(page.find("<script>alert") == std::string::npos);
    CHECK(page.find("\" onmouseover") == std::string::npos);
    CHECK(page.find("&lt;/title&gt;&lt;script&gt;") != std::string::npos);
  }
}
