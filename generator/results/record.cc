#include "results/record.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>

#include "core/date.h"
#include "core/i18n.h"
#include "core/text.h"
#include "quiz/quiz.h"
#include "results/attempt_time.h"
#include "results/record_checks.h"

namespace mamori {
namespace {

using Json = nlohmann::json;

// Reads typed fields of one JSON object, remembering the first problem. A message names
// the field by its whole path (at("points") → "answers[3].points"), so that one sentence
// holds it and can be translated whole.
class Fields {
 public:
  Fields(const Json& object, std::string where) : object_(object), where_(std::move(where)) {}

  std::string at(const char* key) const { return where_ + key; }
  const Json* get(const char* key, bool required) {
    const auto it = object_.find(key);
    if (it == object_.end() || it->is_null()) {
      if (required) fail(format(tr("{0} is missing"), at(key)));
      return nullptr;
    }
    return &*it;
  }
  std::string text(const char* key, bool required = true) {
    const Json* v = get(key, required);
    if (v == nullptr) return {};
    if (!v->is_string()) return fail(format(tr("{0} must be a string"), at(key))), std::string();
    return v->get<std::string>();
  }
  // A string of at most `max_characters` code points.
  std::string capped(const char* key, bool required, size_t max_characters) {
    std::string value = text(key, required);
    if (error_.empty()) fail(length_problem(value, at(key), max_characters));
    return value;
  }
  int integer(const char* key, int low, int high) {
    const Json* v = get(key, true);
    if (v == nullptr) return 0;
    if (!v->is_number_integer() || v->get<int64_t>() < low || v->get<int64_t>() > high) {
      fail(format(tr("{0} must be a whole number from {1} to {2}"), at(key), low, high));
      return 0;
    }
    return static_cast<int>(v->get<int64_t>());
  }
  bool boolean(const char* key) {
    const Json* v = get(key, true);
    if (v != nullptr && !v->is_boolean()) fail(format(tr("{0} must be true or false"), at(key)));
    return v != nullptr && v->is_boolean() && v->get<bool>();
  }
  const Json& object(const char* key) {
    const Json* v = get(key, true);
    if (v != nullptr && v->is_object()) return *v;
    if (v != nullptr) fail(format(tr("{0} must be an object"), at(key)));
    static const Json kEmpty = Json::object();
    return kEmpty;
  }
  // Keeps the first problem (a whole message, naming its field by the path).
  void fail(const std::string& what) {
    if (error_.empty() && !what.empty()) error_ = what;
  }
  const std::string& error() const { return error_; }

