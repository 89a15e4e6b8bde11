// The item analysis (誤答の多い設問) in the text and HTML reports, and the HTML page's
// per-person table and print layout.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "results/report.h"

using namespace mamori;

namespace {

ItemStats item(std::string question, int answered, int wrong) {
  return {"a", question, "設問" + question, answered, wrong};
}

// Quiz "a" with the given items (in any order: the reports rank them).
Completion with_items(std::vector<ItemStats> items) {
  Completion c;
  c.quiz_titles["a"] = "基礎";
  c.quiz_kinds["a"] = QuizKind::quiz;
  c.items = std::move(items);
  return c;
}

std::vector<std::string> questions(const std::vector<const ItemStats*>& items) {
  std::vector<std::string> out;
  for (const ItemStats* i : items) out.push_back(i->question);
  return out;
}

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// A standing set field by field: Completion's structs grow, and the test should not care.
QuizStanding standing(int attempts, int best_percent, std::string certificate = {}) {
  QuizStanding s;
  s.attempts = attempts;
  s.best_percent = best_percent;
  s.passed = !certificate.empty();
  s.first_pass = s.passed ? "2026-12-01" : "";
  s.certificate = std::move(certificate);
  return s;
}

PersonStanding person(std::string id, std::string name, std::string department) {
  return {std::move(id), std::move(name), std::move(department), true, {}};
}

}  // namespace

TEST_SUITE("results: item analysis") {
  TEST_CASE("regression: never answered wrongly is not listed; few answers do not outrank many") {
    const Completion c = with_items({item("one", 1, 1), item("none", 9, 0), item("half", 10, 5), item("fifth", 5, 1),
                                     item("more", 20, 10), item("two", 4, 2)});
    const WrongItems items = wrong_items(c);
    CHECK(questions(items.ranked) == std::vector<std::string>{"more", "half", "fifth"});  // share, then count
    CHECK(questions(items.few) == std::vector<std::string>{"two", "one"});                // count, then share
  }

  TEST_CASE("the text: ranked first, the rest as 参考, at most ten with how many more") {
    std::vector<ItemStats> items = {item("x", 5, 1), item("y", 2, 1), item("z", 3, 0)};
    CHECK(completion_text(with_items(items), false) ==
          "受講状況: 0人、小テスト 1つ\n"
          "  基礎 (a): 合格 0 / 0人 (-)\n"
          "\n未受講・未合格: 0人\n"
          "\n誤答の多い設問（回答が5件以上の設問）:\n"
          "  20% (1/5) a/x 設問x\n"
          "\n誤答のあった設問（回答が少ないため参考、5件未満）:\n"
          "  50% (1/2) a/y 設問y\n");
    for (int i = 0; i < 12; ++i) items.push_back(item("q" + std::to_string(i), 6, 1));
    const std::string text = completion_text(with_items(items), false);
    CHECK(text.find("  ほか 4問（すべて completion.json にあります）\n") != std::string::npos);
    CHECK(text.find("参考") == std::string::npos);  // ten ranked fill the list
  }

  TEST_CASE("the HTML: the threshold stated, the id beside the text, 参考 apart, at most 30") {
    std::vector<ItemStats> items = {item("few", 2, 1), item("ok", 3, 0)};
    for (int i = 0; i < 40; ++i) items.push_back(item("q" + std::to_string(i), 5 + i, 1));
    const Completion c = with_items(items);
    const std::string html = completion_html(c, false, "2026年12月1日");
    CHECK(html.find("回答が5件以上の設問のうち、誤答のあったものを誤答の割合が高い順に") != std::string::npos);
    CHECK(html.find("<td>設問q0<span class=\"sub id\">q0</span></td><td class=\"num\">1 / 5（20%）</td>") !=
          std::string::npos);
    CHECK(count(html, "<span class=\"sub id\">q") == 30);
    CHECK(html.find("<h3>回答が少ないため参考</h3>") == std::string::npos);  // no room left
    CHECK(html.find("<p>ほかに11問あります。すべての設問は completion.json にあります。</p>") != std::string::npos);
    CHECK(html.find("設問ok") == std::string::npos);
    CHECK(nlohmann::json::parse(completion_json(c, false))["items"].size() == 42);  // the JSON keeps them all

    const std::string small = completion_html(with_items({item("few", 2, 1), item("many", 8, 2)}), false, "");
    const size_t ranked = small.find("設問many");
    const size_t reference = small.find("<h3>回答が少ないため参考</h3>");
    CHECK(ranked < reference);
    CHECK(reference < small.find("設問few"));
    CHECK(small.find("ほかに") == std::string::npos);
  }

  TEST_CASE("the HTML: no wrong answer at all") {
    const std::string html = completion_html(with_items({item("ok", 9, 0)}), false, "");
    CHECK(html.find("<p>誤答のあった設問はありません。</p>") != std::string::npos);
  }

  TEST_CASE("hostile question ids and texts are escaped") {
    const std::string html = completion_html(with_items({{"a", "<i>q", "<img src=x>", 5, 5}}), false, "");
    CHECK(html.find("&lt;img src=x&gt;<span class=\"sub id\">&lt;i&gt;q</span>") != std::string::npos);
    CHECK(html.find("<img") == std::string::npos);
    CHECK(html.find("<i>") == std::string::npos);
  }
}

