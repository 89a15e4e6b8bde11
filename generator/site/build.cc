#include "site/build.h"

#include <atomic>
#include <map>
#include <mutex>

#include "core/files.h"
#include "core/parallel.h"
#include "core/text.h"
#include "core/url.h"
#include "site/build_state.h"
#include "site/loader.h"
#include "site/markdown.h"
#include "site/output_tree.h"
#include "site/page_links.h"
#include "site/page_view.h"
#include "site/quiz_page.h"
#include "site/templates.h"
#include "site/theme.h"

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

// Writes one output file for a source (see build_site).
using Emit =
    std::function<Result<void>(const std::string& source, const std::string& output, const std::string& content)>;

// Puts a rendered body into the page's template and emits the page.
void emit_page(const Site& site, int index, TemplateEngine& engine, const Date& today, const RenderedMarkdown& body,
               const Emit& emit, PageResult& result) {
  const Page& page = site.pages[static_cast<size_t>(index)];
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
    return;
  }
  html->replace(marker, kBodyMarker.size(), body.html);
  if (auto written = emit(page.source, page.output, *html); !written) {
    result.diagnostics.push_back(error_at(0, 0, written.error().message));
  } else {
    result.rendered = true;
  }
}

// Reads and renders one page (diagnostics without the path; render_page adds it).
PageResult render_page_body(const Site& site, int index, TemplateEngine& engine, const Date& today, const Emit& emit) {
  PageResult result;
  const Page& page = site.pages[static_cast<size_t>(index)];
  // Read through the descriptor check: a symlink swapped in after loading cannot lead out.
  auto read = read_file_inside(page.file, site.content_real, "content/");
  if (!read) {
    result.diagnostics.push_back(error_at(0, 0, read.error().message));
    return result;
  }
  const std::string& bytes = *read;
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

  emit_page(site, index, engine, today, body, emit, result);
  attach_source_lines(result.diagnostics, *text);
  return result;
}

// Renders one page and hands the HTML to `emit`. Reads the file again: the model keeps
// no bodies, so memory does not grow with the site. Every diagnostic carries the page's path.
PageResult render_page(const Site& site, int index, TemplateEngine& engine, const Date& today, const Emit& emit) {
  const Page& page = site.pages[static_cast<size_t>(index)];
  PageResult result = render_page_body(site, index, engine, today, emit);
  for (auto& d : result.diagnostics) d.path = page.source;
  return result;
}

// Every cited URL with the places that cite it, in a stable order.
class Citations {
 public:
  Citations(bool collect, std::vector<LinkTarget>& links) : collect_(collect), links_(links) {}
  void cite(const std::string& url, const std::string& file, int line) {
    if (!collect_) return;
    const auto [it, inserted] = index_.emplace(url, links_.size());
    if (inserted) links_.push_back(LinkTarget{url, {}});
    links_[it->second].sources.push_back(LinkSource{file, line});
  }

 private:
  bool collect_;
  std::vector<LinkTarget>& links_;
  std::map<std::string, size_t> index_;
};

// What every step of a build shares.
struct BuildRun {
  const Site& site;
  const Theme& theme;
  const Date today;
  BuildReport& report;
  Citations citations;
  Emit emit;
};

// The last build into the same folder saw the same inputs and left the output as it is
// now: nothing to do. Fills the report when so.
bool up_to_date(const std::string& fingerprint, BuildReport& report) {
  const auto state = read_build_state(report.out);
  if (!state || state->fingerprint != fingerprint || state->marker.empty() ||
      marker_identity(report.out) != state->marker || state->output.empty() ||
      output_manifest(report.out) != state->output) {
    return false;
  }
  report.up_to_date = true;
  report.pages = state->pages;
  report.earlier_warnings = state->warnings;
  return true;
}

void warn_stale_contacts(const Site& site, const Date& today, Diagnostics& diagnostics) {
  if (!site.contacts || !site.contacts->reviewed) return;
  // Numbers and windows change every year: an old table is worth a warning.
  const int months = months_between(*site.contacts->reviewed, today);
  if (months < site.config.stale_after_months) return;
  Diagnostic d =
      warning_at(site.contacts->reviewed_line, site.contacts->reviewed_column,
                 "the contact table was last reviewed on " + to_iso(*site.contacts->reviewed) + ", " +
                     std::to_string(months) + " months ago: check every number and URL, then update " + "'reviewed'");
  d.path = "content/contacts.toml";
  diagnostics.add(std::move(d));
}

