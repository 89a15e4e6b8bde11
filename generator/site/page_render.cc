#include "site/page_render.h"

#include <algorithm>
#include <memory>

#include "core/files.h"
#include "core/i18n.h"
#include "core/parallel.h"
#include "core/text.h"
#include "core/text_file.h"
#include "core/url.h"
#include "site/handwritten_contacts.h"
#include "site/markdown.h"
#include "site/page_view.h"
#include "site/reading_time.h"
#include "site/search_render.h"
#include "site/templates.h"

namespace mamori {
namespace {

// Where the template gets the page body: the (large) body is put in after rendering
// instead of being copied through the template engine.
constexpr std::string_view kBodyMarker = "\x01mamori-page-body\x01";

const char* template_for(PageKind kind) {
  switch (kind) {
    case PageKind::home:
      return "home";
    case PageKind::section:
      return "section";
    case PageKind::page:
      return "page";
  }
  return "page";
}

struct PageResult {
  std::vector<Diagnostic> diagnostics;
  std::vector<LinkOccurrence> links;  // external links (web, mailto, tel)
  std::vector<std::string> heading_ids;
  std::vector<PendingAnchor> pending;
  size_t text_length = 0;  // characters of the body's text (reading_time.h)
  SearchDocument search;   // what the search index holds of the page (when rendered)
  bool rendered = false;
};

// What rendering one page needs.
struct PageJob {
  const Site& site;
  PageId id;
  TemplateEngine& engine;
  const Date& today;
  const Emit& emit;
  const std::vector<int>* section_minutes;  // reading time per section, for the home page; else null
  SearchIndexWriter* search;                // the search index, or null
  size_t search_number;                     // the page's number in the index
};

// The page's template with the body in place. Templates were checked for external
// resources when the theme was loaded; every value they insert is escaped.
Result<std::string> page_html(const PageJob& job, const RenderedMarkdown& body) {
  nlohmann::json view = page_view_without_nav(job.site, job.id, body, job.today, job.section_minutes);
  view["page"]["body"] = kBodyMarker;
  auto html = job.engine.render(template_for(job.site.page(job.id).kind), view, page_navigation(job.site, job.id));
  if (!html) return html;
  const size_t marker = html->find(kBodyMarker);
  if (marker == std::string::npos) return Error{tr("it does not show the page body ({{{page.body}}})")};
  html->replace(marker, kBodyMarker.size(), body.html);
  return html;
}

// Puts a rendered body into the page's template and emits the page.
void emit_page(const PageJob& job, const RenderedMarkdown& body, PageResult& result) {
  const Page& page = job.site.page(job.id);
  const auto html = page_html(job, body);
  if (!html) {
    result.diagnostics.push_back(
        error_at(0, 0, format(tr("template '{0}' failed: {1}"), template_for(page.kind), html.error().message)));
    return;
  }
  if (auto written = job.emit(page.source, page.output, *html); !written) {
    result.diagnostics.push_back(error_at(0, 0, written.error().message));
  } else {
    result.rendered = true;
  }
}

// The Markdown body of a page's text: what follows the front matter.
std::string_view body_of(std::string_view text, const Page& page) {
  size_t body_start = 0;
  for (int line = 1; line < page.body_first_line && body_start < text.size(); ++line) {
    const size_t nl = text.find('\n', body_start);
    body_start = nl == std::string_view::npos ? text.size() : nl + 1;
  }
  return text.substr(body_start);
}

// Keeps what the build needs of a rendered body: its external links, heading ids, links
// to headings of other pages and problems.
void take_rendered(RenderedMarkdown& body, PageResult& result) {
  result.pending = std::move(body.pending);
  for (auto& link : body.links) {
    const UrlKind kind = classify_url(link.url);
    if (kind == UrlKind::web || kind == UrlKind::contact) result.links.push_back(std::move(link));
  }
  for (const auto& h : body.headings) result.heading_ids.push_back(h.id);
  result.diagnostics = std::move(body.diagnostics);
  result.text_length = text_length(body.html);
}

// Reads and renders one page (diagnostics without the path; render_page adds it).
PageResult render_page_body(const PageJob& job, const ReservedIds& reserved_ids) {
  PageResult result;
  const Page& page = job.site.page(job.id);
  // Read through the descriptor check: a symlink swapped in after loading cannot lead out.
  auto read = read_file_inside(job.site.content, page.content_path);
  if (!read) {
    result.diagnostics.push_back(error_at(0, 0, read.error().message));
    return result;
  }
  const auto text = check_text_file(*read, result.diagnostics, TextFileKind::page);
  if (!text) return result;
  const SiteLinkResolver resolver(job.site, page);
  RenderedMarkdown body = render_markdown(body_of(*text, page), page.body_first_line, resolver, reserved_ids);
  take_rendered(body, result);
  const ContactTable* table = job.site.contacts ? &*job.site.contacts : nullptr;  // numbers by hand: a warning
  for (auto& w : handwritten_contact_warnings(*text, content_source(dirname(page.content_path)), table)) {
    result.diagnostics.push_back(std::move(w));
  }
  if (page.meta.reviewed && page.meta.reviewed->value > job.today) {
    result.diagnostics.push_back(
        warning_at(page.meta.reviewed->line, page.meta.reviewed->column,
                   format(tr("'reviewed' date {0} is in the future"), to_iso(page.meta.reviewed->value))));
  }
  emit_page(job, body, result);
  if (job.search != nullptr) result.search = page_search_document(job.site, page, body.html);
  attach_source_lines(result.diagnostics, *text);
  return result;
}

// Renders one page and hands the HTML to `emit`. Reads the file again: the model keeps
// no bodies, so memory does not grow with the site. Every diagnostic carries the page's path.
PageResult render_page(const PageJob& job, const ReservedIds& reserved_ids) {
  PageResult result = render_page_body(job, reserved_ids);
  for (auto& d : result.diagnostics) d.path = job.site.page(job.id).source;
  // Every page takes its number, also one that failed: the index needs them all.
  if (job.search != nullptr) {
    PreparedDocument prepared = prepare_search_document(std::move(result.search));
    if (prepared.cut) {
      result.diagnostics.push_back(
          warning_at(0, 0,
                     format(tr("the site search holds only the first {0} KiB of this page's text: split the page "
                               "so readers find the rest"),
                            kMaxSearchText >> 10)));
      result.diagnostics.back().path = job.site.page(job.id).source;
    }
    job.search->add(job.search_number, std::move(prepared));
  }
  return result;
}

// Renders every page in parallel, each worker with its own template engine. The home page
// comes last: it shows each section's reading time, known once the sections are rendered.
std::vector<PageResult> render_all(const BuildRun& run, int jobs) {
  const size_t count = run.site.pages.size();
  std::vector<PageResult> results(count);
  std::vector<PageId> first;  // every page but the home page
  std::vector<PageId> last;
  for (size_t i = 0; i < count; ++i) (run.site.pages[i].kind == PageKind::home ? last : first).push_back(PageId{i});
  const int workers = std::max(1, std::min<int>(jobs, static_cast<int>(std::max<size_t>(first.size(), 1))));
  std::vector<std::unique_ptr<TemplateEngine>> engines;
  engines.reserve(static_cast<size_t>(workers));
  for (int w = 0; w < workers; ++w) engines.push_back(std::make_unique<TemplateEngine>(run.theme));
  parallel_for(first.size(), workers, [&](size_t i, int worker) {
    const PageJob job{run.site,   first[i], *engines[static_cast<size_t>(worker)], run.today, run.emit, nullptr,
                      run.search, i};
    results[index_of(first[i])] = render_page(job, run.theme.reserved_ids);
  });
  std::vector<size_t> lengths(count);
  for (size_t i = 0; i < count; ++i) lengths[i] = results[i].text_length;
  const std::vector<int> minutes = section_reading_minutes(run.site, lengths);
  for (size_t i = 0; i < last.size(); ++i) {
    const PageId id = last[i];
    const PageJob job{run.site, id, *engines[0], run.today, run.emit, &minutes, run.search, first.size() + i};
    results[index_of(id)] = render_page(job, run.theme.reserved_ids);
  }
  return results;
}

// Links from page `id` to headings that do not exist on their pages.
std::vector<Diagnostic> missing_anchors(const Site& site, PageId id, const std::vector<PendingAnchor>& pending,
                                        const HeadingIds& ids) {
  auto problems = check_anchors(site, pending, ids);
  const Page& page = site.page(id);
  for (auto& d : problems) d.path = page.source;
  if (!problems.empty()) {  // the caret lines: read the page again only when needed
    auto read = read_file_inside(site.content, page.content_path);
    if (read) attach_source_lines(problems, strip_bom(*read));
  }
  return problems;
}

}  // namespace

HeadingIds render_pages(BuildRun& run, int jobs) {
  const Site& site = run.site;
  std::vector<PageResult> results = render_all(run, jobs);
  HeadingIds ids(results.size());
  for (size_t i = 0; i < results.size(); ++i) {
    const Page& page = site.pages[i];
    for (const auto& source : page.meta.sources) run.citations.cite(source.value, page.source, source.line);
    for (const auto& link : results[i].links) run.citations.cite(link.url, page.source, link.line);
    run.report.diagnostics.add_all(std::move(results[i].diagnostics));
    ids[i] = std::move(results[i].heading_ids);
    if (results[i].rendered) ++run.report.pages;
  }
  for (size_t i = 0; i < results.size(); ++i) {
    run.report.diagnostics.add_all(missing_anchors(site, PageId{i}, results[i].pending, ids));
  }
  return ids;
}

}  // namespace mamori
