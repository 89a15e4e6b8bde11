// The completion report in the forms HR uses: a summary on the terminal, JSON for scripts
// (docs/results.md describes it), and a static HTML page that works from file:// and prints
// on A4. Every name and text from a result file is untrusted: the text form makes it
// printable, the HTML form escapes it, and nothing in the page runs.
#pragma once

#include <string>

#include "results/completion.h"

namespace mamori {

// Who still has to pass what: a person on the roster (or, without one, anyone found) with
// a quiz not passed — never taken (未受講) or taken without a pass (未合格).
struct Outstanding {
  const PersonStanding* person = nullptr;
  std::vector<std::string> not_taken;   // quiz ids
  std::vector<std::string> not_passed;  // quiz ids
};
std::vector<Outstanding> outstanding(const Completion& c, bool roster_only);

std::string completion_text(const Completion& c, bool have_roster);
std::string completion_json(const Completion& c, bool have_roster);
std::string completion_html(const Completion& c, bool have_roster, const std::string& generated_on);

}  // namespace mamori
