// The view models templates are rendered with: what a page shows, as JSON.
//
// Every URL in a view is relative to the page being rendered (see url.h), so the built
// site works from file://, a file share and any sub-path of a web server.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "core/date.h"
#include "site/markdown.h"
#include "site/shared_blocks.h"
#include "site/site.h"

namespace mamori {

// The Content-Security-Policy every page carries: only the site's own files.
extern const char* const kContentSecurityPolicy;

// What every page's view holds: language, CSP, site settings, paths to the root and the
// assets, the navigation (marking the entry whose page is `current_nav`), and [training]
// as flat keys, each only when configured: training_deadline ("2026-12-25"),
// training_deadline_text ("2026年12月25日"), training_organisation, training_hand_in.
nlohmann::json base_view(const Site& site, const std::string& output, const std::string& current_nav);

// The view for page `id` of `site`, with its rendered body and headings. With
// `section_minutes` (reading time per section, reading_time.h), the sections it lists
// carry `reading_minutes` and the view `reading_rate` (characters a minute).
nlohmann::json page_view(const Site& site, PageId id, const RenderedMarkdown& body, const Date& today,
                         const std::vector<int>* section_minutes = nullptr);

// page_view without "nav": the page's navigation is rendered from page_navigation.
nlohmann::json page_view_without_nav(const Site& site, PageId id, const RenderedMarkdown& body, const Date& today,
                                     const std::vector<int>* section_minutes = nullptr);

// The navigation list ("nav", items {title, href, current}) and the names whose values in
// a page view depend only on the page's folder: every key base_view sets besides "nav" and
// "quizzes_nav" (root, assets, site, the [training] keys, …; one table in page_view.cc
// sets them and lists them here), and is_search and is_quiz_index, which page views never hold.
const ListShape& navigation_shape();

// The navigation of page `id` as a list shared by every page in the same folder whose
// navigation marks the same entry: the key is the folder and that entry.
SharedList page_navigation(const Site& site, PageId id);

// sitemap.xml for every page (absolute URLs when base_url is set).
std::string sitemap_xml(const Site& site);

}  // namespace mamori
