// What every result record read (JSON or CSV) promises, and what the reports made from one
// promise, checked by both results fuzz targets.
#pragma once

#include <algorithm>
#include <string>

#include "core/text.h"
#include "fuzz_support.h"
#include "results/record.h"

namespace mamori::fuzz {

inline void check_result_record(const ResultRecord& r) {
  require(!r.quiz_id.empty() && !r.answers.empty(), "a read attempt has a quiz and answers");
  require(r.number.empty() || is_attempt_number(r.number), "an attempt number is 0-9, A-Z and -");
  require(count_code_points(r.quiz_title) <= kMaxTitleLength, "a title is at most 200 characters");
  require(count_code_points(r.name) <= kMaxNameLength && count_code_points(r.department) <= kMaxNameLength,
          "a name and a department are at most 100 characters");
  require(count_code_points(r.employee_id) <= kMaxEmployeeIdLength, "an employee id is at most 40 characters");
  for (const std::string* text : {&r.quiz_id, &r.quiz_title, &r.name, &r.employee_id, &r.department}) {
    require(!find_invalid_utf8(*text).has_value(), "text is valid UTF-8");
  }
  if (r.kind == QuizKind::quiz) {
    require(r.total >= 1 && r.correct <= r.total, "a read score adds up");
    require(r.pass_mark >= 1 && r.pass_mark <= 100, "a pass mark is 1-100");
    require(r.passed == (r.percent >= r.pass_mark), "passed follows from percent and pass mark");
    require(r.answers.size() == static_cast<size_t>(r.total), "as many answers as questions");
    const auto right = std::count_if(r.answers.begin(), r.answers.end(),
                                     [](const AnswerRecord& a) { return a.correct.value_or(false); });
    require(right == r.correct, "as many answers right as the score says");
  } else {
    long long sum = 0;
    for (const AnswerRecord& a : r.answers) sum += a.points.value_or(0);
    require(sum == r.points && r.min_points <= r.points && r.points <= r.max_points, "a self-check's points add up");
  }
}

// completion.json holds nothing that hides or reorders text: such characters are \u escapes.
inline void check_report_json(const std::string& json) {
  require(!find_invalid_utf8(json).has_value(), "the JSON report is valid UTF-8");
  for (size_t i = 0; i < json.size(); i += utf8_sequence_length(json, i)) {
    require(!acts_on_terminal(*code_point_at(json, i)) || json[i] == '\n', "no invisible character in the JSON");
  }
}

}  // namespace mamori::fuzz
