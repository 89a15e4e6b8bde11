#include "results/against_quiz.h"

#include <algorithm>

#include "core/i18n.h"

namespace mamori {
namespace {

// "question 'x' is not in today's question bank" for the first unknown id (and how many
// more); a self-check's are items.
std::string unknown_questions(const ResultRecord& r, const CurrentQuiz& q, bool items) {
  std::string first;
  int more = 0;
  for (const AnswerRecord& a : r.answers) {
    if (q.questions.contains(a.question)) continue;
    if (first.empty()) {
      first = a.question;
    } else {
      ++more;
    }
  }
  if (first.empty()) return {};
  if (more == 0) {
    return format(
        items ? tr("item '{0}' is not in today's question bank") : tr("question '{0}' is not in today's question bank"),
        first);
  }
  return format(items ? tr("item '{0}' and {1} more are not in today's question bank")
                      : tr("question '{0}' and {1} more are not in today's question bank"),
                first, more);
}

// The label of the band a self-check total falls in, "" when below every band.
std::string band_of(const CurrentQuiz& q, int points) {
  std::string label;
  for (const auto& [min, band] : q.bands) {
    if (points >= min) label = band;
  }
  return label;
}

// Why answer `a` does not add up against today's bank: a choice the question does not have,
// or marked right (or wrong) when the choices say otherwise; "" when it fits or cannot be
// checked (a CSV download holds answers in words, not choice ids).
std::string answer_problem(const AnswerRecord& a, const CurrentQuiz& q) {
  const auto ids = q.choice_ids.find(a.question);
  const auto right = q.right_answers.find(a.question);
  if (ids == q.choice_ids.end() || right == q.right_answers.end() || !a.correct) return "";
  std::vector<std::string> chosen = a.chosen;
  std::sort(chosen.begin(), chosen.end());
  for (const std::string& c : chosen) {
    if (!std::binary_search(ids->second.begin(), ids->second.end(), c)) {
      return format(tr("question '{0}': '{1}' is not one of its choices"), a.question, c);
    }
  }
  if (*a.correct && chosen != right->second) {
    return format(tr("question '{0}' is marked right, but the answer chosen is not the right one"), a.question);
  }
  if (!*a.correct && chosen == right->second) {
    return format(tr("question '{0}' is marked wrong, but the answer chosen is the right one"), a.question);
  }
  return "";
}

// The first answer that does not add up against today's bank (and how many more).
std::string answers_problem(const ResultRecord& r, const CurrentQuiz& q) {
  std::string first;
  int more = 0;
  for (const AnswerRecord& a : r.answers) {
    if (r.source != RecordSource::json) break;  // answers in words: no ids to check
    std::string problem = answer_problem(a, q);
    if (problem.empty()) continue;
    if (first.empty()) {
      first = std::move(problem);
    } else {
      ++more;
    }
  }
  if (more == 0) return first;
  return format(tr_n("{0} (and {1} more answer)", "{0} (and {1} more answers)", static_cast<unsigned long>(more)),
                first, more);
}

void quiz_differences(const ResultRecord& r, const CurrentQuiz& q, bool same_bank, std::vector<std::string>& out) {
  if (q.pass_mark > 0 && r.pass_mark != q.pass_mark) {
    out.push_back(format(tr("pass mark {0}% where the quiz asks {1}%"), r.pass_mark, q.pass_mark));
  }
  if (q.questions_per_attempt > 0 && r.total != q.questions_per_attempt) {
    out.push_back(format(tr_n("{0} question where the quiz asks {1}", "{0} questions where the quiz asks {1}",
                              static_cast<unsigned long>(r.total)),
                         r.total, q.questions_per_attempt));
  }
  if (same_bank) {
    if (auto unknown = unknown_questions(r, q, false); !unknown.empty()) out.push_back(unknown);
  }
  // A record that does not name its bank is read against today's, the only one known.
  if (same_bank || r.quiz_version.empty()) {
    if (auto wrong = answers_problem(r, q); !wrong.empty()) out.push_back(wrong);
  }
}

void self_check_differences(const ResultRecord& r, const CurrentQuiz& q, bool same_bank,
                            std::vector<std::string>& out) {
  const auto items = static_cast<int>(r.answers.size());
  if (q.questions_per_attempt > 0 && items != q.questions_per_attempt) {
    out.push_back(format(tr_n("{0} item where the self-check has {1}", "{0} items where the self-check has {1}",
                              static_cast<unsigned long>(items)),
                         items, q.questions_per_attempt));
  }
  if (!same_bank) return;
  if (auto unknown = unknown_questions(r, q, true); !unknown.empty()) out.push_back(unknown);
  if (const std::string band = band_of(q, r.points); !q.bands.empty() && band != r.band) {
    out.push_back(format(tr("band '{0}' where {1} points is '{2}'"), r.band, r.points, band));
  }
}

}  // namespace

std::string questions_of_an_unnamed_bank(const ResultRecord& r, const CurrentQuiz& q) {
  // No ids known for today's bank (a quiz has at least one question): nothing to compare.
  if (r.kind != QuizKind::quiz || r.source != RecordSource::json || !r.quiz_version.empty() || q.questions.empty()) {
    return {};
  }
  return unknown_questions(r, q, false);
}

std::vector<std::string> differences_from_quiz(const ResultRecord& r, const CurrentQuiz& q) {
  std::vector<std::string> out;
  if (r.kind != q.kind) {
    out.emplace_back(q.kind == QuizKind::quiz ? tr("a self-check's record where the portal has a quiz")
                                              : tr("a quiz's record where the portal has a self-check"));
    return out;
  }
  const bool same_bank = !q.version.empty() && r.quiz_version == q.version;
  if (r.kind == QuizKind::quiz) quiz_differences(r, q, same_bank, out);
  if (r.kind == QuizKind::self_check) self_check_differences(r, q, same_bank, out);
  return out;
}

}  // namespace mamori
