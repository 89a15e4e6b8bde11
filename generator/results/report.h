// The completion report in the forms HR uses: a summary on the terminal, JSON for scripts
// (docs/results.md describes it), and a static HTML page that works from file:// and prints
// on A4. Every name and text from a result file is untrusted: the text form makes it
// printable, the HTML form escapes it, and nothing in the page runs.
#pragma once

#include <string>
#include <vector>

#include "results/completion.h"

namespace mamori {

// How a person stands on one quiz, the same in every report: a quiz is 合格, 未合格 (taken
// without a pass) or 未受講; a self-check is 受講 (taken) or 未受講 — never 合格 or 未合格.
enum class Standing { passed, not_passed, taken, not_taken };
Standing standing_of(const Completion& c, const std::string& quiz, const QuizStanding* s);
std::string standing_word(Standing standing);  // 合格, 未合格, 受講, 未受講

// The standing of person `p` on `quiz` (not taken when there is no attempt).
Standing standing_of(const Completion& c, const PersonStanding& p, const std::string& quiz);

// Every quiz of `c` in the order every report lists them: the portal's (by section, as on
// the quizzes index), then quizzes the portal does not place, by id.
std::vector<std::string> portal_order(const Completion& c);

// The quizzes of one kind (scored quizzes or self-checks), in portal_order.
std::vector<std::string> quiz_order(const Completion& c, QuizKind kind);

// Who still has to do what: a person on the roster (or, without one, anyone found) with a
// scored quiz never taken (未受講) or taken without a pass (未合格). Self-checks are optional
// (some are meant for managers only): they never make a person outstanding.
struct Outstanding {
  size_t person = 0;                    // its index in Completion::people
  std::vector<std::string> not_taken;   // quiz ids, in quiz_order
  std::vector<std::string> not_passed;  // quiz ids, in quiz_order
};
std::vector<Outstanding> outstanding(const Completion& c, bool roster_only);

// How many people (on the roster, when roster_only) are done with `quiz`: passed it, or
// took it when it is a self-check.
int done_count(const Completion& c, const std::string& quiz, bool roster_only);

// The questions worth a look, for the item analysis: only those answered wrongly at least
// once. `ranked` were answered at least kItemMinAnswers times, so their share wrong means
// something, and go by share wrong, then by how many answered wrongly; `few` were answered
// fewer times (shown as 参考) and go by how many answered wrongly, then by share. Answers
// are counted per attempt, so a retake counts again.
inline constexpr int kItemMinAnswers = 5;
struct WrongItems {
  std::vector<const ItemStats*> ranked;
  std::vector<const ItemStats*> few;
};
WrongItems wrong_items(const Completion& c);

std::string completion_text(const Completion& c, bool have_roster);
std::string completion_json(const Completion& c, bool have_roster);
std::string completion_html(const Completion& c, bool have_roster, const std::string& generated_on);

}  // namespace mamori
