#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "helpers.h"
#include "site/loader.h"
#include "site/quiz_page.h"

using namespace mamori;
using mamori::testing::formatted;
using mamori::testing::TempDir;
using mamori::testing::write_minimal_project;
using nlohmann::json;

namespace {

const ReservedIds kThemeIds = {"quiz-app"};

// A true/false question whose source is `source`.
std::string true_false(std::string_view source) {
  return "title = \"Q\"\n[[questions]]\nid = \"a\"\ntype = \"true_false\"\ntext = \"t\"\nanswer = true\n"
         "explanation = \"e\"\nsource = \"" +
         std::string(source) + "\"\n";
}

Site load_sample(const TempDir& dir) {
  write_minimal_project(dir);
  dir.write("content/cyber/_index.md", "+++\ntitle = \"サイバー\"\n+++\n");
  dir.write("content/cyber/backup.md", "+++\ntitle = \"バックアップ\"\n+++\n");
  dir.write("quizzes/phishing.toml", true_false("../content/cyber/backup.md#x"));
  Diagnostics diagnostics;
  auto site = load_site(dir.path(), {}, diagnostics);
  REQUIRE(site.has_value());
  return std::move(*site);
}

Quiz quiz_from(std::string_view toml, std::string_view id = "q") {
  std::vector<Diagnostic> out;
  Quiz quiz = parse_quiz(id, toml, out);
  REQUIRE(formatted(out).empty());
  quiz.file = quiz_source(id);
  return quiz;
}

// The question data quiz.js reads, and what its key hides.
json question_data(const RenderedQuiz& rendered, size_t question) {
  std::string data = rendered.view["quiz"]["data"].get<std::string>();
  return json::parse(data)["questions"][question];
}

json secret_of(const json& question, std::string_view quiz_id = "q") {
  return json::parse(decode_answer_key(quiz_id, question["id"].get<std::string>(), question["key"].get<std::string>()));
}

}  // namespace

