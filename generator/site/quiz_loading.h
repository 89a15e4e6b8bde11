// Loading quizzes/*.toml into the site model, and checking the pages that name a quiz.
#pragma once

#include "core/diagnostic.h"
#include "site/site.h"

namespace mamori {

// Reads every quizzes/ID.toml of the project at site.root into site.quiz_ids and
// site.quizzes (those that could be read), in section order: by the navigation's order of
// their `section` (a top-level folder of content/: needs the sections built), then by id,
// those without one last. A section that is not a top-level folder of content/ is an error.
// A quiz that is a symlink out of quizzes/ is refused; a quizzes/ folder that exists but
// cannot be listed is an error. Then a page whose front matter names a quiz that does not
// exist is an error.
void load_quizzes(Site& site, Diagnostics& diagnostics);

}  // namespace mamori
