#include <doctest/doctest.h>

#include <map>
#include <set>

#include "helpers.h"
#include "site/loader.h"
#include "site/not_found.h"
#include "site/page_view.h"
#include "site/templates.h"
#include "site/theme.h"

using namespace mamori;
using mamori::testing::TempDir;
using mamori::testing::write_minimal_project;
using nlohmann::json;

namespace {

const Date kToday{2026, 11, 23};

Site load_sample(const TempDir& dir, const std::string& config = "title = \"テスト\"\n") {
  write_minimal_project(dir);
  dir.write("mamori.toml", config);
  dir.write("content/top.md", "+++\ntitle = \"トップ\"\n+++\n");
  dir.write("content/cyber/_index.md", "+++\ntitle = \"サイバー\"\ndescription = \"対策\"\n+++\n");
  dir.write("content/cyber/a.md", "+++\ntitle = \"A\"\nweight = 1\nreviewed = 2025-01-10\n+++\n");
  dir.write("content/cyber/b.md", "+++\ntitle = \"B\"\nweight = 2\nsources = [\"https://example.jp/\"]\n+++\n");
  dir.write("content/cyber/c.md", "+++\ntitle = \"C\"\nweight = 3\nquiz = \"q\"\n+++\n");
  dir.write("content/cyber/deep/_index.md", "+++\ntitle = \"深い\"\n+++\n");
  dir.write("content/cyber/deep/d.md", "+++\ntitle = \"D\"\n+++\n");
  dir.write("quizzes/q.toml",
            "title = \"Q\"\n[[questions]]\nid = \"a\"\ntype = \"true_false\"\ntext = \"t\"\nanswer = true\n"
            "explanation = \"e\"\nsource = \"../content/cyber/a.md#x\"\n");
  Diagnostics diagnostics;
  auto site = load_site(dir.path(), {}, diagnostics);
  REQUIRE(site.has_value());
  return std::move(*site);
}

json view_of(const Site& site, const std::string& content_path, const RenderedMarkdown& body = {}) {
  return page_view(site, *site.page_id(content_path), body, kToday);
}

std::vector<std::string> titles(const json& list) {
  std::vector<std::string> out;
  for (const auto& item : list) out.push_back(item["title"].get<std::string>());
  return out;
}

}  // namespace

