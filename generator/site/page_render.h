// Rendering the pages of a site: Markdown body, template, output file.
#pragma once

#include "site/build_run.h"
#include "site/page_links.h"

namespace mamori {

// Renders every page on up to `jobs` threads, each with its own template engine, and emits
// it; adds the pages' diagnostics and cited links to the run, and counts the pages
// rendered. Links to headings of other pages are checked once all are rendered. Returns
// the heading ids of every page (for the quizzes' anchor checks).
HeadingIds render_pages(BuildRun& run, int jobs);

}  // namespace mamori
