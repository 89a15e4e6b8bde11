#include "site/search_render.h"

#include "core/i18n.h"
#include "core/url.h"
#include "search/html_text.h"
#include "site/page_view.h"
#include "site/paths.h"
#include "site/templates.h"

namespace mamori {
namespace {

using json = nlohmann::json;

// The anchor of the section that lists the contact table (contacts-table.mustache).
constexpr std::string_view kContactsAnchor = "m-contacts";

// The title a page's section shows above it in results: its section's page, unless that
// is the page itself (a section's own page, the home page).
std::string section_title(const Site& site, const Page& page) {
  const auto index = site.section(page.section).index_page;
  if (!index || &site.page(*index) == &page) return "";
  return site.page(*index).meta.title;
}

// The contact table as one document: a block per group of the table, on the first page
// that shows it. None when no page does.
std::optional<SearchDocument> contacts_document(const Site& site) {
  if (!site.contacts) return std::nullopt;
  for (const auto& page : site.pages) {
    if (!page.meta.contacts || !page.meta.contacts->value) continue;
    SearchDocument document{encode_path(page.output), "相談先一覧", page.meta.title, {}};
    for (const auto& contact : site.contacts->contacts) {
      if (document.blocks.empty() || document.blocks.back().heading != contact.group) {
        document.blocks.push_back(SearchBlock{std::string(kContactsAnchor), contact.group, ""});
      }
      std::string& text = document.blocks.back().text;
      for (const std::string* field :
           {&contact.topic, &contact.organization, &contact.phone, &contact.email, &contact.note}) {
        if (field->empty()) continue;
        if (!text.empty()) text += ' ';
        text += *field;
      }
    }
    return document;
  }
  return std::nullopt;
}

// A quiz as a document: its title and description, never its questions.
SearchDocument quiz_document(const Quiz& quiz) {
  return SearchDocument{
      encode_path(quiz_output(quiz.id)), quiz.title, "理解度チェック", {SearchBlock{"", "", quiz.description}}};
}

json all_pages_view(const Site& site) {
  json view = base_view(site, std::string(kAllPagesPath), "");
  view["page"] = json{{"title", "すべてのページ"}};
  json sections = json::array();
  for (const PageId id : site.reading_order()) {
    const Page& page = site.page(id);
    if (page.kind != PageKind::page || sections.empty()) {
      sections.push_back(
          json{{"title", page.meta.title}, {"href", encode_path(page.output)}, {"pages", json::array()}});
      if (page.kind != PageKind::page) continue;
    }
    sections.back()["pages"].push_back(json{{"title", page.meta.title}, {"href", encode_path(page.output)}});
  }
  view["sections"] = std::move(sections);
  return view;
}

json search_page_view(const Site& site) {
  json view = base_view(site, std::string(kSearchPagePath), "");
  view["page"] = json{{"title", "サイト内検索"}};
  view["is_search"] = true;
  view["pages_href"] = std::string(kAllPagesPath);
  return view;
}

// Renders one of the search's pages; a theme without the template, or one that fails, is
// an error at the template.
void render_search_page(BuildRun& run, TemplateEngine& engine, const char* name, std::string_view output,
                        const json& view) {
  if (!run.theme.templates.contains(name)) {
    run.report.diagnostics.error(template_path(run.theme, name), 0, 0,
                                 format(tr("the theme has no '{0}' template, needed for the search"), name));
    return;
  }
  auto html = engine.render(name, view);
  if (!html) {
    run.report.diagnostics.error(template_path(run.theme, name), 0, 0,
                                 format(tr("template '{0}' failed: {1}"), name, html.error().message));
    return;
  }
  if (auto e = run.emit(std::string(kGeneratorSource), std::string(output), *html); !e) {
    run.report.diagnostics.add(error_at(0, 0, e.error().message));
  }
}

}  // namespace

bool theme_has_search(const Theme& theme) {
  return theme.templates.contains("search");
}

SearchDocument page_search_document(const Site& site, const Page& page, const std::string& body_html) {
  // The URL as an href writes it: a ':' in a file name must not read as a scheme (search.js
  // drops such a document), nor a '%' as an escape.
  SearchDocument document{encode_path(page.output), page.meta.title, section_title(site, page),
                          html_text_blocks(body_html)};
  if (!page.meta.description.empty()) {
    if (document.blocks.empty() || !document.blocks.front().anchor.empty()) {
      document.blocks.insert(document.blocks.begin(), SearchBlock{});
    }
    std::string& text = document.blocks.front().text;
    text = text.empty() ? page.meta.description : page.meta.description + " " + text;
  }
  return document;
}

void finish_search(BuildRun& run, SearchIndexWriter& index, size_t next, int jobs) {
  if (auto contacts = contacts_document(run.site)) index.add(next++, prepare_search_document(std::move(*contacts)));
  for (const auto& quiz : run.site.quizzes) index.add(next++, prepare_search_document(quiz_document(quiz)));
  index.finish(jobs);
  TemplateEngine engine(run.theme);
  render_search_page(run, engine, "search", kSearchPagePath, search_page_view(run.site));
  render_search_page(run, engine, "pages", kAllPagesPath, all_pages_view(run.site));
}

}  // namespace mamori
