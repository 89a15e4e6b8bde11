#include "build.h"

#include <atomic>
#include <map>
#include <mutex>

#include "build_state.h"
#include "content_loader.h"
#include "files.h"
#include "link_resolver.h"
#include "markdown.h"
#include "output_tree.h"
#include "page_view.h"
#include "parallel.h"
#include "quiz_page.h"
#include "template_engine.h"
#include "text.h"
#include "theme.h"
#include "url.h"

namespace fs = std::filesystem;

namespace mamori {

int BuildReport::exit_status() const {
  if (environment_error) return 2;
  return diagnostics.has_errors() ? 1 : 0;
}

namespace {

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
  bool rendered = false;
};

// Renders one page and hands the HTML to `emit`. Reads the file again: the model keeps
// no bodies, so memory does not grow with the site.
PageResult render_page(const Site& site, int index, TemplateEngine& engine, const Date& today,
                       const std::function<std::optional<std::string>(const std::string&, const std::string&)>& emit) {
  PageResult result;
  const Page& page = site.pages[static_cast<size_t>(index)];
  auto read = read_file(page.file);
  if (auto* error = std::get_if<FileError>(&read)) {
    result.diagnostics.push_back(error_at(0, 0, error->message));
    return result;
  }
  const std::string& bytes = std::get<std::string>(read);
  const auto text = check_text_file(bytes, result.diagnostics);
  if (!text) return result;
  size_t body_start = 0;
  for (int line = 1; line < page.body_first_line && body_start < text->size(); ++line) {
    const size_t nl = text->find('\n', body_start);
    body_start = nl == std::string_view::npos ? text->size() : nl + 1;
  }
  const SiteLinkResolver resolver(site, page);
  RenderedMarkdown body = render_markdown(text->substr(body_start), page.body_first_line, resolver);
  result.pending = resolver.pending();
  for (auto& link : body.links) {
    const UrlKind kind = classify_url(link.url);
    if (kind == UrlKind::web || kind == UrlKind::contact) result.links.push_back(std::move(link));
  }
  for (const auto& h : body.headings) result.heading_ids.push_back(h.id);
  result.diagnostics = std::move(body.diagnostics);

  if (page.meta.reviewed && page.meta.reviewed->value > today) {
    result.diagnostics.push_back(
        warning_at(page.meta.reviewed->line, page.meta.reviewed->column,
                   "'reviewed' date " + to_iso(page.meta.reviewed->value) + " is in the future"));
  }

  // The template gets a marker where the body goes, so the (large) body is not copied
  // through the template engine. Templates were checked for external resources when the
  // theme was loaded; every value they insert is escaped.
  nlohmann::json view = page_view(site, index, body, today);
  view["page"]["body"] = kBodyMarker;
  std::string error;
  auto html = engine.render(template_for(page.kind), view, error);
  const size_t marker = html ? html->find(kBodyMarker) : std::string::npos;
  if (html && marker == std::string::npos) {
    html.reset();
    error = "it does not show the page body ({{{page.body}}})";
  }
  if (!html) {
    result.diagnostics.push_back(
        error_at(0, 0, "template '" + std::string(template_for(page.kind)) + "' failed: " + error));
  } else {
    html->replace(marker, kBodyMarker.size(), body.html);
    if (auto write_error = emit(page.output, *html)) {
      result.diagnostics.push_back(error_at(0, 0, *write_error));
    } else {
      result.rendered = true;
    }
  }
  attach_source_lines(result.diagnostics, *text);
  for (auto& d : result.diagnostics) d.path = page.source;
  return result;
}

}  // namespace

