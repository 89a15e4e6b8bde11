#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "results/command.h"
#include "results/report.h"

using namespace mamori;

namespace {

// A quiz of the project known by its title and kind only (nothing else is checked).
CurrentQuiz known(std::string title, QuizKind kind) {
  CurrentQuiz q;
  q.title = std::move(title);
  q.kind = kind;
  return q;
}

HandedIn passed(std::string id, std::string name, std::string quiz, bool pass) {
  ResultRecord r;
  r.version = 2;
  r.quiz_id = std::move(quiz);
  r.quiz_title = "T-" + r.quiz_id;
  r.employee_id = std::move(id);
  r.name = std::move(name);
  r.total = 2;
  r.correct = pass ? 2 : 1;
  r.percent = pass ? 100 : 50;
  r.pass_mark = 80;
  r.passed = pass;
  r.date_utc = "2026-12-01T00:00:00Z";
  r.answers.push_back({"q1", "問1", {"a"}, pass, std::nullopt});
  return {r.employee_id + ".json", std::move(r)};
}

HandedIn self_check(std::string id, std::string name, std::string quiz) {
  ResultRecord r;
  r.version = 2;
  r.kind = QuizKind::self_check;
  r.quiz_id = std::move(quiz);
  r.quiz_title = "自己診断";
  r.employee_id = std::move(id);
  r.name = std::move(name);
  r.band = "良好";
  r.date_utc = "2026-12-01T00:00:00Z";
  r.number = "20261201-0000000A";
  r.answers.push_back({"s1", "項目1", {}, std::nullopt, std::nullopt});
  return {r.employee_id + "-self.json", std::move(r)};
}

// `sample()` with a self-check that E1 took and nobody else did.
Completion with_self_check() {
  const std::vector<RosterEntry> roster = {{"E1", "山田 太郎", "総務部", 2}, {"E2", "佐藤 花子", "製造部", 3}};
  const std::map<std::string, CurrentQuiz> current = {{"a", known("基礎", QuizKind::quiz)},
                                                      {"s", known("自己診断", QuizKind::self_check)}};
  return summarize(
      {passed("E1", "山田 太郎", "a", true), self_check("E1", "山田 太郎", "s"), passed("E2", "佐藤 花子", "a", false)},
      roster, current);
}

Completion sample() {
  const std::vector<RosterEntry> roster = {
      {"E1", "山田 太郎", "総務部", 2}, {"E2", "佐藤 花子", "製造部", 3}, {"E3", "鈴木 一郎", "製造部", 4}};
  const std::map<std::string, CurrentQuiz> current = {{"a", known("基礎", QuizKind::quiz)},
                                                      {"b", known("サイバー", QuizKind::quiz)}};
  return summarize({passed("E1", "山田 太郎", "a", true), passed("E1", "山田 太郎", "b", true),
                    passed("E2", "佐藤 花子", "a", false)},
                   roster, current);
}

}  // namespace