TEST_SUITE("results: the HTML page") {
  TEST_CASE("per person × quiz: 合格 with its day and 修了証番号, 未合格 with the best score") {
    Completion c = with_items({});
    c.quiz_titles["s"] = "自己診断";
    c.quiz_kinds["s"] = QuizKind::self_check;
    PersonStanding yamada = person("E1", "山田 太郎", "総務部");
    yamada.quizzes["a"] = standing(2, 100, "20261201-3F2A9C01");
    yamada.quizzes["a"].older_version = true;
    yamada.quizzes["s"] = standing(1, -1);
    PersonStanding sato = person("E2", "佐藤 花子", "製造部");
    sato.quizzes["a"] = standing(1, 50);
    PersonStanding stranger = {"", "田中", "", false, {{"a", standing(1, 50)}}};
    c.people = {yamada, sato, person("E3", "鈴木 一郎", "製造部"), stranger};
    const std::string html = completion_html(c, true, "");
    CHECK(html.find(
              "<tr><td class=\"dept\">総務部</td><td class=\"who\">E1</td><td class=\"who\">山田 太郎</td>"
              "<td>合格<span class=\"sub day\">2026-12-01</span><span class=\"sub id\">20261201-<wbr>3F2A9C01</span>"
              "<span class=\"sub\">旧版の回答あり</span></td><td>受講</td></tr>") != std::string::npos);
    CHECK(html.find(
              "<td class=\"who\">佐藤 花子</td><td>未合格<span class=\"sub\">最高 50%</span></td><td>未受講</td>") !=
          std::string::npos);
    CHECK(html.find("<td class=\"who\">鈴木 一郎</td><td>未受講</td><td>未受講</td>") != std::string::npos);
    CHECK(html.find("<td class=\"who\">田中<span class=\"sub\">名簿にありません</span></td>") != std::string::npos);
  }

  TEST_CASE("未受講・未合格: titles joined on one line; すべて when no quiz was taken") {
    Completion c = with_items({});
    c.quiz_titles["b"] = "サイバー";
    c.quiz_kinds["b"] = QuizKind::quiz;
    PersonStanding sato = person("E2", "佐藤 花子", "製造部");
    sato.quizzes["b"] = standing(1, 50);
    c.people = {sato, person("E3", "鈴木 一郎", "製造部")};
    const std::string html = completion_html(c, true, "");
    CHECK(html.find("<td class=\"who\">佐藤 花子</td><td>基礎</td><td>サイバー</td>") != std::string::npos);
    CHECK(html.find("<td class=\"who\">鈴木 一郎</td><td>すべて</td><td></td>") != std::string::npos);
    c.quiz_titles["c"] = "三つ目";
    c.quiz_kinds["c"] = QuizKind::quiz;
    CHECK(completion_html(c, true, "").find("<td class=\"who\">佐藤 花子</td><td>基礎、三つ目</td>") !=
          std::string::npos);
  }

  TEST_CASE("print: headers repeat on each page, rows and headings stay with what follows, names do not break") {
    const std::string html = completion_html(with_items({item("x", 5, 1)}), false, "");
    CHECK(html.find("thead { display: table-header-group; }") != std::string::npos);
    CHECK(html.find("tr { break-inside: avoid;") != std::string::npos);
    CHECK(html.find("h1, h2, h3, h2 + p, h3 + p { break-after: avoid;") != std::string::npos);
    CHECK(html.find("td.who { white-space: nowrap; }") != std::string::npos);
    CHECK(html.find("th { background: #f0f0f0; white-space: nowrap; }") != std::string::npos);
    CHECK(html.find("td.dept { min-width: 8em; }") != std::string::npos);  // not one character to a line
    CHECK(html.find("@page { size: A4;") != std::string::npos);
    CHECK(count(html, "<thead>") == count(html, "<table"));  // every table has its header row in a <thead>
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("default-src 'none'") != std::string::npos);
  }
}
