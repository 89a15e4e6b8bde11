#include <doctest/doctest.h>

#include "helpers.h"
#include "site/loader.h"
#include "site/site.h"

using namespace mamori;
using mamori::testing::formatted;
using mamori::testing::TempDir;
using mamori::testing::write_minimal_project;

namespace {

// A loaded site: home, two sections (one nested), pages ordered by weight.
Site load_sample(const TempDir& dir) {
  write_minimal_project(dir);
  dir.write("content/a/_index.md", "+++\ntitle = \"A\"\nweight = 2\n+++\n");
  dir.write("content/a/x.md", "+++\ntitle = \"X\"\nweight = 2\n+++\n");
  dir.write("content/a/y.md", "+++\ntitle = \"Y\"\nweight = 1\n+++\n");
  dir.write("content/a/deep/_index.md", "+++\ntitle = \"Deep\"\n+++\n");
  dir.write("content/b/_index.md", "+++\ntitle = \"B\"\nweight = 1\n+++\n");
  dir.write("content/top.md", "+++\ntitle = \"Top\"\n+++\n");
  Diagnostics diagnostics;
  auto site = load_site(dir.path(), {}, diagnostics);
  REQUIRE(site.has_value());
  REQUIRE(diagnostics.empty());
  return std::move(*site);
}

std::vector<std::string> outputs(const Site& site, const std::vector<PageId>& ids) {
  std::vector<std::string> out;
  for (const PageId id : ids) out.push_back(site.page(id).output);
  return out;
}

}  // namespace

TEST_SUITE("site model") {
  TEST_CASE("pages are found by NFC content path; ids index the page list") {
    TempDir dir;
    const Site site = load_sample(dir);
    const auto x = site.page_id("a/x.md");
    REQUIRE(x.has_value());
    CHECK(&site.page(*x) == &site.pages[index_of(*x)]);
    CHECK(site.page(*x).output == "a/x.html");
    CHECK(site.find_page("a/x.md") == &site.page(*x));
    CHECK_FALSE(site.page_id("a/z.md").has_value());
    CHECK(site.find_page("a/z.md") == nullptr);
    CHECK(site.page_paths() == std::vector<std::string>{"_index.md", "a/_index.md", "a/deep/_index.md", "a/x.md",
                                                        "a/y.md", "b/_index.md", "top.md"});
  }

  TEST_CASE("sections: the root first, parents before children, every page in its folder's section") {
    TempDir dir;
    const Site site = load_sample(dir);
    const Section& root = site.section(kRootSection);
    CHECK_FALSE(root.parent.has_value());
    REQUIRE(root.index_page.has_value());
    CHECK(site.page(*root.index_page).kind == PageKind::home);
    CHECK(outputs(site, root.pages) == std::vector<std::string>{"top.html"});
    REQUIRE(root.children.size() == 2);
    const Section& b = site.section(root.children[0]);  // weight 1 before weight 2
    const Section& a = site.section(root.children[1]);
    CHECK(b.dir == "b");
    CHECK(a.dir == "a");
    CHECK(a.parent == kRootSection);
    CHECK(outputs(site, a.pages) == std::vector<std::string>{"a/y.html", "a/x.html"});
    REQUIRE(a.children.size() == 1);
    const Section& deep = site.section(a.children[0]);
    CHECK(deep.parent == root.children[1]);
    CHECK(site.page(*deep.index_page).section == a.children[0]);
    CHECK(site.page(*site.page_id("a/x.md")).section == root.children[1]);
  }

  TEST_CASE("reading order: home, root pages, then each section depth-first, its page first") {
    TempDir dir;
    const Site site = load_sample(dir);
    CHECK(outputs(site, site.reading_order()) == std::vector<std::string>{"index.html", "top.html", "b/index.html",
                                                                          "a/index.html", "a/y.html", "a/x.html",
                                                                          "a/deep/index.html"});
    CHECK(Site{}.reading_order().empty());
  }

  TEST_CASE("output claims: the first source wins, the second is an error naming the first") {
    OutputClaims claims;
    Diagnostics diagnostics;
    CHECK(claims.claim("a.html", "content/a.md", diagnostics));
    CHECK_FALSE(claims.claim("a.html", "quizzes/a.toml", diagnostics));
    CHECK_FALSE(claims.claim("A.html", "content/A.md", diagnostics));
    CHECK(formatted(diagnostics) ==
          std::vector<std::string>{
              "quizzes/a.toml: error: output path 'a.html' is also produced by content/a.md",
              "content/A.md: error: output path 'A.html' is also produced by content/a.md (names that differ only in "
              "letter case collide on Windows file shares)"});
    CHECK(claims.owns("a.html", "content/a.md"));
    CHECK_FALSE(claims.owns("a.html", "quizzes/a.toml"));
    CHECK(claims.owns("A.html", "content/A.md"));  // another spelling: written, and reported
    CHECK(claims.owns("b.html", "anything"));      // never claimed
  }

  TEST_CASE("folded paths ignore letter case and Unicode normalisation; assets/ is the theme's") {
    CHECK(fold_case("Cyber/A.HTML") == "cyber/a.html");
    CHECK(fold_case("\u30AB\u3099.md") == fold_case("\u30AC.md"));  // カ + combining mark = ガ
    CHECK(reserved_for_theme("assets/x.png"));
    CHECK(reserved_for_theme("Assets/x.png"));
    CHECK_FALSE(reserved_for_theme("cyber/assets/x.png"));
  }

  TEST_CASE("paths: one spelling of content/ and quiz files") {
    CHECK(content_source("a/b.md") == "content/a/b.md");
    CHECK(quiz_source("phishing") == "quizzes/phishing.toml");
    CHECK(quiz_output("phishing") == "quizzes/phishing.html");
    CHECK(kQuizIndexPath == "quizzes/index.html");
  }
}