TEST_SUITE("results: report") {
  TEST_CASE("outstanding: by department, never taken and not passed apart") {
    const Completion c = sample();
    const auto missing = outstanding(c, true);
    REQUIRE(missing.size() == 2);
    CHECK(c.people[missing[0].person].name == "佐藤 花子");
    CHECK(missing[0].not_passed == std::vector<std::string>{"a"});
    CHECK(missing[0].not_taken == std::vector<std::string>{"b"});
    CHECK(c.people[missing[1].person].name == "鈴木 一郎");
    CHECK(missing[1].not_taken == std::vector<std::string>{"a", "b"});
  }

  TEST_CASE("the text summary") {
    CHECK(completion_text(sample(), true) ==
          "受講状況: 3人（名簿）、小テスト 2つ\n"
          "  基礎 (a): 合格 1 / 3人 (33%)\n"
          "  サイバー (b): 合格 1 / 3人 (33%)\n"
          "\n未受講・未合格: 2人\n"
          "  製造部\n"
          "    E2 佐藤 花子: 未受講 サイバー 未合格 基礎\n"
          "    E3 鈴木 一郎: 未受講 基礎、サイバー\n"
          "\n誤答のあった設問（回答が少ないため参考、5件未満）:\n"
          "  50% (1/2) a/q1 問1\n");
  }

  TEST_CASE("hostile names reach neither the terminal nor the page as something live") {
    const std::map<std::string, CurrentQuiz> current = {{"b", known("<b>x", QuizKind::quiz)}};
    Completion c = summarize({passed("E1", "<script>alert(1)</script>\x1B[31m", "a", true)}, {}, current);
    const std::string text = completion_text(c, false);
    CHECK(text.find('\x1B') == std::string::npos);
    CHECK(text.find("\\x1B[31m") != std::string::npos);
    const std::string html = completion_html(c, false, "2026年12月1日");
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    CHECK(html.find("default-src 'none'") != std::string::npos);
    CHECK(html.find("&lt;b&gt;x") != std::string::npos);
    CHECK(html.find("<b>") == std::string::npos);
    CHECK(html.find("http:") == std::string::npos);  // nothing fetched from anywhere
    CHECK(html.find("https:") == std::string::npos);
    CHECK(html.find("src=") == std::string::npos);
  }

  TEST_CASE("invisible and reordering characters are escaped in the summary and in the JSON") {
    // C1 (CSI, NEL), line separator, bidi marks, overrides and isolates, zero-width, BOM
    const std::string name =
        "A\xC2\x9B\xC2\x85\u2028\u061C\u200E\u200F\u202E\u2066\u2069\u200B\u200C\u200D\uFEFF"
        "B";
    const Completion c = summarize({passed("E1", name, "a", false)}, {}, {{"a", known("基礎", QuizKind::quiz)}});
    const std::string text = completion_text(c, false);
    CHECK(text.find(
              "E1 A\\u009B\\u0085\\u2028\\u061C\\u200E\\u200F\\u202E\\u2066\\u2069\\u200B\\u200C\\u200D\\uFEFFB:") !=
          std::string::npos);
    const std::string json = completion_json(c, false);
    CHECK(json.find(
              "\"name\": "
              "\"A\\u009B\\u0085\\u2028\\u061C\\u200E\\u200F\\u202E\\u2066\\u2069\\u200B\\u200C\\u200D\\uFEFFB\"") !=
          std::string::npos);
    for (const char* raw :
         {"\xC2\x9B", "\xC2\x85", "\u2028", "\u061C", "\u200E", "\u202E", "\u2066", "\u200B", "\uFEFF"}) {
      CHECK_MESSAGE(json.find(raw) == std::string::npos, raw);
    }
    CHECK(nlohmann::json::parse(json)["people"][0]["name"] == name);  // the same value, escaped
    CHECK(nlohmann::json::parse(json)["notes"][0] ==
          "E1.json: the name contains invisible characters; they are ignored to match it");
  }

  TEST_CASE("regression (fuzz_results_csv): DEL is escaped in the JSON too") {
    const Completion c = summarize({passed("E1",
                                           "A\x7F"
                                           "B",
                                           "a", false)},
                                   {}, {{"a", known("基礎", QuizKind::quiz)}});
    const std::string json = completion_json(c, false);
    CHECK(json.find('\x7F') == std::string::npos);
    CHECK(json.find("\"A\\u007FB\"") != std::string::npos);
  }

  TEST_CASE("a self-check whose every attempt does not fit today's is 未受講 (status not_taken)") {
    CurrentQuiz self = known("自己診断", QuizKind::self_check);
    self.questions_per_attempt = 5;
    const Completion c = summarize({self_check("E1", "山田 太郎", "s")}, {}, {{"s", self}});
    const auto json = nlohmann::json::parse(completion_json(c, false));
    CHECK(json["people"][0]["quizzes"]["s"]["status"] == "not_taken");
    CHECK(json["people"][0]["quizzes"]["s"]["not_counted"] == 1);
    CHECK(standing_of(c, c.people[0], "s") == Standing::not_taken);
  }

  TEST_CASE("the JSON shape") {
    const auto json = nlohmann::json::parse(completion_json(sample(), true));
    CHECK(json["format"] == "mamori-completion");
    CHECK(json["version"] == 1);
    CHECK(json["quizzes"]["b"] == "サイバー");
    REQUIRE(json["people"].size() == 3);
    CHECK(json["people"][0]["employee_id"] == "E1");
    CHECK(json["people"][0]["quizzes"]["a"]["passed"] == true);
    CHECK(json["people"][0]["quizzes"]["a"]["first_pass"] == "2026-12-01");
    CHECK(json["people"][2]["quizzes"].empty());
    CHECK(json["items"][0]["question"] == "q1");
  }
}

