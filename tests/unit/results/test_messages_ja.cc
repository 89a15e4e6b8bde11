// The Japanese of the training records' messages (po/ja.po), as the readers of result files
// and rosters and the comparison with today's quiz make them. The names of fields and
// columns stay as the files write them.
#include <doctest/doctest.h>

#include <clocale>
#include <cstdlib>
#include <optional>
#include <string>

#include "core/i18n.h"
#include "helpers.h"
#include "i18n_guard.h"
#include "results/against_quiz.h"
#include "results/project.h"
#include "results/record.h"
#include "results/record_csv.h"
#include "results/roster.h"

using namespace mamori;
using mamori::testing::formatted;

namespace {

const std::string kRecord = R"({"format": "mamori-quiz-result", "version": 2,
 "quiz": {"id": "cyber", "title": "サイバー攻撃への備え", "type": "quiz", "version": "3f2a9c01"},
 "person": {"name": "山田 太郎", "employee_id": "E0042", "department": "総務部"},
 "attempt": {"date": "2026-11-30T23:30:00.000Z", "local_date": "2026-12-01T08:30:00+09:00", "seed": 7},
 "score": {"correct": 1, "total": 2, "percent": 50, "pass_mark": 80, "passed": false},
 "answers": [{"question": "sns", "text": "SNSに…", "chosen": ["a", "c"], "correct": false},
             {"question": "usb", "text": "USBメモリ…", "chosen": ["b"], "correct": true}]})";

std::string json_error(const std::string& text) {
  auto r = parse_result_json(text);
  return r ? "(parsed)" : r.error().message;
}

std::string csv_error(const std::string& text) {
  auto r = parse_result_csv(text);
  return r ? "(parsed)" : r.error().message;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

const std::string kAttempt =
    "cyber,サイバー攻撃の基本対策,3f2a9c01d4e5b6a7,2026-12-01 08:30:00 +09:00,山田 太郎,E0042,総務部,"
    "20261201-3F2A9C01,1,2,50,80,不合格,";

std::string quiz_csv(const std::vector<std::string>& rows) {
  std::string out = "\xEF\xBB\xBF" + std::string(kQuizCsvHeader) + "\r\n";
  for (const auto& row : rows) out += row + "\r\n";
  return out;
}

}  // namespace

TEST_SUITE("results: messages in Japanese") {
  TEST_CASE("a JSON record: not one, a missing field, a wrong type, a score that does not add up") {
    const JapaneseMessages japanese;
    CHECK(json_error("[1]") == "結果ファイルではありません: \"format\": \"mamori-quiz-result\" がありません");
    CHECK(json_error("{") == "結果ファイルではありません: JSON ではありません");
    CHECK(json_error(replaced(kRecord, "\"type\": \"quiz\", ", "")) == "quiz.type がありません");
    CHECK(json_error(replaced(kRecord, "\"passed\": false", "\"passed\": \"no\"")) ==
          "score.passed は true か false にしてください");
    CHECK(json_error(replaced(kRecord, "\"percent\": 50", "\"percent\": 101")) ==
          "score.percent は 0 から 100 までの整数にしてください");
    CHECK(json_error(replaced(kRecord, "\"correct\": 1, \"total\"", "\"correct\": 2, \"total\"")) ==
          "score.percent が score.correct / score.total と合いません");
    CHECK(json_error(replaced(kRecord, "\"version\": 2", "\"version\": 3")) ==
          "版 3 の結果ファイルです。この mamori が読めるのは版 1 と 2 です");
  }

  TEST_CASE("a CSV record: something else, a row that disagrees, a wrong word") {
    const JapaneseMessages japanese;
    CHECK(csv_error("社員番号,氏名,所属\r\nE1,山田,総務部\r\n") ==
          "クイズの結果 CSV ではありません: 名簿のようです。名簿は --roster で渡してください");
    CHECK(csv_error(
              quiz_csv({kAttempt + "q1,問1,a,正解", replaced(kAttempt, "山田 太郎", "佐藤 花子") + "q2,問2,b,正解"})) ==
          "3 行目: 氏名 が 2 行目と違います (1 つのファイルには 1 回分の受験だけを入れます)");
    CHECK(csv_error(quiz_csv({kAttempt + "q1,問1,a,まる", kAttempt + "q2,問2,b,正解"})) ==
          "2 行目: 正誤 は 正解 か 不正解 にしてください");
    CHECK(csv_error(quiz_csv({kAttempt + "q1,問1,a,正解"})) == "各行 には 1 問ありますが、出題数 は 2 です");
  }

  TEST_CASE("a roster: an ignored column with did-you-mean, an id twice, no name column") {
    const JapaneseMessages japanese;
    std::vector<Diagnostic> out;
    parse_roster("社員番号,氏名,所蔵\nE1,A\nE1,B\n", out);
    CHECK(formatted(out) == std::vector<std::string>{
                                "1:3: warning: 列 '所蔵' は読みません。'所属' の間違いではありませんか？",
                                "3: error: 社員番号 'E1' が名簿に 2 回あります",
                            });
    out.clear();
    parse_roster("所属,内線\n総務部,1\n", out);
    CHECK(formatted(out) == std::vector<std::string>{"1: error: 1 行目には列の名前を書いてください: "
                                                     "社員番号と氏名の一方または両方 (と所属)"});
  }

  TEST_CASE("a record against today's quiz, and a quiz the portal does not have") {
    const JapaneseMessages japanese;
    CurrentQuiz q;
    q.version = "00000000000000aa";
    q.pass_mark = 80;
    q.questions_per_attempt = 3;
    q.questions = {"s", "t"};
    q.choice_ids = {{"s", {"a", "b"}}, {"t", {"false", "true"}}};
    q.right_answers = {{"s", {"b"}}, {"t", {"true"}}};
    ResultRecord r;
    r.quiz_version = q.version;
    r.pass_mark = 50;
    r.total = 2;
    r.answers = {{"s", "", {"zzz"}, false, std::nullopt}, {"x", "", {"true"}, true, std::nullopt}};
    CHECK(differences_from_quiz(r, q) == std::vector<std::string>{
                                             "合格点が 50% です (クイズの合格点は 80%)",
                                             "問題数が 2 問です (クイズの出題数は 3 問)",
                                             "問題 'x' は現在の問題集にありません",
                                             "問題 's': 'zzz' はこの問題の選択肢ではありません",
                                         });
    Project project;
    project.found = true;
    project.quizzes["cyber"] = CurrentQuiz{};
    std::vector<HandedIn> results(1);
    results[0].file = "a.json";
    results[0].record.quiz_id = "cybr";
    std::vector<std::string> skipped;
    keep_project_quizzes(project, results, skipped);
    CHECK(skipped == std::vector<std::string>{"a.json: クイズ 'cybr' はこのポータルのクイズではありません（'cyber' "
                                              "の間違いではありませんか？）"});
    CHECK(unchecked_note(Project{false, "/tmp/x", {}}) ==
          "/tmp/x に mamori.toml がありません。クイズの ID、合格点、問題数は確かめていません (--root "
          "を指定してください)");
  }
}