 private:
  const Json& object_;
  std::string where_;
  std::string error_;
};

constexpr int kMaxQuestions = 10000;
constexpr int kMaxPoints = 1000000;

const ScoreNames kNames{"score.total",  "score.correct", "score.percent", "score.pass_mark",        "score.passed",
                        "true",         "false",         "answers",       N_("marked correct"),     N_("question"),
                        "score.points", "score.min",     "score.max",     N_("the answers' points")};

// A self-check answer's points: null or absent when unanswered, else a value of the scale
// that fits the answer's label.
void read_answer_points(Fields& f, AnswerRecord& answer) {
  const std::string label = f.text("answer", false);
  const Json* points = f.get("points", false);
  if (points == nullptr || !f.error().empty()) return;
  if (!points->is_number_integer() || std::abs(points->get<int64_t>()) > kMaxPoints) {
    return f.fail(format(tr("{0} must be a whole number or null"), f.at("points")));
  }
  answer.points = static_cast<int>(points->get<int64_t>());
  f.fail(self_check_answer_problem(f.at("points"), label, *answer.points));
}

void read_answer(const Json& item, size_t index, QuizKind kind, Fields& top, AnswerRecord& answer) {
  if (!item.is_object()) return top.fail(format(tr("answers[{0}] must be an object"), index));
  Fields f(item, "answers[" + std::to_string(index) + "].");
  answer.question = f.text("question");
  if (f.error().empty() && !is_valid_quiz_id(answer.question)) {
    f.fail(format(tr("{0} must be a question id (letters, digits, - and _, at most 64)"), f.at("question")));
  }
  answer.text = f.capped("text", false, kMaxQuestionTextLength);
  if (kind == QuizKind::quiz) {
    if (const Json* chosen = f.get("chosen", true); chosen != nullptr) {
      if (!chosen->is_array()) f.fail(format(tr("{0} must be a list"), f.at("chosen")));
      for (const Json& c : chosen->is_array() ? *chosen : Json::array()) {
        if (!c.is_string()) f.fail(format(tr("{0} must be a list of choice ids"), f.at("chosen")));
        if (c.is_string()) answer.chosen.push_back(c.get<std::string>());
      }
    }
    answer.correct = f.boolean("correct");
  } else {
    read_answer_points(f, answer);
  }
  if (!f.error().empty()) top.fail(f.error());
}

void read_answers(ResultRecord& r, Fields& top) {
  const Json* answers = top.get("answers", true);
  if (answers == nullptr) return;
  if (!answers->is_array()) return top.fail(format(tr("{0} must be a list"), top.at("answers")));
  if (answers->size() > static_cast<size_t>(kMaxQuestions)) {
    return top.fail(format(tr("{0} has too many entries"), top.at("answers")));
  }
  r.answers.reserve(answers->size());
  for (size_t i = 0; i < answers->size() && top.error().empty(); ++i) {
    read_answer((*answers)[i], i, r.kind, top, r.answers.emplace_back());
  }
}

void read_quiz_score(const Json& score, ResultRecord& r, Fields& top) {
  Fields f(score, "score.");
  r.total = f.integer("total", 1, kMaxQuestions);
  r.correct = f.integer("correct", 0, kMaxQuestions);
  r.percent = f.integer("percent", 0, 100);
  r.pass_mark = f.integer("pass_mark", 1, 100);
  r.passed = f.boolean("passed");
  if (!f.error().empty()) top.fail(f.error());
}

void read_self_check_score(const Json& score, ResultRecord& r, Fields& top) {
  Fields f(score, "score.");
  r.points = f.integer("points", -kMaxPoints, kMaxPoints);
  r.min_points = f.integer("min", -kMaxPoints, kMaxPoints);
  r.max_points = f.integer("max", -kMaxPoints, kMaxPoints);
  r.band = f.capped("band", false, kMaxTitleLength);
  if (!f.error().empty()) top.fail(f.error());
}

void read_quiz(const Json& quiz, ResultRecord& r, Fields& top) {
  Fields f(quiz, "quiz.");
  r.quiz_id = f.text("id");
  if (f.error().empty() && !is_valid_quiz_id(r.quiz_id)) {
    f.fail(format(tr("{0} must be a quiz id (letters, digits, - and _, at most 64), as the quiz file's name"),
                  f.at("id")));
  }
  r.quiz_title = f.capped("title", true, kMaxTitleLength);
  r.quiz_version = f.text("version", false);
  if (f.error().empty() && !is_bank_version(r.quiz_version)) {
    f.fail(format(tr("{0} must be up to 16 hex digits (0-9, a-f)"), f.at("version")));
  }
  const std::string type = f.text("type");
  if (f.error().empty() && type != "quiz" && type != "self_check") {
    f.fail(format(tr("{0} must be \"quiz\" or \"self_check\""), f.at("type")));
  }
  r.kind = type == "self_check" ? QuizKind::self_check : QuizKind::quiz;
  if (!f.error().empty()) top.fail(f.error());
}

void read_person(ResultRecord& r, Fields& top) {
  if (r.version == 1) {
    r.name = top.capped("name", false, kMaxNameLength);
    return;
  }
  Fields f(top.object("person"), "person.");
  r.name = f.capped("name", false, kMaxNameLength);
  r.employee_id = f.capped("employee_id", false, kMaxEmployeeIdLength);
  r.department = f.capped("department", false, kMaxNameLength);
  if (!f.error().empty()) top.fail(f.error());
}

// attempt.seed as quiz.js writes it into the number (String(seed)): a whole number in
// decimal; "" for anything else (the number cannot be checked then).
std::string seed_of(const Json* seed) {
  if (seed == nullptr) return {};
  if (seed->is_number_unsigned()) return std::to_string(seed->get<uint64_t>());
  if (seed->is_number_integer()) return std::to_string(seed->get<int64_t>());
  return {};
}

void read_attempt(const Json& attempt, ResultRecord& r, Fields& top) {
  Fields f(attempt, "attempt.");
  r.date_utc = f.text("date");
  r.date_local = f.text("local_date", false);
  r.number = f.text("number", false);
  r.seed = seed_of(f.get("seed", false));
  if (f.error().empty() && !r.number.empty() && !is_attempt_number(r.number)) {
    f.fail(format(tr("{0} must be up to 40 characters of 0-9, A-Z and -"), f.at("number")));
  }
  if (f.error().empty() && (r.date_utc.size() < 10 || !parse_iso_date(r.date_utc.substr(0, 10)))) {
    f.fail(format(tr("{0} is not an ISO 8601 date"), f.at("date")));
  }
  if (f.error().empty() && !r.date_local.empty() && !is_local_iso_time(r.date_local)) {
    f.fail(
        format(tr("{0} must be an ISO 8601 time with its offset, like 2026-12-01T08:30:00+09:00"), f.at("local_date")));
  }
  if (!f.error().empty()) top.fail(f.error());
}

Result<Json> parse_json_text(std::string_view text) {
  if (text.size() > kMaxResultFileBytes) return Error{tr("too large for a result file")};
  try {
    return Json::parse(text);
  } catch (const Json::exception&) {
    return Error{tr("not a result file: not JSON")};
  }
}

}  // namespace

std::string length_problem(std::string_view value, std::string_view field, size_t max_characters) {
  if (value.size() <= max_characters || count_code_points(value) <= max_characters) return {};
  return format(tr("{0} is longer than {1} characters"), field, max_characters);
}

bool is_bank_version(std::string_view text) {
  return text.size() <= 16 &&
         std::all_of(text.begin(), text.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

bool is_attempt_number(std::string_view text) {
  if (text.empty() || text.size() > kMaxAttemptNumber) return false;
  return std::all_of(text.begin(), text.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || c == '-'; });
}

Result<ResultRecord> parse_result_json(std::string_view text) {
  auto parsed = parse_json_text(strip_bom(text));
  if (!parsed) return parsed.error();
  const Json& json = *parsed;
  if (!json.is_object() || json.value("format", Json()) != "mamori-quiz-result") {
    return Error{tr("not a result file: no \"format\": \"mamori-quiz-result\"")};
  }
  ResultRecord r;
  Fields top(json, "");
  r.version = top.integer("version", 1, 1000000);
  if (!top.error().empty()) return Error{top.error()};
  if (r.version > 2) return Error{format(tr("a result file of version {0}; this mamori reads 1 and 2"), r.version)};
  read_quiz(top.object("quiz"), r, top);
  read_person(r, top);
  read_attempt(top.object("attempt"), r, top);
  const Json& score = top.object("score");
  if (r.kind == QuizKind::quiz) read_quiz_score(score, r, top);
  if (r.kind == QuizKind::self_check) read_self_check_score(score, r, top);
  read_answers(r, top);
  if (top.error().empty()) {
    top.fail(r.kind == QuizKind::quiz ? quiz_score_problem(r, kNames) : self_check_score_problem(r, kNames));
  }
  if (!top.error().empty()) return Error{top.error()};
  return r;
}

}  // namespace mamori