TEST_SUITE("quiz page") {
  TEST_CASE("a question's source links the heading that teaches it, checked once pages are rendered") {
    TempDir dir;
    const Site site = load_sample(dir);
    const RenderedQuiz rendered = quiz_view(site, quiz_from(true_false("../content/cyber/backup.md#rule")), kThemeIds);
    CHECK(formatted(rendered.diagnostics).empty());
    REQUIRE(rendered.pending.size() == 1);
    CHECK(rendered.pending[0].target == *site.page_id("cyber/backup.md"));
    CHECK(rendered.pending[0].fragment == "rule");
    CHECK(rendered.pending[0].line == 8);
    const json secret = secret_of(question_data(rendered, 0));
    CHECK(secret["source"]["href"] == "../cyber/backup.html#rule");
    CHECK(secret["source"]["title"] == "バックアップ");
    CHECK(secret["correct"] == json::array({"true"}));
  }

  TEST_CASE("a source must lead to a page in content/ and name a heading") {
    TempDir dir;
    const Site site = load_sample(dir);
    auto problems = [&](std::string_view source) {
      return formatted(quiz_view(site, quiz_from(true_false(source)), kThemeIds).diagnostics);
    };
    CHECK(problems("cyber/backup.md#rule") ==
          std::vector<std::string>{"8:10: error: question 'a': source 'cyber/backup.md#rule' must point into content/, "
                                   "like ../content/cyber/ten-basics.md#password"});
    CHECK(problems("../content#x") ==
          std::vector<std::string>{"8:10: error: question 'a': source '../content#x' must point into content/, like "
                                   "../content/cyber/ten-basics.md#password"});
    CHECK(problems("../content/cyber/backups.md#rule") ==
          std::vector<std::string>{"8:10: error: question 'a': source '../content/cyber/backups.md#rule' is not a page "
                                   "(did you mean 'cyber/backup.md'?)"});
    CHECK(problems("../content/cyber/backup.md") ==
          std::vector<std::string>{"8:10: error: question 'a': source '../content/cyber/backup.md' must name the "
                                   "heading that teaches this, like ../content/cyber/backup.md#heading"});
  }

  TEST_CASE("choices get ids a, b, …; a choice must be one paragraph; answers are hidden in the key") {
    TempDir dir;
    const Site site = load_sample(dir);
    const Quiz quiz = quiz_from(
        "title = \"Q\"\n[[questions]]\nid = \"s\"\ntype = \"single\"\ntext = \"どれ？\"\nexplanation = \"e\"\n"
        "source = \"../content/cyber/backup.md#x\"\n"
        "  [[questions.choices]]\n  text = \"**はい**\"\n  correct = true\n"
        "  [[questions.choices]]\n  text = \"- いいえ\"\n  feedback = \"違います\"\n");
    const RenderedQuiz rendered = quiz_view(site, quiz, kThemeIds);
    CHECK(
        formatted(rendered.diagnostics) ==
        std::vector<std::string>{"12: error: question 's': a choice must be one paragraph (no lists or blank lines)"});
    const json question = question_data(rendered, 0);
    CHECK(question["type"] == "single");
    CHECK(question["text"] == "どれ？");
    CHECK(question["text_is_block"] == false);
    // The build's order (quiz/choice_order.h), named a, b in that order: here はい, written
    // first, comes second, so its id does not say it was first in the file.
    CHECK(question["choices"][0]["id"] == "a");
    CHECK(question["choices"][1] == json{{"id", "b"}, {"text", "<strong>はい</strong>"}});
    CHECK(question.dump().find("correct") == std::string::npos);
    const json secret = secret_of(question);
    CHECK(secret["correct"] == json::array({"b"}));
    CHECK(secret["feedback"] == json{{"a", "違います"}});
  }

  TEST_CASE("the page view: breadcrumbs, navigation and the quiz data for the script block") {
    TempDir dir;
    const Site site = load_sample(dir);
    const RenderedQuiz rendered =
        quiz_view(site, quiz_from(true_false("../content/cyber/backup.md#x"), "phishing"), kThemeIds);
    const json& view = rendered.view;
    CHECK(view["page"]["title"] == "Q");
    CHECK(view["root"] == "../");
    CHECK(view["breadcrumbs"][0]["href"] == "../index.html");
    CHECK(view["breadcrumbs"][1]["is_quizzes"] == true);
    CHECK(view["quizzes_nav"]["current"] == true);
    CHECK(view["quiz"]["id"] == "phishing");
    CHECK(view["quiz"]["count"] == 1);
    CHECK(view["quiz"]["is_self_check"] == false);
    const std::string data = view["quiz"]["data"].get<std::string>();
    CHECK(data.find('<') == std::string::npos);
    const json parsed = json::parse(data);
    CHECK(parsed["format"] == "mamori-quiz");
    CHECK(parsed["version"] == 1);
    CHECK(parsed["type"] == "quiz");
    // The question bank's version, for the result record's quiz.version.
    const Quiz quiz = quiz_from(true_false("../content/cyber/backup.md#x"), "phishing");
    CHECK(quiz.version.size() == 16);
    CHECK(parsed["bank_version"] == quiz.version);
    CHECK(parsed["draw"] == 1);
  }

  TEST_CASE("a self-check shows options and bands, and hides no answers") {
    TempDir dir;
    const Site site = load_sample(dir);
    const Quiz quiz = quiz_from(
        "title = \"自己診断\"\ntype = \"self_check\"\n"
        "[[questions]]\nid = \"a\"\ntext = \"鍵をかけている\"\n"
        "[[bands]]\nmin = -1\nlabel = \"まず\"\nadvice = \"[見る](../content/cyber/backup.md)\"\n",
        "self");
    const RenderedQuiz rendered = quiz_view(site, quiz, kThemeIds);
    CHECK(formatted(rendered.diagnostics).empty());
    const json parsed = json::parse(rendered.view["quiz"]["data"].get<std::string>());
    CHECK(parsed["type"] == "self_check");
    CHECK(parsed["options"].size() == self_check_options().size());
    CHECK(parsed["bands"][0]["advice"] == "<a href=\"../cyber/backup.html\">見る</a>");
    const json secret = secret_of(parsed["questions"][0], "self");
    CHECK_FALSE(secret.contains("correct"));
    CHECK(rendered.view["quiz"]["is_self_check"] == true);
  }

  TEST_CASE("a heading named by a link in a band's advice is checked once pages are rendered") {
    TempDir dir;
    const Site site = load_sample(dir);
    const Quiz quiz = quiz_from(
        "title = \"自己診断\"\ntype = \"self_check\"\n"
        "[[questions]]\nid = \"a\"\ntext = \"鍵をかけている\"\n"
        "[[bands]]\nmin = -1\nlabel = \"まず\"\nadvice = \"[見る](../content/cyber/backup.md#rule)\"\n",
        "self");
    const RenderedQuiz rendered = quiz_view(site, quiz, kThemeIds);
    REQUIRE(rendered.pending.size() == 1);
    CHECK(rendered.pending[0].fragment == "rule");
    CHECK(rendered.pending[0].line == 9);
  }

  TEST_CASE("headings in a quiz's Markdown avoid the theme's ids; links in it are listed") {
    TempDir dir;
    const Site site = load_sample(dir);
    Quiz quiz = quiz_from(true_false("../content/cyber/backup.md#x"));
    quiz.questions[0].explanation = "## quiz-app\n\n[出典](https://example.jp/)\n";
    const RenderedQuiz rendered = quiz_view(site, quiz, kThemeIds);
    const json secret = secret_of(question_data(rendered, 0));
    CHECK(secret["explanation"].get<std::string>().find("<h2 id=\"quiz-app-1\">") != std::string::npos);
    REQUIRE(rendered.links.size() == 1);
    CHECK(rendered.links[0].url == "https://example.jp/");
  }

  TEST_CASE("the index lists every quiz with a link to its page") {
    TempDir dir;
    write_minimal_project(dir);
    dir.write("quizzes/phishing.toml", true_false("../content/_index.md#x"));
    Diagnostics diagnostics;
    const Site site = load_site(dir.path(), {}, diagnostics).value();
    const json view = quiz_index_view(site);
    CHECK(view["is_quiz_index"] == true);
    REQUIRE(view["quizzes"].size() == 1);
    CHECK(view["quizzes"][0]["href"] == "phishing.html");
    CHECK(view["quizzes"][0]["title"] == "Q");
    CHECK(view["breadcrumbs"][0]["href"] == "../index.html");
    CHECK(view["quizzes_nav"]["current"] == true);
  }

  TEST_CASE("a quiz page's data: [training], the issuer, every quiz in section order, the index") {
    TempDir dir;
    write_minimal_project(dir);
    dir.write("content/primer/_index.md", "+++\ntitle = \"入門\"\nweight = 1\n+++\n");
    dir.write("content/cyber/_index.md", "+++\ntitle = \"サイバー\"\nweight = 2\n+++\n");
    dir.write("quizzes/a-cyber.toml", "section = \"cyber\"\n" + true_false("../content/_index.md#x"));
    dir.write("quizzes/b-primer.toml", "section = \"primer\"\n" + true_false("../content/_index.md#x"));
    dir.write("quizzes/check.toml",
              "title = \"自己診断\"\ntype = \"self_check\"\n[[questions]]\nid = \"a\"\ntext = \"t\"\n"
              "[[bands]]\nmin = -1\nlabel = \"l\"\nadvice = \"a\"\n");
    Diagnostics diagnostics;
    const Site site = load_site(dir.path(), {}, diagnostics).value();
    REQUIRE(formatted(diagnostics).empty());
    const json data = json::parse(quiz_view(site, site.quizzes[1], kThemeIds).view["quiz"]["data"].get<std::string>());
    CHECK(data["id"] == "a-cyber");
    // Without [training]: nothing asked but the name, and the site title issues certificates.
    CHECK(data["training"] == json{{"ask", json::array()}, {"organisation", ""}, {"deadline", ""}, {"hand_in", ""}});
    CHECK(data["issuer"] == "テスト");
    CHECK(data["index_href"] == "index.html");
    CHECK(data["quizzes"] == json::parse(R"([
      {"id": "b-primer", "title": "Q", "href": "b-primer.html", "type": "quiz"},
      {"id": "a-cyber", "title": "Q", "href": "a-cyber.html", "type": "quiz"},
      {"id": "check", "title": "自己診断", "href": "check.html", "type": "self_check"}])"));
  }

  TEST_CASE("[training] reaches the quiz page and the quizzes index; the organisation issues certificates") {
    TempDir dir;
    write_minimal_project(dir);
    dir.write("mamori.toml",
              "title = \"テスト\"\n[training]\nask = [\"department\", \"employee_id\"]\n"
              "organisation = \"株式会社<サンプル>\"\ndeadline = \"2026-12-25\"\n"
              "hand_in = \"共有フォルダ <\\\\\\\\srv\\\\jinji> に保存\"\n");
    dir.write("quizzes/phishing.toml", "pass_mark = 70\n" + true_false("../content/_index.md#x"));
    dir.write("quizzes/self.toml",
              "title = \"自己診断\"\ntype = \"self_check\"\n[[questions]]\nid = \"a\"\ntext = \"t\"\n"
              "[[bands]]\nmin = -1\nlabel = \"l\"\nadvice = \"a\"\n");
    Diagnostics diagnostics;
    const Site site = load_site(dir.path(), {}, diagnostics).value();
    REQUIRE(formatted(diagnostics).empty());
    const json training = {{"ask", {"department", "employee_id"}},
                           {"organisation", "株式会社<サンプル>"},
                           {"deadline", "2026-12-25"},
                           {"hand_in", "共有フォルダ <\\\\srv\\jinji> に保存"}};
    const json data = json::parse(quiz_view(site, site.quizzes[0], kThemeIds).view["quiz"]["data"].get<std::string>());
    CHECK(data["training"] == training);
    CHECK(data["issuer"] == "株式会社<サンプル>");

    const json view = quiz_index_view(site);
    const std::string script = view["quiz_index_data"].get<std::string>();
    CHECK(script.find('<') == std::string::npos);  // escaped for the script block
    const json index = json::parse(script);
    CHECK(index["training"] == training);
    CHECK(index["issuer"] == "株式会社<サンプル>");
    json quizzes = json::parse(R"([
      {"id": "phishing", "title": "Q", "href": "phishing.html", "type": "quiz", "pass_mark": 70, "draw": 1},
      {"id": "self", "title": "自己診断", "href": "self.html", "type": "self_check", "pass_mark": null,
       "draw": null}])");
    quizzes[0]["bank_version"] = site.quizzes[0].version;  // what kept records are checked against
    quizzes[1]["bank_version"] = site.quizzes[1].version;
    CHECK(site.quizzes[0].version.size() == 16);
    CHECK(index["quizzes"] == quizzes);
    CHECK(view["training_deadline_text"] == "2026年12月25日");
    CHECK(view["training_hand_in"] == "共有フォルダ <\\\\srv\\jinji> に保存");
  }

  TEST_CASE("answer keys are not plain text and decode back") {
    const std::string payload = R"({"correct":["b"],"explanation":"正解は B です"})";
    const std::string key = encode_answer_key("phishing", "sns", payload);
    CHECK(key.find("correct") == std::string::npos);
    CHECK(key.find("正解") == std::string::npos);
    CHECK(decode_answer_key("phishing", "sns", key) == payload);
    CHECK(decode_answer_key("phishing", "other", key) != payload);
  }

  TEST_CASE("JSON in a script block cannot close it") {
    const nlohmann::json value = {{"text", "</script><script>alert(1)</script> & <!--"}};
    const std::string out = json_for_script(value);
    CHECK(out.find('<') == std::string::npos);
    CHECK(out.find('>') == std::string::npos);
    CHECK(nlohmann::json::parse(out) == value);
  }
}
