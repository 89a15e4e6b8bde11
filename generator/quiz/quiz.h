// Quizzes (quizzes/ID.toml): question banks employees answer offline, and self-checks.
//
//   title = "接近手口を見抜く"
//   description = "…"
//   type = "quiz"            # or "self_check" (answered and scored as kSelfCheckOptions says)
//   pass_mark = 80           # percent (quiz only)
//   shuffle = true           # shuffle questions and choices
//   draw = 5                 # optional: questions drawn from the pool per attempt
//   section = "cyber"        # optional: the top-level folder of content/ it belongs to
//
//   [[questions]]
//   id = "sns"               # ASCII, unique in the quiz
//   type = "single"          # single | multiple | true_false (quiz); absent in a self-check
//   text = "…"               # Markdown
//   explanation = "…"        # Markdown, shown after answering
//   source = "../content/approaches/warning-signs.md#sns"
//   answer = true            # true_false only
//     [[questions.choices]]
//     text = "…"
//     correct = true
//     feedback = "…"         # optional, shown when this choice was picked
//
//   [[bands]]                # self_check only: advice by total score
//   min = 0                  # from this total up to the next band's min
//   label = "…"
//   advice = "…"             # Markdown
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/located.h"

namespace mamori {

enum class QuizType { quiz, self_check };
enum class QuestionType { single, multiple, true_false, self_check };

// Where a Markdown value's text starts in the quiz file, for its diagnostics: the line and
// column (code points) of its first character, after the opening quotes and after the line
// break TOML drops right after """ or '''. A later line of a multi-line string is the file's
// line; an escape sequence (\t, \u3042) shifts the columns after it on its line.
struct TextStart {
  int line = 0;
  int column = 1;
};

struct Choice {
  std::string text;  // Markdown
  bool correct = false;
  std::string feedback;  // Markdown
  int line = 0;          // where the choice starts
  TextStart text_at;     // where each Markdown value's text starts
  TextStart feedback_at;
};

struct Question {
  std::string id;
  QuestionType type = QuestionType::single;
  std::string text;             // Markdown
  std::string explanation;      // Markdown
  Located<std::string> source;  // as written: "../content/x.md#heading"; value empty when absent
  std::vector<Choice> choices;
  bool answer = false;  // true_false
  int line = 0;         // where the question starts
  TextStart text_at;    // where each Markdown value's text starts
  TextStart explanation_at;
};

struct Band {
  int64_t min = 0;
  std::string label;
  std::string advice;  // Markdown
  int line = 0;        // where min is written
  int column = 0;
  TextStart advice_at;  // where advice's text starts
};

struct Quiz {
  std::string id;    // the file name without .toml
  std::string file;  // "quizzes/ID.toml", for diagnostics
  std::string title;
  std::string description;
  QuizType type = QuizType::quiz;
  int64_t pass_mark = 80;
  bool shuffle = true;
  std::optional<int64_t> draw;
  std::vector<Question> questions;
  std::vector<Band> bands;  // sorted by min
  // A top-level folder of content/ ("cyber"), as written; value empty when absent. The
  // loader checks it against the site (site/quiz_loading.cc) and orders quizzes by it.
  Located<std::string> section;
  // The version of the question bank: 16 hex digits of the FNV-1a hash of the file's text.
  // Result files carry it, so HR can tell which bank an employee answered (results/).
  std::string version;
};

// quiz.version for the text of quizzes/ID.toml (line endings and a BOM do not count).
std::string question_bank_version(std::string_view toml);

// The answers of a self-check and their points: the one definition of the scale. The quiz
// page sends it to the theme's quiz.js in its JSON (site/quiz_page.cc), so nothing else
// writes these numbers down.
struct SelfCheckOption {
  std::string_view label;
  int score;
};
inline constexpr std::array<SelfCheckOption, 4> kSelfCheckOptions = {{
    {"実施している", 4},
    {"一部実施している", 2},
    {"実施していない", 0},
    {"わからない", -1},
}};
std::span<const SelfCheckOption> self_check_options();

// The lowest and the highest total a self-check with `questions` questions can score
// (every answer the lowest or the highest option).
int64_t self_check_lowest_total(size_t questions);
int64_t self_check_highest_total(size_t questions);

// Parses and validates quizzes/ID.toml. Problems go to `out` with file positions.
Quiz parse_quiz(std::string_view id, std::string_view toml, std::vector<Diagnostic>& out);

// Whether a quiz id is usable as a file and URL name: ASCII letters, digits, '-', '_'.
bool is_valid_quiz_id(std::string_view id);

}  // namespace mamori
