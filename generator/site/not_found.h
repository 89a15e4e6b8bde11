// The 404 page. A web server may serve 404.html for a missing URL at any depth
// (/portal/cyber/old/page.html), where links written relative to the site root and a linked
// stylesheet would lead nowhere. So, without any setting:
//
//  - the theme's stylesheet (assets/style.css) is in the page (`inline_style`), allowed by
//    its hash in the page's Content-Security-Policy (never 'unsafe-inline');
//  - with base_url set, every link is absolute and there is no script;
//  - without it, links are written relative to the site root (right where 404.html is
//    opened at the root, and what a reader without scripts gets), and a small script
//    (`inline_script`, also allowed by its hash) finds the site root in location.pathname:
//    the part before the first segment that is a top-level folder of the site (a section,
//    quizzes/, assets/), or else the folder of the missing path. It points every link with
//    a data-site-path attribute (the path from the root) there.
//
// The template puts inline_style and inline_script verbatim inside <style> and <script>
// (the hashes cover exactly that text; the build checks it). Relative url()s in the
// stylesheet would load relative to the missing URL: the default theme has none.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "site/site.h"

namespace mamori {

// The view of 404.html: what every page's view holds, the home page, the top-level
// sections and the quizzes index as {href, path}, with `csp` allowing the inline style and
// script by hash. `stylesheet` is the theme's assets/style.css ("": none).
nlohmann::json not_found_view(const Site& site, std::string_view stylesheet);

// The folders at the top of the built site: the sections', quizzes/ (when there are
// quizzes) and assets/. The script recognises the site root by them.
std::vector<std::string> top_level_folders(const Site& site);

// The script that points the links at the site root, for these folders.
std::string not_found_script(const std::vector<std::string>& folders);

}  // namespace mamori