TEST_SUITE("results: spreadsheet") {
  TEST_CASE("one row per person and quiz, Japanese headers, formulas neutralised") {
    const std::vector<RosterEntry> roster = {{"E1", "=HYPERLINK(\"http://x/\")", "総務部", 2}};
    const Completion c = summarize({passed("E1", "", "a", true)}, roster, {{"a", known("基礎", QuizKind::quiz)}});
    CHECK(completion_csv(c, true) ==
          "\xEF\xBB\xBF所属,社員番号,氏名,名簿,小テスト,状況,最高点(%),初回合格日,修了証番号,受験回数,旧版の回答\r\n"
          "総務部,E1,\"'=HYPERLINK(\"\"http://x/\"\")\",あり,基礎,合格,100,2026-12-01,,1,\r\n");
  }

  TEST_CASE("修了証番号: the number of the first passing attempt") {
    HandedIn later = passed("E1", "山田", "a", true);
    later.record.date_utc = "2026-12-03T00:00:00.000Z";
    later.record.number = "20261203-BBBBBBBB";
    HandedIn first = passed("E1", "山田", "a", true);
    first.record.date_utc = "2026-12-02T00:00:00.000Z";
    first.record.number = "20261202-AAAAAAAA";
    HandedIn failed = passed("E1", "山田", "a", false);
    failed.record.date_utc = "2026-12-01T00:00:00.000Z";
    failed.record.number = "20261201-FFFFFFFF";
    const Completion c = summarize({later, first, failed}, {}, {{"a", known("基礎", QuizKind::quiz)}});
    CHECK(completion_csv(c, false) ==
          "\xEF\xBB\xBF所属,社員番号,氏名,名簿,小テスト,状況,最高点(%),初回合格日,修了証番号,受験回数,旧版の回答\r\n"
          ",E1,山田,なし,基礎,合格,100,2026-12-02,20261202-AAAAAAAA,3,\r\n");
    const auto json = nlohmann::json::parse(completion_json(c, false));
    CHECK(json["people"][0]["quizzes"]["a"]["certificate"] == "20261202-AAAAAAAA");
    const Completion none = summarize({failed}, {}, {});
    CHECK(nlohmann::json::parse(completion_json(none, false))["people"][0]["quizzes"]["a"]["certificate"].is_null());
  }

  TEST_CASE("a self-check taken is 受講, never 合格 or 未合格; not taken is 未受講") {
    const Completion c = with_self_check();
    CHECK(completion_csv(c, true) ==
          "\xEF\xBB\xBF所属,社員番号,氏名,名簿,小テスト,状況,最高点(%),初回合格日,修了証番号,受験回数,旧版の回答\r\n"
          "総務部,E1,山田 太郎,あり,基礎,合格,100,2026-12-01,,1,\r\n"
          "総務部,E1,山田 太郎,あり,自己診断,受講（任意）,,,,1,\r\n"
          "製造部,E2,佐藤 花子,あり,基礎,未合格,50,,,1,\r\n"
          "製造部,E2,佐藤 花子,あり,自己診断,未受講（任意）,,,,0,\r\n");
  }
}