// Renders every page, each worker with its own template engine; collects their links and
// diagnostics. Returns the heading ids of every page (for the anchor checks).
std::vector<std::vector<std::string>> render_pages(BuildRun& run, int jobs) {
  const Site& site = run.site;
  const size_t count = site.pages.size();
  std::vector<PageResult> results(count);
  const int workers = std::max(1, std::min<int>(jobs, static_cast<int>(std::max<size_t>(count, 1))));
  std::vector<std::unique_ptr<TemplateEngine>> engines;
  engines.reserve(static_cast<size_t>(workers));
  for (int w = 0; w < workers; ++w) engines.push_back(std::make_unique<TemplateEngine>(run.theme));
  parallel_for(count, workers, [&](size_t i, int worker) {
    results[i] = render_page(site, static_cast<int>(i), *engines[static_cast<size_t>(worker)], run.today, run.emit);
  });
  std::vector<std::vector<std::string>> ids(count);
  for (size_t i = 0; i < count; ++i) {
    const Page& page = site.pages[i];
    for (const auto& source : page.meta.sources) run.citations.cite(source.value, page.source, source.line);
    for (const auto& link : results[i].links) run.citations.cite(link.url, page.source, link.line);
    run.report.diagnostics.add_all(std::move(results[i].diagnostics));
    ids[i] = std::move(results[i].heading_ids);
    if (results[i].rendered) ++run.report.pages;
  }
  for (size_t i = 0; i < count; ++i) {
    auto problems = check_anchors(site, results[i].pending, ids);
    for (auto& d : problems) d.path = site.pages[i].source;
    if (!problems.empty()) {  // the caret lines: read the page again only when needed
      auto read = read_file_inside(site.pages[i].file, site.content_real, "content/");
      if (read) attach_source_lines(problems, strip_bom(*read));
    }
    run.report.diagnostics.add_all(std::move(problems));
  }
  return ids;
}

void cite_contacts(BuildRun& run) {
  if (!run.site.contacts) return;
  for (const auto& contact : run.site.contacts->contacts) {
    if (!contact.url.empty()) run.citations.cite(contact.url, "content/contacts.toml", contact.url_line);
  }
}

void render_quiz(BuildRun& run, TemplateEngine& engine, const Quiz& quiz,
                 const std::vector<std::vector<std::string>>& ids) {
  RenderedQuiz rendered = quiz_view(run.site, quiz);
  for (const auto& link : rendered.links) {
    const UrlKind kind = classify_url(link.url);
    if (kind == UrlKind::web || kind == UrlKind::contact) run.citations.cite(link.url, quiz.file, link.line);
  }
  std::vector<Diagnostic> problems = std::move(rendered.diagnostics);
  for (auto& d : check_anchors(run.site, rendered.pending, ids)) problems.push_back(std::move(d));
  std::string error;
  if (auto html = engine.render("quiz", rendered.view, error)) {
    if (auto e = run.emit(quiz.file, quiz_output(quiz.id), *html); !e)
      problems.push_back(error_at(0, 0, e.error().message));
  } else if (run.theme.templates.contains("quiz")) {
    problems.push_back(error_at(0, 0, "template 'quiz' failed: " + error));
  }
  if (!problems.empty()) {
    auto read = read_file(run.site.root / quiz.file);
    if (read) attach_source_lines(problems, strip_bom(*read));
  }
  run.report.diagnostics.add_all(std::move(problems), quiz.file);
}

// Quiz pages and their index. Their sources point at headings, checked like links.
void render_quizzes(BuildRun& run, const std::vector<std::vector<std::string>>& ids) {
  if (run.site.quizzes.empty()) return;
  for (const char* name : {"quiz", "quizzes"}) {
    if (run.theme.templates.contains(name)) continue;
    Diagnostic d = error_at(0, 0, std::string("the theme has no '") + name + "' template, needed for quizzes/");
    d.path = "themes/" + run.theme.name + "/templates/" + name + ".mustache";
    run.report.diagnostics.add(std::move(d));
  }
  TemplateEngine engine(run.theme);
  for (const auto& quiz : run.site.quizzes) render_quiz(run, engine, quiz, ids);
  std::string error;
  if (auto html = engine.render("quizzes", quiz_index_view(run.site), error)) {
    const std::string source(kQuizIndexSource);
    if (auto e = run.emit(source, std::string(kQuizIndexPath), *html); !e) {
      run.report.diagnostics.add(error_at(0, 0, e.error().message));
    }
  }
}

// A diagnostic about an output file, at the source that produces it.
void output_problem(BuildReport& report, const std::string& source, std::string message) {
  Diagnostic d = error_at(0, 0, std::move(message));
  d.path = source;
  report.diagnostics.add(std::move(d));
}

