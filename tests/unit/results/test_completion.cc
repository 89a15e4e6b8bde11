#include <doctest/doctest.h>

#include "results/attempt_number.h"
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
  r.answers.push_back({"q1", "問1", {"a"}, correct >= 1, std::nullopt});
  r.answers.push_back({"q2", "問2", {"b"}, correct >= 2, std::nullopt});
  return {std::move(file), std::move(r)};
}

// Today's quiz `title`: 2 questions q1 and q2, pass mark 80.
CurrentQuiz today(std::string title, std::string version = "", QuizKind kind = QuizKind::quiz) {
  CurrentQuiz q;
  q.title = std::move(title);
  q.version = std::move(version);
  q.kind = kind;
  q.pass_mark = kind == QuizKind::quiz ? 80 : 0;
  q.questions_per_attempt = 2;
  q.questions = {"q1", "q2"};
  return q;
}

HandedIn self_check(std::string file, std::string name, int points, std::string band, std::string version = "") {
  ResultRecord r;
  r.version = 2;
  r.kind = QuizKind::self_check;
  r.quiz_id = "self";
  r.quiz_version = std::move(version);
  r.name = std::move(name);
  r.points = points;
  r.min_points = -2;
  r.max_points = 8;
  r.band = std::move(band);
  r.date_utc = "2026-12-01T00:00:00Z";
  r.answers.push_back({"q1", "項目1", {}, std::nullopt, points});
  r.answers.push_back({"q2", "項目2", {}, std::nullopt, std::nullopt});
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

  // Regression (a tester's report): without a roster the note spoke of one.
  TEST_CASE("without a roster, one 社員番号 under two names is noted against the earlier file") {
    const Completion c = summarize({result("a.json", "cyber", "E1", "山田 太郎", 2, 2, "2026-12-01T01:00:00Z"),
                                    result("b.json", "cyber", "E1", "山本 次郎", 1, 2, "2026-12-02T01:00:00Z")},
                                   {}, {});
    CHECK(c.notes == std::vector<std::string>{"b.json: 社員番号 E1 is 山田 太郎 in an earlier file but 山本 次郎 in "
                                              "this one; counted for 山田 太郎"});
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
    const std::map<std::string, CurrentQuiz> current = {{"cyber", today("サイバー", "v2")},
                                                        {"basics", today("基礎", "b1")}};
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
    HandedIn json = result("a.json", "cyber", "0042", "山田 太郎", 2, 2, "2026-11-30T23:30:00.123Z");
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
    CHECK(c.people.at(0).employee_id == "0042");

    HandedIn unnumbered = csv;  // a CSV without 記録番号: the same quiz, local time and name
    unnumbered.record.number.clear();
    unnumbered.record.name = "山田太郎";
    c = summarize({json, unnumbered}, {}, {});
    CHECK(c.notes == std::vector<std::string>{"a.csv: the same attempt as a.json; counted once"});

    HandedIn other = csv;  // two numbers: two attempts, even in the same second
    other.record.number = "20261201-00000001";
    c = summarize({json, other}, {}, {});
    CHECK(c.notes.empty());
    CHECK(c.people.at(0).quizzes.at("cyber").attempts == 2);

    HandedIn renumbered = json;  // the same number on another copy: one attempt whatever the time says
    renumbered.file = "b.json";
    renumbered.record.date_local = "2026-12-02T08:30:00+09:00";
    c = summarize({json, renumbered}, {}, {});
    CHECK(c.notes == std::vector<std::string>{"b.json: the same attempt as a.json; counted once"});
  }

  TEST_CASE("a colleague's attempt number on one's own file does not erase their pass") {
    // The tester's: 攻撃 者 (a fail) claims the number of 山田 太郎's pass, and comes first.
    HandedIn attacker = result("0.json", "cyber", "E0099", "攻撃 者", 0, 2, "2026-01-06T00:00:00.000Z");
    attacker.record.number = "20260105-ABCDEF01";
    HandedIn victim = result("yamada.json", "cyber", "E0042", "山田 太郎", 2, 2, "2026-01-05T00:00:00.000Z");
    victim.record.number = "20260105-ABCDEF01";
    Completion c = summarize({attacker, victim}, {}, {});
    CHECK(c.notes == std::vector<std::string>{"yamada.json: the same 記録番号 20260105-ABCDEF01 as 0.json, but not the "
                                              "same person, score and answers; both are counted"});
    CHECK(standing(c, "山田 太郎", "cyber")->passed);
    CHECK(standing(c, "攻撃 者", "cyber")->attempts == 1);

    HandedIn same_person = victim;  // the same number and person, other answers: two attempts
    same_person.file = "yamada-2.json";
    same_person.record.correct = 1;
    same_person.record.percent = 50;
    same_person.record.passed = false;
    same_person.record.answers[1].correct = false;
    c = summarize({victim, same_person}, {}, {});
    CHECK(c.notes.size() == 1);
    CHECK(standing(c, "山田 太郎", "cyber")->attempts == 2);

    HandedIn same_content = victim;  // the same number and answers, another person: both counted
    same_content.file = "sato.json";
    same_content.record.employee_id = "E0043";
    same_content.record.name = "佐藤 花子";
    c = summarize({same_content, victim}, {}, {});
    CHECK(standing(c, "山田 太郎", "cyber")->passed);
    CHECK(standing(c, "佐藤 花子", "cyber")->passed);
  }

  TEST_CASE("without numbers, the same quiz, name and time count once only with the same score and answers") {
    HandedIn first = result("a.json", "cyber", "", "山田 太郎", 2, 2, "2026-12-01T00:00:00Z");
    HandedIn failed = result("b.json", "cyber", "", "山田 太郎", 1, 2, "2026-12-01T00:00:00Z");
    Completion c = summarize({failed, first}, {}, {});
    CHECK(c.notes.empty());
    CHECK(c.people.at(0).quizzes.at("cyber").attempts == 2);
    CHECK(c.people.at(0).quizzes.at("cyber").passed);
    c = summarize({first, result("c.json", "cyber", "", "山田太郎", 2, 2, "2026-12-01T00:00:00Z")}, {}, {});
    CHECK(c.notes == std::vector<std::string>{"c.json: the same attempt as a.json; counted once"});
  }

  TEST_CASE("a record that does not fit today's quiz is an attempt, not a pass, and HR is told why") {
    const std::map<std::string, CurrentQuiz> current = {{"cyber", today("サイバー", "v2")}};
    HandedIn zero = result("pm0.json", "cyber", "E1", "A", 0, 2, "2026-12-01T00:00:00Z", "v2");
    zero.record.pass_mark = 0;
    zero.record.passed = true;
    HandedIn one = result("one.json", "cyber", "E2", "B", 1, 1, "2026-12-01T00:00:00Z", "v1");
    one.record.answers.pop_back();
    HandedIn strange = result("zz.json", "cyber", "E3", "C", 2, 2, "2026-12-01T00:00:00Z", "v2");
    strange.record.answers[0].question = "zz1";
    strange.record.answers[1].question = "zz2";
    HandedIn older = strange;  // an older bank had other questions: counted
    older.file = "old.json";
    older.record.quiz_version = "v1";
    older.record.employee_id = "E4";
    older.record.name = "D";
    HandedIn unnamed = strange;  // no bank named: maybe an older one, so counted, but said
    unnamed.file = "forged.json";
    unnamed.record.quiz_version.clear();
    unnamed.record.employee_id = "E5";
    unnamed.record.name = "F";
    HandedIn unnamed_known = result("plain.json", "cyber", "E6", "G", 2, 2, "2026-12-01T00:00:00Z");
    const Completion c = summarize({zero, one, strange, older, unnamed, unnamed_known}, {}, current);
    CHECK(c.notes == std::vector<std::string>{
                         "pm0.json: pass mark 0% where the quiz asks 80%; not counted as a pass",
                         "one.json: 1 question where the quiz asks 2; not counted as a pass",
                         "zz.json: question 'zz1' and 1 more are not in today's question bank; not counted as a pass",
                         // Regression (an attacker's test): any version can be written into a file,
                         // so a pass of a bank other than today's is named for HR to check.
                         "old.json: a pass of another question bank (問題の版 v1) than today's; its answers cannot "
                         "be checked",
                         // Regression (an attacker's test): leaving the version out made a pass of
                         // made-up questions count with nothing said.
                         "forged.json: a pass that does not name its question bank: question 'zz1' and 1 more are not "
                         "in today's question bank; its answers cannot be checked",
                     });
    CHECK(standing(c, "F", "cyber")->passed);
    CHECK(standing(c, "G", "cyber")->passed);
    const QuizStanding* a = standing(c, "A", "cyber");
    CHECK((a->attempts == 1 && a->not_counted == 1 && !a->passed && a->best_percent == -1));
    CHECK_FALSE(standing(c, "B", "cyber")->passed);
    CHECK_FALSE(standing(c, "C", "cyber")->passed);
    CHECK(standing(c, "D", "cyber")->passed);
    CHECK(standing(c, "D", "cyber")->older_version);
    REQUIRE(c.items.size() == 4);  // only what counted: the answers of D, F and G
    CHECK(c.items[0].question == "zz1");
  }

  TEST_CASE("a self-check that does not fit today's is not 受講; its band must be the one its points reach") {
    CurrentQuiz self = today("自己診断", "s1", QuizKind::self_check);
    self.bands = {{-2, "これから"}, {4, "よくできています"}};
    const std::map<std::string, CurrentQuiz> current = {{"self", self}};
    HandedIn right = self_check("a.json", "A", 4, "よくできています", "s1");
    HandedIn band = self_check("b.json", "B", 2, "よくできています", "s1");
    HandedIn items = self_check("c.json", "C", 4, "よくできています", "s0");
    items.record.answers.pop_back();
    HandedIn kind = result("d.json", "self", "E4", "D", 2, 2, "2026-12-01T00:00:00Z");
    const Completion c = summarize({right, band, items, kind}, {}, current);
    CHECK(c.notes == std::vector<std::string>{
                         "b.json: band 'よくできています' where 2 points is 'これから'; not counted as 受講",
                         "c.json: 1 item where the self-check has 2; not counted as 受講",
                         "d.json: a quiz's record where the portal has a self-check; not counted as 受講",
                     });
    CHECK(standing(c, "A", "self")->not_counted == 0);
    CHECK(standing(c, "B", "self")->not_counted == 1);
    CHECK_FALSE(standing(c, "D", "self")->passed);
  }

  TEST_CASE("an attempt number its attempt does not give is noted and not the certificate") {
    HandedIn good = result("a.json", "cyber", "E1", "A", 2, 2, "2026-11-30T23:30:00.000Z");
    good.record.date_local = "2026-12-01T08:30:00+09:00";
    good.record.seed = "7";
    good.record.number = "20261201-FA4481A4";
    REQUIRE(check_attempt_number(good.record) == NumberCheck::matches);
    HandedIn edited = good;
    edited.file = "b.json";
    edited.record.employee_id = "E2";
    edited.record.name = "B";
    edited.record.date_utc = "2026-11-29T23:30:00.000Z";
    Completion c = summarize({good, edited}, {}, {});
    CHECK(c.notes ==
          std::vector<std::string>{
              "b.json: the same 記録番号 20261201-FA4481A4 as a.json, but not the same person, score and "
              "answers; both are counted",
              "b.json: 記録番号 20261201-FA4481A4 does not match the attempt (the file may have been edited); "
              "not reported as 修了証番号",
          });
    CHECK(standing(c, "A", "cyber")->certificate == "20261201-FA4481A4");
    CHECK(standing(c, "B", "cyber")->passed);
    CHECK(standing(c, "B", "cyber")->certificate.empty());
  }

  TEST_CASE("invisible characters in a name are ignored to match it, and noted") {
    const std::vector<RosterEntry> roster = {{"", "山田 太郎", "総務部", 2}};
    const Completion c = summarize(
        {result("a.json", "cyber", "", "山田\u200B太\u200E郎\u00AD", 2, 2, "2026-12-01T00:00:00Z")}, roster, {});
    CHECK(c.notes ==
          std::vector<std::string>{"a.json: the name contains invisible characters; they are ignored to match it"});
    REQUIRE(c.people.size() == 1);
    CHECK(c.people[0].quizzes.at("cyber").passed);
  }
}
