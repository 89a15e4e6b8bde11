#include "results/record_checks.h"

#include <algorithm>
#include <cstdlib>
#include <set>

#include "quiz/quiz.h"

namespace mamori {
namespace {

std::string str(std::string_view text) {
  return std::string(text);
}

std::string questions(size_t n) {
  return std::to_string(n) + (n == 1 ? " question" : " questions");
}

// "question 'x' is answered more than once" for the first id answered twice, or "".
std::string repeated_question(const ResultRecord& r, const ScoreNames& names) {
  std::set<std::string_view> seen;
  for (const AnswerRecord& a : r.answers) {
    if (!seen.insert(a.question).second)
      return str(names.question) + " '" + a.question + "' is answered more than once";
  }
  return {};
}

}  // namespace

std::string quiz_score_problem(const ResultRecord& r, const ScoreNames& names) {
  if (r.total < 1) return str(names.total) + " must be at least 1";
  if (r.correct > r.total) return str(names.correct) + " is more than " + str(names.total);
  const int expected = (r.correct * 100 + r.total / 2) / r.total;
  if (std::abs(expected - r.percent) > 1) {
    return str(names.percent) + " does not match " + str(names.correct) + " / " + str(names.total);
  }
  if (r.passed != (r.percent >= r.pass_mark)) {
    return str(names.passed) + " is " + str(r.passed ? names.passed_yes : names.passed_no) + ", but " +
           str(names.percent) + " " + std::to_string(r.percent) + (r.passed ? " is below " : " is not below ") +
           str(names.pass_mark) + " " + std::to_string(r.pass_mark);
  }
  if (r.answers.size() != static_cast<size_t>(r.total)) {
    return str(names.answers) + " hold " + questions(r.answers.size()) + ", but " + str(names.total) + " is " +
           std::to_string(r.total);
  }
  const auto right = std::count_if(r.answers.begin(), r.answers.end(),
                                   [](const AnswerRecord& a) { return a.correct.value_or(false); });
  if (right != r.correct) {
    return str(names.answers) + " hold " + std::to_string(right) + " " + str(names.marked_correct) + ", but " +
           str(names.correct) + " is " + std::to_string(r.correct);
  }
  return repeated_question(r, names);
}

std::string self_check_score_problem(const ResultRecord& r, const ScoreNames& names) {
  if (r.points < r.min_points || r.points > r.max_points) {
    return str(names.points) + " is not between " + str(names.min) + " and " + str(names.max);
  }
  const auto lowest = self_check_lowest_total(r.answers.size());
  const auto highest = self_check_highest_total(r.answers.size());
  if (r.min_points != lowest || r.max_points != highest) {
    return str(names.min) + " and " + str(names.max) + " are not what " + questions(r.answers.size()) + " can score (" +
           std::to_string(lowest) + " to " + std::to_string(highest) + ")";
  }
  long long sum = 0;
  for (const AnswerRecord& a : r.answers) sum += a.points.value_or(0);
  if (sum != r.points) {
    return str(names.answer_points) + " add up to " + std::to_string(sum) + ", not " + str(names.points) + " " +
           std::to_string(r.points);
  }
  return repeated_question(r, names);
}

std::optional<int> self_check_points_of(std::string_view label) {
  for (const SelfCheckOption& option : self_check_options()) {
    if (option.label == label) return option.score;
  }
  return std::nullopt;
}

std::string self_check_answer_problem(std::string_view label, int points) {
  std::string scale;
  bool on_scale = false;
  for (const SelfCheckOption& option : self_check_options()) {
    scale += (scale.empty() ? "" : ", ") + std::to_string(option.score);
    on_scale = on_scale || option.score == points;
  }
  if (!on_scale) return "must be one of " + scale;
  const auto expected = self_check_points_of(label);
  if (expected && *expected != points) {
    return "must be " + std::to_string(*expected) + " for '" + str(label) + "'";
  }
  return {};
}

}  // namespace mamori
