#include "quiz/bank_patterns.h"

#include <algorithm>
#include <map>

#include "core/i18n.h"
#include "core/text.h"

namespace mamori {

std::string plain_text_of(std::string_view markdown) {
  constexpr std::string_view kMarks = "[]*_`~\\";
  std::string out;
  bool space = false;
  for (size_t i = 0; i < markdown.size(); ++i) {
    const char c = markdown[i];
    if (c == ']' && i + 1 < markdown.size() && markdown[i + 1] == '(') {
      // A link's target is not read: "[text](url)" counts as "text".
      if (const size_t close = markdown.find(')', i + 2); close != std::string_view::npos) {
        i = close;
        continue;
      }
    }
    if (kMarks.find(c) != std::string_view::npos) continue;
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return nfc(out);
}

namespace {

std::string question_name(const Question& question) {
  return format(tr("question '{0}'"), question.id);
}

// Over 75% of the true/false answers the same: guessing that one passes.
void warn_lean(const Quiz& quiz, std::vector<Diagnostic>& out) {
  size_t count = 0;
  size_t trues = 0;
  int line = 0;
  for (const auto& question : quiz.questions) {
    if (question.type != QuestionType::true_false) continue;
    if (count++ == 0) line = question.line;
    if (question.answer) ++trues;
  }
  if (count < kMinTrueFalseForLean) return;
  const size_t majority = std::max(trues, count - trues);
  if (majority * 4 <= count * 3) return;
  const std::string way = trues > count - trues ? "true" : "false";
  out.push_back(warning_at(
      line, 1,
      format(tr("true/false answers lean one way: {0} of {1} are '{2}'; balance them so a guess does not pass"),
             majority, count, way)));
}

// True when the correct choice is longer than every other choice.
bool correct_is_longest(const Question& question) {
  size_t correct = 0;
  size_t longest_other = 0;
  bool found = false;
  for (const auto& choice : question.choices) {
    const size_t length = count_code_points(plain_text_of(choice.text));
    if (choice.correct) {
      correct = length;
      found = true;
    } else {
      longest_other = std::max(longest_other, length);
    }
  }
  return found && correct > longest_other;
}

// The longest choice being the correct one in most single-choice questions.
void warn_longest(const Quiz& quiz, std::vector<Diagnostic>& out) {
  size_t count = 0;
  size_t longest = 0;
  int line = 0;
  for (const auto& question : quiz.questions) {
    if (question.type != QuestionType::single) continue;
    ++count;
    if (!correct_is_longest(question)) continue;
    if (longest++ == 0) line = question.line;
  }
  if (count < kMinSingleForLongest || longest * 2 <= count) return;
  out.push_back(warning_at(line, 1,
                           format(tr("the correct choice is the longest in {0} of {1} single-choice questions; write "
                                     "other choices of similar length so the longest is not a safe guess"),
                                  longest, count)));
}

// A choice that is word for word another question's correct answer, at the choice.
void warn_repeats(const Quiz& quiz, std::vector<Diagnostic>& out) {
  std::map<std::string, std::vector<const Question*>> answers;  // text → questions it answers
  for (const auto& question : quiz.questions) {
    for (const auto& choice : question.choices) {
      if (!choice.correct) continue;
      auto& owners = answers[plain_text_of(choice.text)];
      if (owners.empty() || owners.back() != &question) owners.push_back(&question);
    }
  }
  for (const auto& question : quiz.questions) {
    for (const auto& choice : question.choices) {
      const std::string text = plain_text_of(choice.text);
      const auto found = answers.find(text);
      if (text.empty() || found == answers.end()) continue;
      const auto other =
          std::find_if(found->second.begin(), found->second.end(), [&](const Question* q) { return q != &question; });
      if (other == found->second.end()) continue;
      out.push_back(warning_at(choice.text_at.line, choice.text_at.column,
                               format(tr("{0}: this choice repeats the correct answer of {1} word for word; reword "
                                         "one of them so one question does not give the other's answer away"),
                                      question_name(question), question_name(**other))));
    }
  }
}

}  // namespace

std::vector<Diagnostic> bank_pattern_warnings(const Quiz& quiz) {
  std::vector<Diagnostic> out;
  if (quiz.type == QuizType::self_check) return out;
  warn_lean(quiz, out);
  warn_longest(quiz, out);
  warn_repeats(quiz, out);
  return out;
}

}  // namespace mamori
