#include <doctest/doctest.h>

#include "results/completion.h"

using namespace mamori;

namespace {

HandedIn result(std::string file, std::string quiz, std::string id, std::string name, int correct, int total,
                std::string date_utc, std::string version = "") {
  ResultRecord r;
  r.version = 2;
  r.quiz_id = std::move(quiz);
  r.quiz_title = "T-" + r.quiz_id;
  r.quiz_version = std::move(version);
  r.employee_id = std::move(id);
  r.name = std::move(name);
  r.correct = correct;
  r.total = total;
  r.percent = total == 0 ? 0 : correct * 100 / total;
  r.pass_mark = 80;
  r.passed = r.percent >= 80;
  r.date_utc = std::move(date_utc);
  r.answers.push_back({"q1", "問1", {"a"}, correct >= 1});
  r.answers.push_back({"q2", "問2", {"b"}, correct >= 2});
  return {std::move(file), std::move(r)};
}

const QuizStanding* standing(const Completion& c, const std::string& name, const std::string& quiz) {
  for (const auto& p : c.people) {
    if (p.name == name) {
      const auto it = p.quizzes.find(quiz);
      return it == p.quizzes.end() ? nullptr : &it->second;
    }
  }
  return nullptr;
}

}  // namespace

TEST_SUITE("results: completion") {
  TEST_CASE("best score, first pass, attempts; matched by id, else by name however it is spaced") {
    const std::vector<RosterEntry> roster = {{"E1", "山田 太郎", "総務部", 2}, {"", "佐藤　花子", "製造部", 3}};
    const std::vector<HandedIn> results = {
        result("a.json", "cyber", "E1", "山田太郎", 1, 2, "2026-12-02T01:00:00Z"),
        result("b.json", "cyber", "e1", "", 2, 2, "2026-12-01T01:00:00Z"),
        result("c.json", "cyber", "E1", "", 2, 2, "2026-12-03T01:00:00Z"),
        result("d.json", "cyber", "", "佐藤花子", 0, 2, "2026-12-01T01:00:00Z"),
    };
    const Completion c = summarize(results, roster, {});
    REQUIRE(c.people.size() == 2);
    const QuizStanding* yamada = standing(c, "山田 太郎", "cyber");
    REQUIRE(yamada != nullptr);
    CHECK(yamada->attempts == 3);
    CHECK(yamada->best_percent == 100);
    CHECK(yamada->passed);
    CHECK(yamada->first_pass == "2026-12-01");
    const QuizStanding* sato = standing(c, "佐藤　花子", "cyber");
    REQUIRE(sato != nullptr);
    CHECK_FALSE(sato->passed);
    CHECK(sato->best_percent == 0);
    CHECK(c.notes.empty());
  }

  TEST_CASE("the local day of the employee counts, not the UTC day") {
    HandedIn h = result("a.json", "cyber", "E1", "A", 2, 2, "2026-11-30T23:30:00.000Z");
    h.record.date_local = "2026-12-01T08:30:00+09:00";
    const Completion c = summarize({h}, {}, {});
    CHECK(c.people.at(0).quizzes.at("cyber").first_pass == "2026-12-01");
  }

  TEST_CASE("duplicates, strangers and conflicts are noted, not merged silently") {
    const std::vector<RosterEntry> roster = {{"E1", "山田 太郎", "総務部", 2}};
    const std::vector<HandedIn> results = {
        result("a.json", "cyber", "E1", "山本 次郎", 2, 2, "2026-12-01T01:00:00Z"),
        result("copy.json", "cyber", "E1", "山本 次郎", 2, 2, "2026-12-01T01:00:00Z"),
        result("x.json", "cyber", "E9", "鈴木", 2, 2, "2026-12-01T01:00:00Z"),
        result("y.json", "cyber", "", "", 2, 2, "2026-12-01T01:00:00Z"),
    };
    const Completion c = summarize(results, roster, {});
    CHECK(c.notes ==
          std::vector<std::string>{
              "copy.json: the same attempt as a.json; counted once",
              "a.json: 社員番号 E1 is 山田 太郎 on the roster but 山本 次郎 in the file; counted for 山田 太郎",
              "x.json: E9 鈴木 is not on the roster",
              "y.json: the file has no name and no 社員番号; counted as an unnamed person",
          });
    REQUIRE(c.people.size() == 3);
    CHECK(c.people[0].quizzes.at("cyber").attempts == 1);
    CHECK_FALSE(c.people[1].on_roster);
  }

  TEST_CASE("two people with one name are not guessed between") {
    const std::vector<RosterEntry> roster = {{"E1", "田中 一郎", "A", 2}, {"E2", "田中一郎", "B", 3}};
    const Completion c =
        summarize({result("a.json", "cyber", "", "田中 一郎", 2, 2, "2026-12-01T00:00:00Z")}, roster, {});
    CHECK(c.notes.at(0) == "a.json: more than one person is named 田中 一郎; add the 社員番号 to tell them apart");
    CHECK(c.people.size() == 3);
  }

  TEST_CASE("an older question bank is flagged; today's quizzes all have a title") {
    const std::map<std::string, CurrentQuiz> current = {{"cyber", {"サイバー", "v2", QuizKind::quiz}},
                                                        {"basics", {"基礎", "b1", QuizKind::quiz}}};
    const Completion c =
        summarize({result("a.json", "cyber", "E1", "A", 2, 2, "2026-12-01T00:00:00Z", "v1")}, {}, current);
    CHECK(c.people.at(0).quizzes.at("cyber").older_version);
    CHECK(c.quiz_titles == std::map<std::string, std::string>{{"basics", "基礎"}, {"cyber", "サイバー"}});
  }

  TEST_CASE("item analysis: the share answered wrongly, worst first") {
    const std::vector<HandedIn> results = {
        result("a.json", "cyber", "E1", "A", 0, 2, "2026-12-01T00:00:00Z"),
        result("b.json", "cyber", "E2", "B", 1, 2, "2026-12-01T00:00:00Z"),
        result("c.json", "cyber", "E3", "C", 2, 2, "2026-12-01T00:00:00Z"),
    };
    const Completion c = summarize(results, {}, {});
    REQUIRE(c.items.size() == 2);
    CHECK(c.items[0].question == "q2");
    CHECK(c.items[0].wrong == 2);
    CHECK(c.items[0].answered == 3);
    CHECK(c.items[0].text == "問2");
    CHECK(c.items[1].question == "q1");
    CHECK(c.items[1].wrong == 1);
  }

  TEST_CASE("one attempt handed in as JSON and as CSV is counted once: by its number, else by time and name") {
    HandedIn json = result("a.json", "cyber", "E1", "山田 太郎", 2, 2, "2026-11-30T23:30:00.123Z");
    json.record.date_local = "2026-12-01T08:30:00+09:00";
    json.record.number = "20261201-3F2A9C01";
    HandedIn csv = json;
    csv.file = "a.csv";
    csv.record.source = RecordSource::csv;
    csv.record.date_utc = "2026-11-30T23:30:00.000Z";  // the CSV has no milliseconds
    csv.record.employee_id = "42";                     // Excel dropped the zeros of 0042
    // The CSV comes first in path order; the JSON is counted (it holds more).
    Completion c = summarize({csv, json}, {}, {});
    CHECK(c.notes == std::vector<std::string>{"a.csv: the same attempt as a.json; counted once"});
    CHECK(c.people.at(0).quizzes.at("cyber").attempts == 1);
    CHECK(c.people.at(0).employee_id == "E1");

    HandedIn unnumbered = csv;  // a CSV without 記録番号: the same quiz, local time and name
    unnumbered.record.number.clear();
    unnumbered.record.name = "山田太郎";
    c = summarize({json, unnumbered}, {}, {});
    CHECK(c.notes == std::vector<std::string>{"a.csv: the same attempt as a.json; counted once"});

    HandedIn other = csv;  // two numbers: two attempts, even in the same second
    other.record.number = "20261201-00000001";
    other.record.employee_id = "E1";
    c = summarize({json, other}, {}, {});
    CHECK(c.notes.empty());
    CHECK(c.people.at(0).quizzes.at("cyber").attempts == 2);

    HandedIn renumbered = json;  // the same number on another copy: one attempt whatever the time says
    renumbered.file = "b.json";
    renumbered.record.date_local = "2026-12-02T08:30:00+09:00";
    c = summarize({json, renumbered}, {}, {});
    CHECK(c.notes == std::vector<std::string>{"b.json: the same attempt as a.json; counted once"});
  }
}