TEST_SUITE("page view") {
  TEST_CASE("every view has the language, the CSP, relative paths to the root and the navigation") {
    TempDir dir;
    const Site site = load_sample(dir);
    const json view = view_of(site, "cyber/deep/d.md");
    CHECK(view["lang"] == "ja");
    CHECK(view["csp"] == kContentSecurityPolicy);
    CHECK(view["root"] == "../../");
    CHECK(view["assets"] == "../../assets/");
    CHECK(view["home_href"] == "../../index.html");
    CHECK(titles(view["nav"]) == std::vector<std::string>{"サイバー", "トップ"});
    // The navigation marks the top-level section the page is in, however deep.
    CHECK(view["nav"][0]["current"] == true);
    CHECK(view["nav"][0]["href"] == "../index.html");
    CHECK(view["nav"][1]["current"] == false);
    CHECK(view["quizzes_nav"]["href"] == "../../quizzes/index.html");
    CHECK(view["quizzes_nav"]["current"] == false);
  }

  TEST_CASE("breadcrumbs lead from the home page to the page's section; the home page has none") {
    TempDir dir;
    const Site site = load_sample(dir);
    const json d = view_of(site, "cyber/deep/d.md");
    CHECK(titles(d["breadcrumbs"]) == std::vector<std::string>{"ホーム", "サイバー", "深い"});
    CHECK(d["breadcrumbs"][0]["is_home"] == true);
    CHECK(d["breadcrumbs"][2]["href"] == "index.html");
    // A section's own page starts at its parent.
    CHECK(titles(view_of(site, "cyber/deep/_index.md")["breadcrumbs"]) ==
          std::vector<std::string>{"ホーム", "サイバー"});
    CHECK(view_of(site, "_index.md")["breadcrumbs"].empty());
    CHECK(view_of(site, "_index.md")["is_home"] == true);
  }

  TEST_CASE("a page links the pages before and after it and its section") {
    TempDir dir;
    const Site site = load_sample(dir);
    const json a = view_of(site, "cyber/a.md");
    CHECK_FALSE(a.contains("prev"));
    CHECK(a["next"]["title"] == "B");
    CHECK(a["next"]["href"] == "b.html");
    CHECK(a["section"]["href"] == "index.html");
    const json b = view_of(site, "cyber/b.md");
    CHECK(b["prev"]["title"] == "A");
    CHECK(b["next"]["title"] == "C");
    CHECK_FALSE(view_of(site, "cyber/c.md").contains("next"));
    CHECK_FALSE(view_of(site, "top.md").contains("section"));  // the root section has no section link
  }

  TEST_CASE("a section lists its pages and subsections; the home page lists only sections") {
    TempDir dir;
    const Site site = load_sample(dir);
    const json cyber = view_of(site, "cyber/_index.md");
    CHECK(titles(cyber["children"]) == std::vector<std::string>{"A", "B", "C"});
    CHECK(cyber["children"][0]["reviewed"]["iso"] == "2025-01-10");
    CHECK(cyber["has_children"] == true);
    CHECK(titles(cyber["sections"]) == std::vector<std::string>{"深い"});
    CHECK(titles(cyber["sections"][0]["pages"]) == std::vector<std::string>{"D"});
    const json home = view_of(site, "_index.md");
    CHECK(home["children"].empty());
    CHECK(home["has_children"] == false);
    CHECK(titles(home["sections"]) == std::vector<std::string>{"サイバー"});
    CHECK(home["sections"][0]["description"] == "対策");
    // The training path on the home page: the quizzes, linked from it; other pages have none.
    REQUIRE(home["home_quizzes"].size() == 1);
    CHECK(home["home_quizzes"][0] == json{{"id", "q"},
                                          {"title", "Q"},
                                          {"href", "quizzes/q.html"},
                                          {"is_self_check", false},
                                          {"pass_mark", 80},
                                          {"draw", 1},
                                          {"bank_version", site.quizzes[0].version}});
    CHECK_FALSE(cyber.contains("home_quizzes"));
  }

  TEST_CASE("review date, sources, quiz and table of contents") {
    TempDir dir;
    const Site site = load_sample(dir);
    const json a = view_of(site, "cyber/a.md");
    CHECK(a["reviewed"]["ja"] == "2025年1月10日");
    CHECK_FALSE(a.contains("stale"));
    CHECK_FALSE(a.contains("reader_notice"));  // no notice for readers unless asked for
    CHECK(a["has_sources"] == false);
    const json b = view_of(site, "cyber/b.md");
    CHECK_FALSE(b.contains("reviewed"));
    CHECK(b["sources"][0]["url"] == "https://example.jp/");
    CHECK(b["has_sources"] == true);
    const json c = view_of(site, "cyber/c.md");
    CHECK(c["quiz"]["href"] == "../quizzes/q.html");
    CHECK(c["quiz"]["title"] == "Q");

    RenderedMarkdown body;
    body.html = "<p>本文</p>";
    body.headings = {{1, "t", "題", 1}, {2, "概要", "概要", 2}, {3, "詳細", "詳細", 3}, {4, "x", "x", 4}};
    const json with_toc = view_of(site, "cyber/b.md", body);
    CHECK(with_toc["page"]["body"] == "<p>本文</p>");
    REQUIRE(with_toc["toc"].size() == 2);  // levels 2 and 3 only
    CHECK(with_toc["toc"][0]["href"] == "#概要");
    CHECK(with_toc["toc"][1]["sub"] == true);
    CHECK(with_toc["has_toc"] == true);
  }

  TEST_CASE("a page's quiz names the section it covers, and whether that is the page's own") {
    TempDir dir;
    load_sample(dir);
    dir.write("quizzes/q.toml",
              "title = \"サイバーの理解度チェック\"\nsection = \"cyber\"\n[[questions]]\nid = \"a\"\n"
              "type = \"true_false\"\ntext = \"t\"\nanswer = true\nexplanation = \"e\"\n"
              "source = \"../content/cyber/a.md#x\"\n");
    dir.write("content/top.md", "+++\ntitle = \"トップ\"\nquiz = \"q\"\n+++\n");
    dir.write("content/cyber/deep/d.md", "+++\ntitle = \"D\"\nquiz = \"q\"\n+++\n");
    Diagnostics diagnostics;
    const auto site = load_site(dir.path(), {}, diagnostics);
    REQUIRE(site.has_value());
    const json deep = view_of(*site, "cyber/deep/d.md")["quiz"];
    CHECK(deep["title"] == "サイバーの理解度チェック");
    CHECK(deep["covers"] == json{{"title", "サイバー"}, {"is_own", true}});  // however deep
    CHECK(view_of(*site, "top.md")["quiz"]["covers"] == json{{"title", "サイバー"}, {"is_own", false}});
    TempDir other;
    const Site plain = load_sample(other);  // a quiz without a section covers no section
    CHECK_FALSE(view_of(plain, "cyber/c.md")["quiz"].contains("covers"));
  }

  TEST_CASE("readers get a notice naming the review date, never a count, when asked for") {
    TempDir dir;
    const Site site = load_sample(dir, "title = \"t\"\nreader_notice_after_months = 22\n");
    const json a = view_of(site, "cyber/a.md");  // reviewed 2025-01-10: 22 months before today
    CHECK(a["reader_notice"] == json{{"iso", "2025-01-10"}, {"ja", "2025年1月10日"}});
    TempDir other;
    const Site later = load_sample(other, "title = \"t\"\nreader_notice_after_months = 23\n");
    CHECK_FALSE(view_of(later, "cyber/a.md").contains("reader_notice"));
  }

  TEST_CASE("a page showing the contact table gets at most one notice: the table's") {
    TempDir dir;
    load_sample(dir, "title = \"t\"\nreader_notice_after_months = 12\n");
    dir.write("content/contacts.toml",
              "reviewed = 2024-04-01\n[[contact]]\ngroup = \"g\"\ntopic = \"t\"\norganization = \"o\"\n"
              "phone = \"052-954-6370\"\n");
    dir.write("content/windows.md", "+++\ntitle = \"窓口\"\nreviewed = 2023-01-01\ncontacts = true\n+++\n");
    Diagnostics diagnostics;
    const auto site = load_site(dir.path(), {}, diagnostics);
    REQUIRE(site.has_value());
    const json windows = view_of(*site, "windows.md");
    CHECK(windows["reviewed"]["iso"] == "2023-01-01");
    CHECK_FALSE(windows.contains("reader_notice"));
    CHECK(windows["contacts"]["notice"] == json{{"iso", "2024-04-01"}, {"ja", "2024年4月1日"}});
    // Without a date on the table, the page's own notice is the one.
    dir.write("content/contacts.toml",
              "[[contact]]\ngroup = \"g\"\ntopic = \"t\"\norganization = \"o\"\nphone = \"052-954-6370\"\n");
    const auto undated = load_site(dir.path(), {}, diagnostics);
    REQUIRE(undated.has_value());
    const json page = view_of(*undated, "windows.md");
    CHECK(page["reader_notice"]["iso"] == "2023-01-01");
    CHECK_FALSE(page["contacts"].contains("notice"));
  }

  TEST_CASE("every view carries [training]'s deadline and organisation, only when configured") {
    TempDir dir;
    const Site site =
        load_sample(dir, "title = \"t\"\n[training]\norganisation = \"株式会社サンプル\"\ndeadline = 2026-01-05\n");
    for (const json& view : {view_of(site, "_index.md"), view_of(site, "cyber/deep/d.md"), not_found_view(site, ""),
                             base_view(site, "quizzes/index.html", "quizzes/index.html")}) {
      CHECK(view["training_deadline"] == "2026-01-05");
      CHECK(view["training_deadline_text"] == "2026年1月5日");
      CHECK(view["training_organisation"] == "株式会社サンプル");
    }
    TempDir other;
    const Site plain = load_sample(other);
    for (const json& view : {view_of(plain, "_index.md"), not_found_view(plain, "")}) {
      CHECK_FALSE(view.contains("training_deadline"));
      CHECK_FALSE(view.contains("training_deadline_text"));
      CHECK_FALSE(view.contains("training_organisation"));
    }
  }

  TEST_CASE("the sitemap lists pages in reading order, then the quizzes") {
    TempDir dir;
    const Site site = load_sample(dir, "title = \"t\"\nbase_url = \"https://intra.example.jp/\"\n");
    const std::string xml = sitemap_xml(site);
    CHECK(xml.find("<!--") == std::string::npos);
    CHECK(xml.find("<url><loc>https://intra.example.jp/index.html</loc></url>") != std::string::npos);
    CHECK(xml.find("<loc>https://intra.example.jp/cyber/a.html</loc><lastmod>2025-01-10</lastmod>") !=
          std::string::npos);
    const size_t quiz = xml.find("<loc>https://intra.example.jp/quizzes/q.html</loc>");
    const size_t index = xml.find("<loc>https://intra.example.jp/quizzes/index.html</loc>");
    CHECK(xml.find("cyber/deep/d.html") < quiz);
    CHECK(quiz < index);
    CHECK(index != std::string::npos);
    TempDir other;
    CHECK(sitemap_xml(load_sample(other)).find("<!-- Set base_url") != std::string::npos);
  }

  TEST_CASE("the navigation is shared by the pages of one folder that mark the same entry") {
    TempDir dir;
    const Site site = load_sample(dir);
    const auto nav = [&](const std::string& path) { return page_navigation(site, *site.page_id(path)); };
    CHECK(&nav("cyber/a.md").shape == &navigation_shape());
    CHECK(nav("cyber/a.md").key == std::string("cyber/") + '\0' + "cyber/index.html");
    CHECK(nav("cyber/b.md").key == nav("cyber/a.md").key);
    CHECK(nav("cyber/deep/d.md").key == std::string("cyber/deep/") + '\0' + "cyber/index.html");
    CHECK(nav("top.md").key == '\0' + std::string("top.html"));
    CHECK(nav("_index.md").key == '\0' + std::string("index.html"));
    for (const std::string path : {"cyber/deep/d.md", "top.md", "_index.md", "cyber/_index.md"}) {
      CAPTURE(path);
      const PageId id = *site.page_id(path);
      json view = page_view_without_nav(site, id, {}, kToday);
      CHECK_FALSE(view.contains("nav"));
      CHECK_FALSE(view.contains("is_search"));  // constants of navigation_shape() for every page
      CHECK_FALSE(view.contains("is_quiz_index"));
      view["nav"] = page_navigation(site, id).make();
      CHECK(view == page_view(site, id, {}, kToday));
    }
  }

  TEST_CASE("the navigation's constants are the keys every view starts with, the same for one navigation") {
    TempDir dir;
    const Site site = load_sample(dir,
                                  "title = \"t\"\n[training]\norganisation = \"株式会社サンプル\"\n"
                                  "deadline = 2026-01-05\nhand_in = \"共有フォルダへ\"\n");
    const std::vector<std::string>& constants = navigation_shape().constant_names;
    const std::set<std::string> declared(constants.begin(), constants.end());
    CHECK(declared.size() == constants.size());
    // The keys a view's frame holds, all configured, besides the ones made for the page's own
    // output and marked entry: exactly the constants, less the flags page views never hold.
    json frame = base_view(site, "cyber/deep/d.html", "");
    frame.erase("nav");
    frame.erase("quizzes_nav");
    std::set<std::string> frame_keys;
    for (const auto& item : frame.items()) frame_keys.insert(item.key());
    std::set<std::string> expected = declared;
    expected.erase("is_search");
    expected.erase("is_quiz_index");
    CHECK(frame_keys == expected);
    // Pages whose navigation has the same key hold the same value (or none) for every constant.
    std::map<std::string, json> by_key;
    for (size_t i = 0; i < site.pages.size(); ++i) {
      const PageId id{i};
      CAPTURE(site.page(id).output);
      const json view = page_view_without_nav(site, id, {}, kToday);
      json values = json::object();
      for (const std::string& name : constants) values[name] = view.contains(name) ? view[name] : json("(absent)");
      const auto known = by_key.emplace(page_navigation(site, id).key, values).first;
      CHECK(known->second == values);
    }
    CHECK(by_key.size() < site.pages.size());  // some pages do share a navigation
  }

  TEST_CASE("the default theme renders every page the same with the shared navigation") {
    TempDir dir;
    const Site site = load_sample(dir);
    Diagnostics diagnostics;
    const auto theme = load_theme(dir.path(), "default", diagnostics);
    REQUIRE(theme.has_value());
    TemplateEngine engine(*theme);
    int built = 0;
    for (size_t i = 0; i < site.pages.size(); ++i) {
      const PageId id{i};
      const char* name = site.page(id).kind == PageKind::home      ? "home"
                         : site.page(id).kind == PageKind::section ? "section"
                                                                   : "page";
      SharedList nav = page_navigation(site, id);
      nav.make = [&built, make = nav.make] {
        ++built;
        return make();
      };
      const auto shared = engine.render(name, page_view_without_nav(site, id, {}, kToday), nav);
      const auto whole = engine.render(name, page_view(site, id, {}, kToday));
      REQUIRE(shared.has_value());
      REQUIRE(whole.has_value());
      CHECK(*shared == *whole);
    }
    // Built once per key and template: home and top (the root folder, each its own
    // entry; "home" and "page"), cyber/_index with a, b, c and deep/_index with d (one
    // folder each; "section" and "page").
    CHECK(site.pages.size() == 8);
    CHECK(built == 6);
  }
}
