// The site search (docs/search.md): what the build gives the index of pages, the contact
// table and the quizzes, and the two pages of the search, search.html and pages.html.
#pragma once

#include <string>

#include "search/document.h"
#include "search/index_writer.h"
#include "site/build_run.h"

namespace mamori {

// The site's search page and its list of every page (what the search page offers readers
// without JavaScript). The loader reserves them for the generator.
inline constexpr std::string_view kSearchPagePath = "search.html";
inline constexpr std::string_view kAllPagesPath = "pages.html";

// Whether a build with this theme makes a search: the theme has a 'search' template.
bool theme_has_search(const Theme& theme);

// The search document of a page whose body rendered to `body_html`.
SearchDocument page_search_document(const Site& site, const Page& page, const std::string& body_html);

// Adds the contact table and the quizzes to `index` as documents `next`, next + 1, …,
// finishes the index and renders search.html and pages.html. Errors go to the report.
void finish_search(BuildRun& run, SearchIndexWriter& index, size_t next, int jobs);

}  // namespace mamori
