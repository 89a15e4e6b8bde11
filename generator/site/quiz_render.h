// Rendering the quiz pages and their index.
#pragma once

#include "site/build_run.h"
#include "site/page_links.h"

namespace mamori {

// Renders quizzes/ID.html for every quiz and quizzes/index.html, and emits them. A quiz's
// `source` headings are checked against `ids` (every page's heading ids). A theme without
// the quiz templates, a template that fails and a file that cannot be written are errors.
void render_quizzes(BuildRun& run, const HeadingIds& ids);

}  // namespace mamori
