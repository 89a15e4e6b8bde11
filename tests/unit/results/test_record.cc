#include <doctest/doctest.h>

#include <string>

#include "results/record.h"

using namespace mamori;

namespace {

const std::string kVersion1 = R"({"format": "mamori-quiz-result", "version": 1,
 "quiz": {"id": "cyber", "title": "サイバー攻撃への備え", "type": "quiz"},
 "attempt": {"date": "2026-11-23T01:02:03.000Z", "seed": 123456789},
 "name": "山田 太郎",
 "score": {"correct": 9, "total": 10, "percent": 90, "pass_mark": 80, "passed": true},
 "answers": [{"question": "sns", "chosen": ["a"], "correct": true}]})";

const std::string kVersion2 = R"({"format": "mamori-quiz-result", "version": 2,
 "quiz": {"id": "cyber", "title": "サイバー攻撃への備え", "type": "quiz", "version": "3f2a9c01"},
 "person": {"name": "山田 太郎", "employee_id": "E0042", "department": "総務部"},
 "attempt": {"date": "2026-11-30T23:30:00.000Z", "local_date": "2026-12-01T08:30:00+09:00", "seed": 7},
 "score": {"correct": 1, "total": 2, "percent": 50, "pass_mark": 80, "passed": false},
 "answers": [{"question": "sns", "text": "SNSに…", "chosen": ["a", "c"], "correct": false},
             {"question": "usb", "text": "USBメモリ…", "chosen": ["b"], "correct": true}]})";

std::string error_of(const std::string& text) {
  auto r = parse_result_json(text);
  return r ? "(parsed)" : r.error().message;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_SUITE("results: record") {
  TEST_CASE("version 1 as quiz.js wrote it") {
    auto r = parse_result_json(kVersion1);
    REQUIRE(r.has_value());
    CHECK(r->version == 1);
    CHECK(r->quiz_id == "cyber");
    CHECK(r->quiz_title == "サイバー攻撃への備え");
    CHECK(r->quiz_version.empty());
    CHECK(r->kind == QuizKind::quiz);
    CHECK(r->name == "山田 太郎");
    CHECK(r->employee_id.empty());
    CHECK(r->date_utc == "2026-11-23T01:02:03.000Z");
    CHECK(r->correct == 9);
    CHECK(r->total == 10);
    CHECK(r->percent == 90);
    CHECK(r->pass_mark == 80);
    CHECK(r->passed);
    REQUIRE(r->answers.size() == 1);
    CHECK(r->answers[0].question == "sns");
    CHECK(r->answers[0].chosen == std::vector<std::string>{"a"});
    CHECK(r->answers[0].correct == true);
  }

  TEST_CASE("version 2 carries the person, the quiz version, local time and question texts") {
    auto r = parse_result_json("\xEF\xBB\xBF" + kVersion2);
    REQUIRE(r.has_value());
    CHECK(r->version == 2);
    CHECK(r->quiz_version == "3f2a9c01");
    CHECK(r->name == "山田 太郎");
    CHECK(r->employee_id == "E0042");
    CHECK(r->department == "総務部");
    CHECK(r->date_local == "2026-12-01T08:30:00+09:00");
    CHECK_FALSE(r->passed);
    REQUIRE(r->answers.size() == 2);
    CHECK(r->answers[0].text == "SNSに…");
    CHECK(r->answers[0].correct == false);
  }

  TEST_CASE("a self-check is read without a pass") {
    auto r = parse_result_json(R"({"format": "mamori-quiz-result", "version": 1,
      "quiz": {"id": "self", "title": "自己診断", "type": "self_check"},
      "attempt": {"date": "2026-11-23T01:02:03Z", "seed": 1},
      "score": {"points": 10, "min": -3, "max": 12, "band": "概ね良好"},
      "answers": [{"question": "q1", "answer": "実施している", "points": 4}]})");
    REQUIRE(r.has_value());
    CHECK(r->kind == QuizKind::self_check);
    CHECK(r->band == "概ね良好");
    CHECK_FALSE(r->passed);
  }

  TEST_CASE("what is not a result file says why") {
    CHECK(error_of("") == "not a result file: not JSON");
    CHECK(error_of("{\"a\": \"\xFF\"}") == "not a result file: not JSON");
    CHECK(error_of("[1, 2]") == "not a result file: no \"format\": \"mamori-quiz-result\"");
    CHECK(error_of(R"({"format": "other"})") == "not a result file: no \"format\": \"mamori-quiz-result\"");
    CHECK(error_of(replaced(kVersion1, "\"version\": 1", "\"version\": 3")) ==
          "a result file of version 3; this mamori reads 1 and 2");
    CHECK(error_of(replaced(kVersion1, "\"version\": 1", "\"version\": \"1\"")) ==
          "version must be a whole number from 1 to 1000000");
    CHECK(error_of(std::string(kMaxResultFileBytes + 1, ' ')) == "too large for a result file");
  }

  TEST_CASE("fields missing, mistyped or inconsistent are named") {
    CHECK(error_of(replaced(kVersion1, "\"id\": \"cyber\", ", "")) == "quiz.id is missing");
    CHECK(error_of(replaced(kVersion1, "\"type\": \"quiz\"", "\"type\": \"exam\"")) ==
          "quiz.type must be \"quiz\" or \"self_check\"");
    CHECK(error_of(replaced(kVersion1, "\"percent\": 90", "\"percent\": 100")) ==
          "score.percent does not match score.correct / score.total");
    CHECK(error_of(replaced(kVersion1, "\"correct\": 9", "\"correct\": 11")) ==
          "score.correct is more than score.total");
    CHECK(error_of(replaced(kVersion1, "\"passed\": true", "\"passed\": \"yes\"")) ==
          "score.passed must be true or false");
    CHECK(error_of(replaced(kVersion1, "\"chosen\": [\"a\"]", "\"chosen\": [1]")) ==
          "answers[0].chosen must be a list of choice ids");
    CHECK(error_of(replaced(kVersion1, "2026-11-23T01:02:03.000Z", "yesterday")) ==
          "attempt.date is not an ISO 8601 date");
    CHECK(error_of(replaced(kVersion2, "\"person\": {", "\"person\": 5, \"x\": {")) == "person must be an object");
  }

  TEST_CASE("attempt.number: read when present, refused when it is not 0-9, A-Z and - (at most 40)") {
    const std::string numbered = replaced(kVersion2, "\"seed\": 7", "\"seed\": 7, \"number\": \"20261201-3F2A9C01\"");
    auto r = parse_result_json(numbered);
    REQUIRE(r.has_value());
    CHECK(r->number == "20261201-3F2A9C01");
    CHECK(parse_result_json(kVersion2)->number.empty());
    CHECK(parse_result_json(replaced(numbered, "20261201-3F2A9C01", std::string(40, '9')))->number.size() == 40);
    const std::string reason = "attempt.number must be up to 40 characters of 0-9, A-Z and -";
    CHECK(error_of(replaced(numbered, "20261201-3F2A9C01", "20261201-3f2a9c01")) == reason);
    CHECK(error_of(replaced(numbered, "20261201-3F2A9C01", "=1+1")) == reason);
    CHECK(error_of(replaced(numbered, "20261201-3F2A9C01", "20261201 3F2A9C01")) == reason);
    CHECK(error_of(replaced(numbered, "20261201-3F2A9C01", std::string(41, '9'))) == reason);
    CHECK(error_of(replaced(numbered, "\"20261201-3F2A9C01\"", "20261201")) == "attempt.number must be a string");
  }
}