BuildReport build_site(const BuildOptions& options) {
  BuildReport report;
  const SystemClock system_clock;
  const Clock& clock = options.clock != nullptr ? *options.clock : system_clock;
  const Date today = clock.today();

  // Nothing changed since the last successful build into the same folder: done.
  std::string fingerprint;
  if (options.write) {
    report.out = options.out.empty() ? options.root / "site" : options.out;
    fingerprint = input_fingerprint(options.root, options.include_drafts, today);
    const auto state = read_build_state(report.out);
    if (state && state->fingerprint == fingerprint && !state->marker.empty() &&
        marker_identity(report.out) == state->marker) {
      report.up_to_date = true;
      report.pages = state->pages;
      report.earlier_warnings = state->warnings;
      return report;
    }
  }

  auto loaded = load_site(options.root, LoadOptions{options.include_drafts, options.jobs}, report.diagnostics);
  if (auto* failure = std::get_if<LoadFailure>(&loaded)) {
    report.environment_error = failure->message;
    return report;
  }
  const Site& site = std::get<Site>(loaded);
  report.config = site.config;
  if (site.contacts && site.contacts->reviewed) {
    // Numbers and windows change every year: an old table is worth a warning.
    const int months = months_between(*site.contacts->reviewed, today);
    if (months >= site.config.stale_after_months) {
      Diagnostic d = warning_at(site.contacts->reviewed_line, site.contacts->reviewed_column,
                                "the contact table was last reviewed on " + to_iso(*site.contacts->reviewed) + ", " +
                                    std::to_string(months) + " months ago: check every number and URL, then update " +
                                    "'reviewed'");
      d.path = "content/contacts.toml";
      report.diagnostics.add(std::move(d));
    }
  }
  auto theme_loaded = load_theme(options.root, site.config.theme, report.diagnostics);
  if (auto* failure = std::get_if<LoadFailure>(&theme_loaded)) {
    report.environment_error = failure->message;
    return report;
  }
  const Theme& theme = std::get<Theme>(theme_loaded);

  std::optional<OutputTree> tree;
  if (options.write) {
    auto opened = OutputTree::open(report.out);
    if (auto* error = std::get_if<std::string>(&opened)) {
      report.environment_error = *error;
      return report;
    }
    tree.emplace(std::move(std::get<OutputTree>(opened)));
  }
  std::atomic<int> files{0};
  auto emit = [&](const std::string& path, const std::string& content) -> std::optional<std::string> {
    if (!tree) return std::nullopt;
    ++files;
    return tree->write(path, content);
  };

  // Render every page, each worker with its own template engine.
  const size_t count = site.pages.size();
  std::vector<PageResult> results(count);
  const int workers = std::max(1, std::min<int>(options.jobs, static_cast<int>(std::max<size_t>(count, 1))));
  std::vector<std::unique_ptr<TemplateEngine>> engines;
  engines.reserve(static_cast<size_t>(workers));
  for (int w = 0; w < workers; ++w) engines.push_back(std::make_unique<TemplateEngine>(theme));
  parallel_for(count, workers, [&](size_t i, int worker) {
    results[i] = render_page(site, static_cast<int>(i), *engines[static_cast<size_t>(worker)], today, emit);
  });

  // Every cited URL with the places that cite it, in a stable order.
  std::map<std::string, size_t> link_index;
  auto cite = [&](const std::string& url, const std::string& file, int line) {
    if (!options.collect_links) return;
    const auto [it, inserted] = link_index.emplace(url, report.links.size());
    if (inserted) report.links.push_back(LinkTarget{url, {}});
    report.links[it->second].sources.push_back(LinkSource{file, line});
  };
  for (size_t i = 0; i < count; ++i) {
    const Page& page = site.pages[i];
    for (const auto& source : page.meta.sources) cite(source.value, page.source, source.line);
    for (const auto& link : results[i].links) cite(link.url, page.source, link.line);
  }
  if (site.contacts) {
    for (const auto& contact : site.contacts->contacts) {
      if (!contact.url.empty()) cite(contact.url, "content/contacts.toml", contact.url_line);
    }
  }

  std::vector<std::vector<std::string>> ids(count);
  std::vector<PendingAnchor> pending;
  for (size_t i = 0; i < count; ++i) {
    report.diagnostics.add_all(std::move(results[i].diagnostics));
    ids[i] = std::move(results[i].heading_ids);
    if (results[i].rendered) ++report.pages;
  }
  for (size_t i = 0; i < count; ++i) {
    auto problems = check_anchors(site, results[i].pending, ids);
    for (auto& d : problems) d.path = site.pages[i].source;
    if (!problems.empty()) {  // the caret lines: read the page again only when needed
      auto read = read_file(site.pages[i].file);
      if (auto* text = std::get_if<std::string>(&read)) attach_source_lines(problems, strip_bom(*text));
    }
    report.diagnostics.add_all(std::move(problems));
  }

  // Quiz pages and their index. Their sources point at headings, checked like links.
  if (!site.quizzes.empty()) {
    for (const char* name : {"quiz", "quizzes"}) {
      if (theme.templates.contains(name)) continue;
      Diagnostic d = error_at(0, 0, std::string("the theme has no '") + name + "' template, needed for quizzes/");
      d.path = "themes/" + theme.name + "/templates/" + name + ".mustache";
      report.diagnostics.add(std::move(d));
    }
    TemplateEngine engine(theme);
    for (const auto& quiz : site.quizzes) {
      RenderedQuiz rendered = quiz_view(site, quiz);
      for (const auto& link : rendered.links) {
        const UrlKind kind = classify_url(link.url);
        if (kind == UrlKind::web || kind == UrlKind::contact) cite(link.url, quiz.file, link.line);
      }
      std::vector<Diagnostic> problems = std::move(rendered.diagnostics);
      for (auto& d : check_anchors(site, rendered.pending, ids)) problems.push_back(std::move(d));
      std::string error;
      if (auto html = engine.render("quiz", rendered.view, error)) {
        if (auto e = emit(quiz_output(quiz.id), *html)) problems.push_back(error_at(0, 0, *e));
      } else if (theme.templates.contains("quiz")) {
        problems.push_back(error_at(0, 0, "template 'quiz' failed: " + error));
      }
      if (!problems.empty()) {
        auto read = read_file(site.root / quiz.file);
        if (auto* text = std::get_if<std::string>(&read)) attach_source_lines(problems, strip_bom(*text));
      }
      report.diagnostics.add_all(std::move(problems), quiz.file);
    }
    std::string error;
    if (auto html = engine.render("quizzes", quiz_index_view(site), error)) {
      if (auto e = emit(std::string(kQuizIndexPath), *html)) report.diagnostics.add(error_at(0, 0, *e));
    }
  }

  // The rest of the site: 404 page, sitemap, theme assets, content files.
  std::string error;
  if (auto html = TemplateEngine(theme).render("404", not_found_view(site), error)) {
    if (auto e = emit("404.html", *html)) report.diagnostics.add(error_at(0, 0, *e));
  } else if (theme.templates.contains("404")) {
    Diagnostic d = error_at(0, 0, "template '404' failed: " + error);
    d.path = "themes/" + theme.name + "/templates/404.mustache";
    report.diagnostics.add(std::move(d));
  }
  if (auto e = emit("sitemap.xml", sitemap_xml(site))) report.diagnostics.add(error_at(0, 0, *e));
  if (tree) {
    for (const auto& asset : theme.assets) {
      if (auto e = tree->copy(asset.output, asset.file)) report.diagnostics.add(error_at(0, 0, *e));
      ++files;
    }
    for (const auto& asset : site.assets) {
      if (auto e = tree->copy(asset.content_path, asset.file)) report.diagnostics.add(error_at(0, 0, *e));
      ++files;
    }
  }

  report.diagnostics.sort();
  report.files = files;
  if (tree && !report.diagnostics.has_errors()) {
    if (auto e = tree->commit()) {
      report.environment_error = *e;
    } else {
      BuildState state{fingerprint, marker_identity(report.out), report.pages, {}};
      for (const auto& d : report.diagnostics.items()) state.warnings.push_back(format_with_caret(d));
      write_build_state(report.out, state);
    }
  }
  return report;
}

}  // namespace mamori
