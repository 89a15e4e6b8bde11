#include <doctest/doctest.h>

#include <string>

#include "results/record.h"

using namespace mamori;

namespace {

const std::string kVersion1 = R"({"format": "mamori-quiz-result", "version": 1,
 "quiz": {"id": "cyber", "title": "サイバー攻撃への備え", "type": "quiz"},
 "attempt": {"date": "2026-11-23T01:02:03.000Z", "seed": 123456789},
 "name": "山田 太郎",
 "score": {"correct": 1, "total": 1, "percent": 100, "pass_mark": 80, "passed": true},
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
    CHECK(r->seed == "123456789");
    CHECK(r->correct == 1);
    CHECK(r->total == 1);
    CHECK(r->percent == 100);
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
      "score": {"points": 3, "min": -3, "max": 12, "band": "概ね良好"},
      "answers": [{"question": "q1", "answer": "実施している", "points": 4},
                  {"question": "q2", "answer": "わからない", "points": -1},
                  {"question": "q3", "answer": null, "points": null}]})");
    REQUIRE(r.has_value());
    CHECK(r->kind == QuizKind::self_check);
    CHECK(r->band == "概ね良好");
    CHECK((r->points == 3 && r->min_points == -3 && r->max_points == 12));
    CHECK(r->answers.at(0).points == 4);
    CHECK_FALSE(r->answers.at(2).points.has_value());
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
    CHECK(error_of(replaced(kVersion1, "\"percent\": 100", "\"percent\": 50")) ==
          "score.percent does not match score.correct / score.total");
    CHECK(error_of(replaced(kVersion1, "\"correct\": 1,", "\"correct\": 2,")) ==
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

  TEST_CASE("a score must add up with its answers: passed, total and correct as quiz.js counted them") {
    // the tester's: a pass with 0 of 10 right, no answers, a 0% pass mark, 0 questions
    CHECK(error_of(replaced(kVersion1, "\"passed\": true", "\"passed\": false")) ==
          "score.passed is false, but score.percent 100 is not below score.pass_mark 80");
    CHECK(error_of(replaced(kVersion2, "\"passed\": false", "\"passed\": true")) ==
          "score.passed is true, but score.percent 50 is below score.pass_mark 80");
    CHECK(error_of(replaced(kVersion1, "\"pass_mark\": 80", "\"pass_mark\": 0")) ==
          "score.pass_mark must be a whole number from 1 to 100");
    CHECK(error_of(replaced(kVersion1, "\"correct\": 1, \"total\": 1, \"percent\": 100",
                            "\"correct\": 0, \"total\": 0, \"percent\": 0")) ==
          "score.total must be a whole number from 1 to 10000");
    CHECK(error_of(replaced(kVersion1,
                            "\"correct\": 1, \"total\": 1, \"percent\": 100, \"pass_mark\": 80, \"passed\": true",
                            "\"correct\": 1, \"total\": 2, \"percent\": 50, \"pass_mark\": 80, \"passed\": false")) ==
          "answers hold 1 question, but score.total is 2");
    CHECK(error_of(replaced(kVersion2, "\"chosen\": [\"a\", \"c\"], \"correct\": false",
                            "\"chosen\": [\"a\", \"c\"], \"correct\": true")) ==
          "answers hold 2 marked correct, but score.correct is 1");
    CHECK(error_of(replaced(kVersion2, "\"question\": \"usb\"", "\"question\": \"sns\"")) ==
          "question 'sns' is answered more than once");
    CHECK(error_of(R"({"format":"mamori-quiz-result","version":2,
      "quiz":{"id":"cyber","title":"サイバー攻撃の基本対策","type":"quiz"}, "person":{"name":"偽 太郎"},
      "attempt":{"date":"2026-01-01T00:00:00.000Z"},
      "score":{"correct":0,"total":10,"percent":0,"pass_mark":80,"passed":true}, "answers":[]})") ==
          "score.passed is true, but score.percent 0 is below score.pass_mark 80");
  }

  TEST_CASE("a self-check's points must be its answers', on the scale, between what its items can score") {
    const std::string self = R"({"format": "mamori-quiz-result", "version": 2,
      "quiz": {"id": "self", "title": "自己診断", "type": "self_check"}, "person": {"name": "A"},
      "attempt": {"date": "2026-11-23T01:02:03Z", "seed": 1},
      "score": {"points": 2, "min": -2, "max": 8, "band": "要注意"},
      "answers": [{"question": "q1", "answer": "一部実施している", "points": 2},
                  {"question": "q2", "answer": null, "points": null}]})";
    CHECK(error_of(self) == "(parsed)");
    CHECK(error_of(replaced(self, "\"points\": 2, \"min\"", "\"points\": 8, \"min\"")) ==
          "the answers' points add up to 2, not score.points 8");
    CHECK(error_of(replaced(self, "\"points\": 2, \"min\"", "\"points\": 9, \"min\"")) ==
          "score.points is not between score.min and score.max");
    CHECK(error_of(replaced(self, "\"max\": 8", "\"max\": 80")) ==
          "score.min and score.max are not what 2 questions can score (-2 to 8)");
    CHECK(error_of(replaced(self, "\"answer\": \"一部実施している\", \"points\": 2",
                            "\"answer\": \"一部実施している\", \"points\": 3")) ==
          "answers[0].points must be one of 4, 2, 0, -1");
    CHECK(error_of(replaced(self, "\"answer\": \"一部実施している\", \"points\": 2",
                            "\"answer\": \"実施している\", \"points\": 2")) ==
          "answers[0].points must be 4 for '実施している'");
    CHECK(error_of(replaced(self, "\"min\": -2", "\"min\": -2, \"x\": 0")) == "(parsed)");
    CHECK(error_of(replaced(self, ", \"min\": -2", "")) == "score.min is missing");
  }

  TEST_CASE("texts longer than a report can carry refuse the file; ids must be ids") {
    const auto with = [](const std::string& from, const std::string& to) {
      return error_of(replaced(kVersion2, from, to));
    };
    const std::string long_title(200, 'x');
    CHECK(with("サイバー攻撃への備え", long_title) == "(parsed)");
    CHECK(with("サイバー攻撃への備え", long_title + "長") == "quiz.title is longer than 200 characters");
    std::string name;
    for (int i = 0; i < 101; ++i) name += "名";
    CHECK(with("山田 太郎", name) == "person.name is longer than 100 characters");
    CHECK(with("総務部", name) == "person.department is longer than 100 characters");
    CHECK(with("E0042", std::string(41, '9')) == "person.employee_id is longer than 40 characters");
    CHECK(with("SNSに…", std::string(2001, 'a')) == "answers[0].text is longer than 2000 characters");
    CHECK(error_of(replaced(kVersion1, "山田 太郎", name)) == "name is longer than 100 characters");
    CHECK(with("\"id\": \"cyber\"", "\"id\": \"../cyber\"") ==
          "quiz.id must be a quiz id (letters, digits, - and _, at most 64), as the quiz file's name");
    CHECK(with("\"question\": \"usb\"", "\"question\": \"u s b\"") ==
          "answers[1].question must be a question id (letters, digits, - and _, at most 64)");
    CHECK(with("3f2a9c01", "3F2A9C01") == "quiz.version must be up to 16 hex digits (0-9, a-f)");
  }

  TEST_CASE("attempt.local_date is an ISO 8601 time with its offset") {
    const auto with = [](const std::string& to) {
      return error_of(replaced(kVersion2, "2026-12-01T08:30:00+09:00", to));
    };
    const std::string reason =
        "attempt.local_date must be an ISO 8601 time with its offset, like 2026-12-01T08:30:00+09:00";
    CHECK(with("2026-12-01T08:30:00.123Z") == "(parsed)");
    CHECK(with("2026-12-01T08:30:00-05:30") == "(parsed)");
    CHECK(with("2026-12-01T08:30:00") == reason);
    CHECK(with("2026-12-01") == reason);
    CHECK(with("2026-13-01T08:30:00+09:00") == reason);
    CHECK(with("2026-12-01T08:30:00+09:00<script>") == reason);
    CHECK(with("\u202E2026-12-01T08:30:00+09:00") == reason);
  }
}