// The 404 page and the sitemap (the generator's own files; write errors name the file).
void render_generated(BuildRun& run) {
  const std::string theme_dir = "themes/" + run.theme.name;
  const std::string generator(kGeneratorSource);
  std::string error;
  if (auto html = TemplateEngine(run.theme).render("404", not_found_view(run.site), error)) {
    if (auto e = run.emit(generator, "404.html", *html); !e) {
      output_problem(run.report, theme_dir + "/templates/404.mustache", e.error().message);
    }
  } else if (run.theme.templates.contains("404")) {
    output_problem(run.report, theme_dir + "/templates/404.mustache", "template '404' failed: " + error);
  }
  if (auto e = run.emit(generator, "sitemap.xml", sitemap_xml(run.site)); !e) {
    run.report.diagnostics.add(error_at(0, 0, e.error().message));  // the message names the file
  }
}

// Theme assets and the files under content/, copied with the check that each really
// lies inside its tree. A theme asset whose output path another source produces is an error.
void copy_assets(BuildRun& run, OutputTree& tree, std::atomic<int>& files) {
  OutputClaims claims = run.site.outputs;
  const std::string theme_dir = "themes/" + run.theme.name;
  for (const auto& asset : run.theme.assets) {
    const std::string source = theme_dir + "/" + asset.output;
    if (auto d = claims.claim(asset.output, source)) {
      run.report.diagnostics.add(std::move(*d));
      continue;
    }
    if (auto e = tree.copy(asset.output, asset.file, run.theme.real_dir, theme_dir); !e) {
      output_problem(run.report, source, e.error().message);
    }
    ++files;
  }
  for (const auto& asset : run.site.assets) {
    const std::string source = "content/" + asset.content_path;
    if (reserved_for_theme(asset.content_path) || !run.site.outputs.owns(asset.content_path, source)) continue;
    if (auto e = tree.copy(asset.content_path, asset.file, run.site.content_real, "content/"); !e) {
      output_problem(run.report, source, e.error().message);
    }
    ++files;
  }
}

// Swaps the new site in and records the state for the next build's fast path.
void commit(OutputTree& tree, const std::string& fingerprint, BuildReport& report) {
  if (auto e = tree.commit(); !e) {
    report.environment_error = e.error().message;
    return;
  }
  BuildState state{fingerprint, marker_identity(report.out), output_manifest(report.out), report.pages, {}};
  for (const auto& d : report.diagnostics.items()) state.warnings.push_back(format_with_caret(d));
  if (auto saved = write_build_state(report.out, state); !saved) {
    report.diagnostics.add(warning_at(0, 0, saved.error().message + "; the next build renders every page again"));
  }
}

// Loads the project and its theme; sets the environment error when that fails.
std::optional<std::pair<Site, Theme>> load(const BuildOptions& options, const Date& today, BuildReport& report) {
  auto loaded = load_site(options.root, LoadOptions{options.include_drafts, options.jobs}, report.diagnostics);
  if (!loaded) {
    report.environment_error = loaded.error().message;
    return std::nullopt;
  }
  Site& site = *loaded;
  report.config = site.config;
  warn_stale_contacts(site, today, report.diagnostics);
  auto theme = load_theme(options.root, site.config.theme, report.diagnostics);
  if (!theme) {
    report.environment_error = theme.error().message;
    return std::nullopt;
  }
  return std::make_pair(std::move(site), std::move(*theme));
}

}  // namespace

BuildReport build_site(const BuildOptions& options) {
  BuildReport report;
  const SystemClock system_clock;
  const Date today = (options.clock != nullptr ? *options.clock : system_clock).today();
  std::string fingerprint;
  if (options.write) {
    auto out = resolve_output_folder(options.root, options.out);
    if (!out) {
      report.environment_error = out.error().message;
      return report;
    }
    report.out = *out;
    fingerprint = input_fingerprint(options.root, options.include_drafts, today);
    if (up_to_date(fingerprint, report)) return report;  // nothing changed since the last build
  }
  auto loaded = load(options, today, report);
  if (!loaded) return report;
  const Site& site = loaded->first;
  const Theme& theme = loaded->second;
  std::optional<OutputTree> tree;
  if (options.write) {
    auto opened = OutputTree::open(report.out);
    if (!opened) {
      report.environment_error = opened.error().message;
      return report;
    }
    tree.emplace(std::move(*opened));
  }
  std::atomic<int> files{0};
  // Only the first source of an output path writes it; the others were reported when loading.
  Emit emit = [&](const std::string& source, const std::string& output, const std::string& content) -> Result<void> {
    if (!tree || !site.outputs.owns(output, source)) return {};
    ++files;
    return tree->write(output, content);
  };
  BuildRun run{site, theme, today, report, Citations(options.collect_links, report.links), emit};
  const auto ids = render_pages(run, options.jobs);
  cite_contacts(run);
  render_quizzes(run, ids);
  render_generated(run);
  if (tree) copy_assets(run, *tree, files);
  report.diagnostics.sort();
  report.files = files;
  if (tree && !report.diagnostics.has_errors()) commit(*tree, fingerprint, report);
  return report;
}

}  // namespace mamori
