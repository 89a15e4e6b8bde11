// The section tree: every folder under content/ that holds pages is a section, with its
// _index.md as its page; content/ itself is the root section, whose page is the home page.
#pragma once

#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "site/site.h"

namespace mamori {

// Fills site.sections (parents before children), site.directories and site.page_by_path,
// and each page's section, from the folders under content/ (`directories`, content paths)
// and site.pages. A folder with pages but no _index.md is an error (the home page's
// missing is reported as such); a folder without pages is not a section of the tree.
// Pages and subsections are ordered by weight, then title, then path.
void build_sections(Site& site, std::vector<std::string> directories, Diagnostics& diagnostics);

}  // namespace mamori
