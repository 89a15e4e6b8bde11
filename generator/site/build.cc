#include "site/build.h"

#include <atomic>
#include <memory>
#include <mutex>

#include "contacts/contacts.h"
#include "core/files.h"
#include "core/i18n.h"
#include "core/text.h"
#include "site/build_run.h"
#include "site/build_state.h"
#include "site/loader.h"
#include "site/not_found.h"
#include "site/output_tree.h"
#include "site/page_render.h"
#include "site/page_view.h"
#include "site/quiz_render.h"
#include "site/review.h"
#include "site/search_render.h"
#include "site/templates.h"

namespace fs = std::filesystem;

namespace mamori {

int BuildReport::exit_status() const {
  if (environment_error) return 2;
  return diagnostics.has_errors() ? 1 : 0;
}

namespace {

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

void cite_contacts(BuildRun& run) {
  if (!run.site.contacts) return;
  for (const auto& contact : run.site.contacts->contacts) {
    if (!contact.url.empty()) run.citations.cite(contact.url, content_source("contacts.toml"), contact.url_line);
  }
}

// The theme's stylesheet, for 404.html to hold inline ("" when the theme has none, or
// when it cannot be inlined: reported at the stylesheet).
std::string inline_stylesheet(BuildRun& run) {
  const std::string theme_dir = "themes/" + run.theme.name;
  for (const auto& asset : run.theme.assets) {
    if (asset.output != "assets/style.css") continue;
    const std::string source = theme_dir + "/" + asset.output;
    auto css = read_file_inside(asset.file, run.theme.real_dir, theme_dir);
    if (!css) {
      run.report.diagnostics.error(source, 0, 0, css.error().message);
      return "";
    }
    if (ascii_lower(*css).find("</style") != std::string::npos) {
      run.report.diagnostics.error(source, 0, 0,
                                   tr("404.html holds this stylesheet inline, so it must not contain '</style'"));
      return "";
    }
    return *css;
  }
  return "";
}

// A template that names inline_style or inline_script must put it verbatim inside its
// element: the page's Content-Security-Policy allows exactly that text, by its hash.
void check_inline(BuildRun& run, const nlohmann::json& view, const std::string& html) {
  const std::string& text = run.theme.templates.at("404");
  for (const auto& [key, element] : {std::pair{"inline_style", "style"}, std::pair{"inline_script", "script"}}) {
    if (!view.contains(key) || text.find(key) == std::string::npos) continue;
    const std::string content = view[key].get<std::string>();
    if (html.find(">" + content + "</" + element + ">") != std::string::npos) continue;
    run.report.diagnostics.error(
        "themes/" + run.theme.name + "/templates/404.mustache", 0, 0,
        format(tr("template '404' must put {{{{{{{0}}}}}} alone inside <{1}>…</{1}>: the page's "
                  "Content-Security-Policy allows only that text"),
               key, element));
  }
}

// The 404 page and the sitemap (the generator's own files; write errors name the file).
void render_generated(BuildRun& run) {
  const std::string template_file = "themes/" + run.theme.name + "/templates/404.mustache";
  const std::string generator(kGeneratorSource);
  const nlohmann::json view = not_found_view(run.site, inline_stylesheet(run));
  if (auto html = TemplateEngine(run.theme).render("404", view)) {
    check_inline(run, view, *html);
    if (auto e = run.emit(generator, "404.html", *html); !e) {
      run.report.diagnostics.error(template_file, 0, 0, e.error().message);
    }
  } else if (run.theme.templates.contains("404")) {
    run.report.diagnostics.error(template_file, 0, 0, "template '404' failed: " + html.error().message);
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
    if (!claims.claim(asset.output, source, run.report.diagnostics)) continue;
    if (auto e = tree.copy(asset.output, asset.file, run.theme.real_dir, theme_dir); !e) {
      run.report.diagnostics.error(source, 0, 0, e.error().message);
    }
    ++files;
  }
  for (const auto& asset : run.site.assets) {
    const std::string source = content_source(asset.content_path);
    if (reserved_for_theme(asset.content_path) || reserved_for_search(asset.content_path) ||
        !run.site.outputs.owns(asset.content_path, source))
      continue;
    if (auto e = tree.copy(asset.content_path, asset.file, run.site.content.real(), kContentPrefix); !e) {
      run.report.diagnostics.error(source, 0, 0, e.error().message);
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
    report.diagnostics.add(
        warning_at(0, 0, format(tr("{0}; the next build renders every page again"), saved.error().message)));
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
  auto theme = load_theme(options.root, site.config.theme, report.diagnostics);
  if (!theme) {
    report.environment_error = theme.error().message;
    return std::nullopt;
  }
  warn_overdue(site, today, report.diagnostics);  // for the editors; readers see the dates
  if (auto future = site.contacts ? reviewed_in_future(*site.contacts, today) : std::nullopt) {
    report.diagnostics.error(content_source("contacts.toml"), future->line, future->column, future->message);
  }
  return std::make_pair(std::move(site), std::move(*theme));
}

// Where the site goes, and whether the last build there saw the same inputs: sets the
// report's output folder, and the environment error when it cannot be used. Returns the
// fingerprint of the inputs, or nullopt when there is nothing more to do.
std::optional<std::string> prepare_output(const BuildOptions& options, const Date& today, BuildReport& report) {
  if (!options.write) return std::string();
  auto out = resolve_output_folder(options.root, options.out);
  if (!out) {
    report.environment_error = out.error().message;
    return std::nullopt;
  }
  report.out = *out;
  // The warnings kept for a no-change rebuild are text in the language of the build that
  // made them: another language builds again.
  std::string fingerprint = input_fingerprint(options.root, options.include_drafts, today);
  if (current_language() == Language::ja) fingerprint += " ja";
  if (up_to_date(fingerprint, report)) return std::nullopt;  // nothing changed since the last build
  return fingerprint;
}

// Where the search index's files go: the site, like every generated file. Called from
// several threads; a file that cannot be written is an error in the report.
SearchIndexWriter::Write search_index_output(BuildRun& run) {
  auto lock = std::make_shared<std::mutex>();
  return [&run, lock](const std::string& path, const std::string& content) {
    if (auto e = run.emit(std::string(kGeneratorSource), path, content); !e) {
      const std::lock_guard guard(*lock);
      run.report.diagnostics.add(error_at(0, 0, e.error().message));
    }
  };
}

// Renders and writes everything of a loaded site into `tree` (none: check only).
void render_site(BuildRun& run, OutputTree* tree, std::atomic<int>& files, int jobs) {
  std::optional<SearchIndexWriter> search;
  if (tree != nullptr && theme_has_search(run.theme)) search.emplace(search_index_output(run));
  run.search = search ? &*search : nullptr;
  const HeadingIds ids = render_pages(run, jobs);
  cite_contacts(run);
  render_quizzes(run, ids);
  render_generated(run);
  if (search) finish_search(run, *search, run.site.pages.size(), jobs);
  run.search = nullptr;
  if (tree != nullptr) copy_assets(run, *tree, files);
}

}  // namespace

BuildReport build_site(const BuildOptions& options) {
  BuildReport report;
  const SystemClock system_clock;
  const Date today = (options.clock != nullptr ? *options.clock : system_clock).today();
  const auto fingerprint = prepare_output(options, today, report);
  if (!fingerprint) return report;
  auto loaded = load(options, today, report);
  if (!loaded) return report;
  const Site& site = loaded->first;
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
  BuildRun run{site, loaded->second, today, report, Citations(options.collect_links, report.links), emit};
  render_site(run, tree ? &*tree : nullptr, files, options.jobs);
  report.diagnostics.sort();
  report.files = files;
  if (tree && !report.diagnostics.has_errors()) commit(*tree, *fingerprint, report);
  return report;
}

}  // namespace mamori