TEST_SUITE("results: self-checks in the reports") {
  TEST_CASE("outstanding: self-checks are optional; only quizzes not passed count") {
    const Completion c = with_self_check();  // outstanding() points into it
    const auto missing = outstanding(c, true);
    REQUIRE(missing.size() == 1);
    CHECK(c.people[missing[0].person].name == "佐藤 花子");
    CHECK(missing[0].not_passed == std::vector<std::string>{"a"});
    CHECK(missing[0].not_taken.empty());  // the self-check she did not take is not asked of her
  }

  TEST_CASE("reports list quizzes in the portal's order; quizzes it does not place come last, by id") {
    CurrentQuiz first = known("最初", QuizKind::quiz);
    first.order = 0;
    CurrentQuiz second = known("次", QuizKind::quiz);
    second.order = 1;
    CurrentQuiz manager = known("管理者向け", QuizKind::self_check);
    manager.order = 2;
    const std::map<std::string, CurrentQuiz> current = {{"z", first}, {"b", second}, {"m", manager}};
    const Completion c =
        summarize({passed("E1", "山田 太郎", "a", true), passed("E1", "山田 太郎", "z", true)}, {}, current);
    CHECK(portal_order(c) == std::vector<std::string>{"z", "b", "m", "a"});
    CHECK(quiz_order(c, QuizKind::quiz) == std::vector<std::string>{"z", "b", "a"});
    const std::string csv = completion_csv(c, false);
    CHECK(csv.find("最初") < csv.find(",次,"));
    CHECK(csv.find(",次,") < csv.find("管理者向け"));
    CHECK(csv.find("管理者向け") < csv.find("T-a"));
    const auto json = nlohmann::json::parse(completion_json(c, false));
    CHECK(json["order"] == nlohmann::json{"z", "b", "m", "a"});
    const std::string text = completion_text(c, false);
    CHECK(text.find("最初 (z)") < text.find("次 (b)"));
  }

  TEST_CASE("regression: a self-check no one took leaves everyone who passed done") {
    const std::vector<RosterEntry> roster = {{"E1", "山田 太郎", "総務部", 2}};
    const std::map<std::string, CurrentQuiz> current = {{"a", known("基礎", QuizKind::quiz)},
                                                        {"m", known("管理者向け", QuizKind::self_check)}};
    const Completion c = summarize({passed("E1", "山田 太郎", "a", true)}, roster, current);
    CHECK(outstanding(c, true).empty());
    const std::string html = completion_html(c, true, "2026年12月1日");
    CHECK(html.find("<tr><td class=\"dept\">総務部</td><td class=\"num\">1 / 1人</td><td class=\"num\">100%</td>") !=
          std::string::npos);
    CHECK(html.find("<h2>未受講・未合格（0人）</h2>") != std::string::npos);
    CHECK(html.find("<li>管理者向け：受講 0人</li>") != std::string::npos);
    CHECK(completion_text(c, true).find("未受講・未合格: 0人\n") != std::string::npos);
  }

  TEST_CASE("the text summary lists self-checks apart, as 受講 n人") {
    CHECK(completion_text(with_self_check(), true) ==
          "受講状況: 2人（名簿）、小テスト 1つ\n"
          "  基礎 (a): 合格 1 / 2人 (50%)\n"
          "自己診断（任意、修了には数えません）:\n"
          "  自己診断 (s): 受講 1人\n"
          "\n未受講・未合格: 1人\n"
          "  製造部\n"
          "    E2 佐藤 花子: 未合格 基礎\n"
          "\n誤答のあった設問（回答が少ないため参考、5件未満）:\n"
          "  50% (1/2) a/q1 問1\n");
  }

  TEST_CASE("the JSON: status taken, no pass, no score, no certificate") {
    const auto json = nlohmann::json::parse(completion_json(with_self_check(), true));
    CHECK(json["types"] == nlohmann::json{{"a", "quiz"}, {"s", "self_check"}});
    const auto& s = json["people"][0]["quizzes"]["s"];
    CHECK(s["status"] == "taken");
    CHECK(s["passed"].is_null());
    CHECK(s["best_percent"].is_null());
    CHECK(s["first_pass"].is_null());
    CHECK(s["certificate"].is_null());
    CHECK(s["attempts"] == 1);
    CHECK(json["people"][0]["quizzes"]["a"]["status"] == "passed");
    CHECK(json["people"][1]["quizzes"]["a"]["status"] == "not_passed");
  }

  TEST_CASE("the HTML report: the self-check apart, as 受講; never 合格 or outstanding") {
    const std::string html = completion_html(with_self_check(), true, "2026年12月1日");
    CHECK(html.find("<h2>自己診断（任意）</h2>") != std::string::npos);
    CHECK(html.find("<li>自己診断：受講 1人</li>") != std::string::npos);
    CHECK(html.find("<tr><td>基礎</td><td class=\"num\">合格 1 / 2人</td>") != std::string::npos);
    CHECK(html.find("<tr><td>自己診断</td>") == std::string::npos);  // not among the quizzes to pass
    CHECK(html.find("自己診断 合格") == std::string::npos);
    CHECK(html.find("<td class=\"dept\">製造部</td><td class=\"who\">E2</td><td class=\"who\">佐藤 花子</td>"
                    "<td></td><td>基礎</td>") != std::string::npos);
    CHECK(html.find("<th scope=\"col\" class=\"quiz\">自己診断（任意）</th>") !=
          std::string::npos);  // in the per-person table
  }
}
