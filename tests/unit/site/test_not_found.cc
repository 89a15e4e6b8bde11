#include <doctest/doctest.h>

#include "core/sha256.h"
#include "helpers.h"
#include "site/loader.h"
#include "site/not_found.h"
#include "site/page_view.h"

using namespace mamori;
using mamori::testing::TempDir;
using mamori::testing::write_minimal_project;
using nlohmann::json;

namespace {

Site load_sample(const TempDir& dir, const std::string& config = "title = \"テスト\"\n", bool quiz = true) {
  write_minimal_project(dir);
  dir.write("mamori.toml", config);
  dir.write("content/top.md", "+++\ntitle = \"トップ\"\n+++\n");
  dir.write("content/cyber/_index.md", "+++\ntitle = \"サイバー\"\n+++\n");
  dir.write("content/cyber/a.md", "+++\ntitle = \"A\"\n+++\n");
  dir.write("content/事後/_index.md", "+++\ntitle = \"事後\"\n+++\n");
  if (quiz) {
    dir.write("quizzes/q.toml",
              "title = \"Q\"\n[[questions]]\nid = \"a\"\ntype = \"true_false\"\ntext = \"t\"\nanswer = true\n"
              "explanation = \"e\"\nsource = \"../content/cyber/a.md#x\"\n");
  }
  Diagnostics diagnostics;
  auto site = load_site(dir.path(), {}, diagnostics);
  REQUIRE(site.has_value());
  return std::move(*site);
}

}  // namespace

TEST_SUITE("404 page") {
  TEST_CASE("without base_url: links from the site root, and a script that finds the root from any depth") {
    TempDir dir;
    const Site site = load_sample(dir);
    const json view = not_found_view(site, "body{color:#000}");
    CHECK(view["home"] == json{{"href", "index.html"}, {"path", "index.html"}});
    CHECK(view["assets"] == "assets/");
    REQUIRE(view["nav"].size() == 2);
    CHECK(view["nav"][0] == json{{"href", "cyber/index.html"}, {"path", "cyber/index.html"}, {"title", "サイバー"}});
    CHECK(view["nav"][1]["path"] == "事後/index.html");
    CHECK(view["quizzes_link"] == json{{"href", "quizzes/index.html"}, {"path", "quizzes/index.html"}});
    CHECK_FALSE(view.contains("quizzes_nav"));
    CHECK(view["inline_style"] == "body{color:#000}");
    const std::string script = view["inline_script"].get<std::string>();
    CHECK(script == not_found_script({"cyber", "事後", "quizzes", "assets", "search"}));
    // The folder names are ASCII in the script, and nothing in it can end the element.
    CHECK(script.find("var folders = [\"cyber\",\"\\u4e8b\\u5f8c\",\"quizzes\",\"assets\",\"search\"];") !=
          std::string::npos);
    CHECK(not_found_script({"</script><b>"}).find("\\u003c/script\\u003e\\u003cb\\u003e") != std::string::npos);
    // Both are allowed by their hashes, nothing inline otherwise.
    CHECK(view["csp"] == "default-src 'none'; script-src 'self' 'sha256-" + sha256_base64(script) +
                             "'; style-src 'self' 'sha256-" + sha256_base64("body{color:#000}") +
                             "'; img-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'");
    CHECK(view["csp"].get<std::string>().find("unsafe-inline") == std::string::npos);
  }

  TEST_CASE("with base_url: absolute links and no script") {
    TempDir dir;
    const Site site = load_sample(dir, "title = \"t\"\nbase_url = \"https://intra.example.jp/m\"\n");
    const json view = not_found_view(site, "p{}");
    CHECK(view["home_href"] == "https://intra.example.jp/m/index.html");
    CHECK(view["home"]["href"] == "https://intra.example.jp/m/index.html");
    CHECK(view["nav"][0]["href"] == "https://intra.example.jp/m/cyber/index.html");
    CHECK(view["quizzes_link"]["href"] == "https://intra.example.jp/m/quizzes/index.html");
    CHECK_FALSE(view.contains("inline_script"));
    CHECK(view["csp"] == "default-src 'none'; script-src 'self'; style-src 'self' 'sha256-" + sha256_base64("p{}") +
                             "'; img-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'");
  }

  TEST_CASE("without quizzes there is no quizzes/ folder to find, and no link to it") {
    TempDir dir;
    const Site site = load_sample(dir, "title = \"テスト\"\n", false);
    CHECK(top_level_folders(site) == std::vector<std::string>{"cyber", "事後", "assets", "search"});
    const json view = not_found_view(site, "");
    CHECK_FALSE(view.contains("quizzes_link"));
    CHECK(view["csp"].get<std::string>().find("style-src 'self';") != std::string::npos);  // no stylesheet
  }
}
