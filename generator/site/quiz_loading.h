// Loading quizzes/*.toml into the site model, and checking the pages that name a quiz.
#pragma once

#include "core/diagnostic.h"
#include "site/site.h"

namespace mamori {

// Reads every quizzes/ID.toml of the project at site.root (in name order) into
// site.quiz_ids and site.quizzes (those that could be read). A quiz that is a symlink out of
// quizzes/ is refused; a quizzes/ folder that exists but cannot be listed is an error. Then
// a page whose front matter names a quiz that does not exist is an error.
void load_quizzes(Site& site, Diagnostics& diagnostics);

}  // namespace mamori
