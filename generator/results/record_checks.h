// The checks a result record passes whichever download it was read from (JSON or CSV):
// its score must add up with its answers, as quiz.js computed it. A record that fails one
// was edited by hand (or made up) and is refused; the reason names the fields the way the
// file does, so the JSON and the CSV reader pass their own names.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "results/record.h"

namespace mamori {

// How a download names the fields the checks talk about. The names of fields and values
// stay as the file writes them; the four that may be words (marked N_ where they are)
// are translated where a message uses them (a name without a translation stays as it is).
struct ScoreNames {
  std::string_view total, correct, percent, pass_mark, passed, passed_yes, passed_no;
  const char* answers;         // the answers as a whole: "answers", "the rows"
  const char* marked_correct;  // an answer marked right: "marked correct", "正解"
  const char* question;        // a question's id: "question", "問題ID"
  std::string_view points, min, max;
  const char* answer_points;  // the answers' points: "the answers' points", "点数"
};

// The first way the score of quiz record `r` does not add up, in words, or "":
//   correct > total, percent not correct / total rounded (±1), passed not percent >= pass_mark,
//   answers not `total` many or not `correct` of them marked correct, a question answered twice.
std::string quiz_score_problem(const ResultRecord& r, const ScoreNames& names);

// The same for self-check record `r`: points outside min..max, min and max not what its
// answers can score, the answers' points not adding up to points, an item answered twice.
std::string self_check_score_problem(const ResultRecord& r, const ScoreNames& names);

// The points of a self-check answer labelled `label` (kSelfCheckOptions), or none for
// another label.
std::optional<int> self_check_points_of(std::string_view label);

// "" when `points` is a value of the self-check scale and (when `label` is one of the
// scale's) the points of that label; else why not, naming the points' field `field`:
// "points must be one of 4, 2, 0, -1" or "点数 must be 4 for '実施している'".
std::string self_check_answer_problem(std::string_view field, std::string_view label, int points);

}  // namespace mamori
