#include "results/record_checks.h"

#include <algorithm>
#include <cstdlib>
#include <set>

#include "core/i18n.h"
#include "quiz/quiz.h"

namespace mamori {
namespace {

// "question 'x' is answered more than once" for the first id answered twice, or "".
std::string repeated_question(const ResultRecord& r, const ScoreNames& names) {
  std::set<std::string_view> seen;
  for (const AnswerRecord& a : r.answers) {
    if (!seen.insert(a.question).second) {
      return format(tr("{0} '{1}' is answered more than once"), tr(names.question), a.question);
    }
  }
  return {};
}

}  // namespace

std::string quiz_score_problem(const ResultRecord& r, const ScoreNames& names) {
  if (r.total < 1) return format(tr("{0} must be at least 1"), names.total);
  if (r.correct > r.total) return format(tr("{0} is more than {1}"), names.correct, names.total);
  const int expected = (r.correct * 100 + r.total / 2) / r.total;
  if (std::abs(expected - r.percent) > 1) {
    return format(tr("{0} does not match {1} / {2}"), names.percent, names.correct, names.total);
  }
  if (r.passed != (r.percent >= r.pass_mark)) {
    return format(
        r.passed ? tr("{0} is {1}, but {2} {3} is below {4} {5}") : tr("{0} is {1}, but {2} {3} is not below {4} {5}"),
        names.passed, r.passed ? names.passed_yes : names.passed_no, names.percent, r.percent, names.pass_mark,
        r.pass_mark);
  }
  if (r.answers.size() != static_cast<size_t>(r.total)) {
    return format(
        tr_n("{0} hold {1} question, but {2} is {3}", "{0} hold {1} questions, but {2} is {3}", r.answers.size()),
        tr(names.answers), r.answers.size(), names.total, r.total);
  }
  const auto right = std::count_if(r.answers.begin(), r.answers.end(),
                                   [](const AnswerRecord& a) { return a.correct.value_or(false); });
  if (right != r.correct) {
    return format(tr("{0} hold {1} {2}, but {3} is {4}"), tr(names.answers), right, tr(names.marked_correct),
                  names.correct, r.correct);
  }
  return repeated_question(r, names);
}

std::string self_check_score_problem(const ResultRecord& r, const ScoreNames& names) {
  if (r.points < r.min_points || r.points > r.max_points) {
    return format(tr("{0} is not between {1} and {2}"), names.points, names.min, names.max);
  }
  const auto lowest = self_check_lowest_total(r.answers.size());
  const auto highest = self_check_highest_total(r.answers.size());
  if (r.min_points != lowest || r.max_points != highest) {
    return format(tr_n("{0} and {1} are not what {2} question can score ({3} to {4})",
                       "{0} and {1} are not what {2} questions can score ({3} to {4})", r.answers.size()),
                  names.min, names.max, r.answers.size(), lowest, highest);
  }
  long long sum = 0;
  for (const AnswerRecord& a : r.answers) sum += a.points.value_or(0);
  if (sum != r.points) {
    return format(tr("{0} add up to {1}, not {2} {3}"), tr(names.answer_points), sum, names.points, r.points);
  }
  return repeated_question(r, names);
}

std::optional<int> self_check_points_of(std::string_view label) {
  for (const SelfCheckOption& option : self_check_options()) {
    if (option.label == label) return option.score;
  }
  return std::nullopt;
}

std::string self_check_answer_problem(std::string_view field, std::string_view label, int points) {
  std::string scale;
  bool on_scale = false;
  for (const SelfCheckOption& option : self_check_options()) {
    scale += (scale.empty() ? "" : ", ") + std::to_string(option.score);
    on_scale = on_scale || option.score == points;
  }
  if (!on_scale) return format(tr("{0} must be one of {1}"), field, scale);
  const auto expected = self_check_points_of(label);
  if (expected && *expected != points) return format(tr("{0} must be {1} for '{2}'"), field, *expected, label);
  return {};
}

}  // namespace mamori
