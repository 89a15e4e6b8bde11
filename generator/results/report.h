// The completion report in the forms HR uses: a summary on the terminal, JSON for scripts
// (docs/results.md describes it), and a static HTML page that works from file:// and prints
// on A4. Every name and text from a result file is untrusted: the text form makes it
// printable, the HTML form escapes it, and nothing in the page runs.
#pragma once

#include <string>

#include "results/completion.h"

namespace mamori {

// How a person stands on one quiz, the same in every report: a quiz is 合格, 未合格 (taken
// without a pass) or 未受講; a self-check is 受講 (taken) or 未受講 — never 合格 or 未合格.
enum class Standing { passed, not_passed, taken, not_taken };
Standing standing_of(const Completion& c, const std::string& quiz, const QuizStanding* s);
std::string standing_word(Standing standing);  // 合格, 未合格, 受講, 未受講

// The standing of person `p` on `quiz` (not taken when there is no attempt).
Standing standing_of(const Completion& c, const PersonStanding& p, const std::string& quiz);

// Who still has to do what: a person on the roster (or, without one, anyone found) with a
// quiz not passed — never taken (未受講) or taken without a pass (未合格) — or a self-check
// not taken (未受講).
struct Outstanding {
  const PersonStanding* person = nullptr;
  std::vector<std::string> not_taken;   // quiz and self-check ids
  std::vector<std::string> not_passed;  // quiz ids (a self-check taken is done)
};
std::vector<Outstanding> outstanding(const Completion& c, bool roster_only);

// How many people (on the roster, when roster_only) are done with `quiz`: passed it, or
// took it when it is a self-check.
int done_count(const Completion& c, const std::string& quiz, bool roster_only);

std::string completion_text(const Completion& c, bool have_roster);
std::string completion_json(const Completion& c, bool have_roster);
std::string completion_html(const Completion& c, bool have_roster, const std::string& generated_on);

}  // namespace mamori
