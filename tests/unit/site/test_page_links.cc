#include <doctest/doctest.h>

#include "helpers.h"
#include "site/loader.h"
#include "site/page_links.h"

using namespace mamori;
using mamori::testing::formatted;
using mamori::testing::TempDir;
using mamori::testing::write_minimal_project;

namespace {

Site load_sample(const TempDir& dir) {
  write_minimal_project(dir);
  dir.write("content/cyber/_index.md", "+++\ntitle = \"サイバー\"\n+++\n");
  dir.write("content/cyber/backup.md", "+++\ntitle = \"バックアップ\"\n+++\n");
  dir.write("content/cyber/figure.png", "PNG");
  dir.write("content/incident/_index.md", "+++\ntitle = \"事後\"\n+++\n");
  dir.write("content/incident/first.md", "+++\ntitle = \"初動\"\n+++\n");
  dir.write("content/incident/later.md", "+++\ntitle = \"後で\"\ndraft = true\n+++\n");
  dir.write("content/pictures/a.png", "PNG");  // a folder without pages
  Diagnostics diagnostics;
  auto site = load_site(dir.path(), {}, diagnostics);
  REQUIRE(site.has_value());
  return std::move(*site);
}

// The href a link from content/cyber/backup.md gets, or "error: …".
std::string href(const Site& site, std::string_view url, bool image = false) {
  const SiteLinkResolver resolver(site, *site.find_page("cyber/backup.md"));
  const auto link = resolver.resolve(url, image, 3, 7);
  return link ? link->href : "error: " + link.error().message;
}

}  // namespace

TEST_SUITE("page links") {
  TEST_CASE("a path written in a folder leads into content/ or nowhere") {
    CHECK(content_path_of("content/cyber", "backup.md") == "cyber/backup.md");
    CHECK(content_path_of("content/cyber", "../incident/./first.md") == "incident/first.md");
    CHECK(content_path_of("content/cyber", "..") == "");
    CHECK(content_path_of("quizzes", "../content/a.md") == "a.md");
    CHECK(content_path_of("quizzes", "../content") == "");
    CHECK_FALSE(content_path_of("quizzes", "a.md").has_value());
    CHECK_FALSE(content_path_of("content/cyber", "../../mamori.toml").has_value());
    CHECK_FALSE(content_path_of("content", "../../..").has_value());
    CHECK_FALSE(content_path_of("quizzes", "../contents/a.md").has_value());
  }

  TEST_CASE("links to pages, folders and files become relative hrefs to the built files") {
    TempDir dir;
    const Site site = load_sample(dir);
    CHECK(href(site, "../incident/first.md") == "../incident/first.html");
    CHECK(href(site, "../incident/") == "../incident/index.html");
    CHECK(href(site, "..") == "../index.html");
    CHECK(href(site, "figure.png") == "figure.png");
    CHECK(href(site, "figure.png", true) == "figure.png");
    CHECK(href(site, "../pictures/a.png", true) == "../pictures/a.png");
    // The fragment is decoded and encoded as heading ids are (Japanese kept, see url.h).
    CHECK(href(site, "../incident/first.md?x=1#%E9%80%A3%E7%B5%A1") == "../incident/first.html?x=1#連絡");
    CHECK(href(site, "%E3%83%90.md").starts_with("error: link to missing page 'cyber/バ.md'"));
  }

  TEST_CASE("a link with a #heading to another page names it, to check later; others name none") {
    TempDir dir;
    const Site site = load_sample(dir);
    const SiteLinkResolver resolver(site, *site.find_page("cyber/backup.md"));
    const auto with_heading = resolver.resolve("../incident/first.md#%E9%80%A3%E7%B5%A1", false, 3, 7);
    REQUIRE(with_heading.has_value());
    REQUIRE(with_heading->anchor.has_value());
    CHECK(with_heading->anchor->target == *site.page_id("incident/first.md"));
    CHECK(with_heading->anchor->fragment == "連絡");
    CHECK(with_heading->anchor->line == 3);
    CHECK(with_heading->anchor->column == 7);
    const auto folder = resolver.resolve("../incident/#top", false, 1, 1);
    REQUIRE(folder.has_value());
    REQUIRE(folder->anchor.has_value());
    CHECK(folder->anchor->target == *site.page_id("incident/_index.md"));
    CHECK_FALSE(resolver.resolve("../incident/first.md", false, 1, 1)->anchor.has_value());
    CHECK_FALSE(resolver.resolve("../incident/first.md#", false, 1, 1)->anchor.has_value());
    CHECK_FALSE(resolver.resolve("figure.png#x", false, 1, 1)->anchor.has_value());
  }

  TEST_CASE("links that lead nowhere say why, with a hint where one helps") {
    TempDir dir;
    const Site site = load_sample(dir);
    CHECK(href(site, "/cyber/backup.md") ==
          "error: link '/cyber/backup.md' starts with '/': it would not work from a file share or file://; make it "
          "relative to this file");
    CHECK(href(site, "?x") == "error: link '?x' has no path");
    CHECK(href(site, "../../mamori.toml") == "error: link to '../../mamori.toml' points outside content/");
    CHECK(href(site, "../incident/frist.md") ==
          "error: link to missing page 'incident/frist.md' (did you mean 'incident/first.md'?)");
    CHECK(href(site, "../incident/later.md") ==
          "error: link to draft page 'incident/later.md': it is left out of the build (draft = true); build with "
          "--drafts or remove the link");
    CHECK(href(site, "../pictures") == "error: link to folder 'pictures' which has no _index.md");
    CHECK(href(site, "../incident", true) == "error: image to folder 'incident' which has no _index.md");
    CHECK(href(site, "backup.md", true) == "error: image 'backup.md' is a page, not a picture");
    CHECK(href(site, "figur.png") ==
          "error: link to missing file 'cyber/figur.png' (did you mean 'cyber/figure.png'?)");
    CHECK(href(site, "../incident/first.html") ==
          "error: link to missing file 'incident/first.html' (did you mean 'incident/first.md'?)");
  }

  TEST_CASE("a quiz's links are written from quizzes/ and rendered for its page") {
    TempDir dir;
    const Site site = load_sample(dir);
    const SiteLinkResolver resolver(site, "quizzes", "quizzes/q.html");
    const auto link = resolver.resolve("../content/cyber/backup.md", false, 1, 1);
    REQUIRE(link.has_value());
    CHECK(link->href == "../cyber/backup.html");
    CHECK_FALSE(resolver.resolve("backup.md", false, 1, 1).has_value());
  }

  TEST_CASE("headings that do not exist on the target page are errors with a hint") {
    TempDir dir;
    const Site site = load_sample(dir);
    const PageId first = *site.page_id("incident/first.md");
    HeadingIds ids(site.pages.size());
    ids[index_of(first)] = {"連絡", "記録"};
    const std::vector<PendingAnchor> pending = {{first, "連絡", 2, 3}, {first, "連格", 4, 5}, {first, "zzz", 6, 7}};
    CHECK(formatted(check_anchors(site, pending, ids)) ==
          std::vector<std::string>{
              "4:5: error: link to missing heading '#連格' in 'incident/first.md' (did you mean '#連絡'?)",
              "6:7: error: link to missing heading '#zzz' in 'incident/first.md'"});
  }
}
