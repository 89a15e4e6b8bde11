#include "site/loader.h"

#include <system_error>

#include "core/files.h"
#include "core/i18n.h"
#include "core/parallel.h"
#include "core/text.h"
#include "core/url.h"
#include "site/content_walk.h"
#include "site/front_matter.h"
#include "site/quiz_loading.h"
#include "site/sections.h"

namespace fs = std::filesystem;

namespace mamori {
namespace {

// Front matter is at the top: a page is first read only this far.
constexpr size_t kHeadBytes = size_t{16} * 1024;

// mamori.toml: a missing file is an Error (not a project folder); problems in it are
// diagnostics, and the config then has defaults.
Result<SiteConfig> load_config(const fs::path& root, Diagnostics& diagnostics) {
  const fs::path config_file = root / "mamori.toml";
  std::error_code ec;
  if (!fs::is_regular_file(config_file, ec)) {
    // The folder as an absolute path: "no mamori.toml in ." does not say where mamori looked.
    const fs::path where = fs::absolute(root, ec).lexically_normal();
    return Error{format(tr("no mamori.toml in {0}: run mamori in the project folder or pass --root DIR"),
                        generic(where.has_filename() ? where : where.parent_path()))};
  }
  auto read = read_file(config_file);
  if (!read) return Error{"mamori.toml: " + read.error().message};
  const std::string& text = *read;
  std::vector<Diagnostic> found;
  SiteConfig config;
  if (auto checked = check_text_file(text, found, TextFileKind::config)) config = parse_config(*checked, found);
  attach_source_lines(found, text);
  diagnostics.add_all(std::move(found), "mamori.toml");
  return config;
}

std::string output_path_for(const std::string& content_path, PageKind kind) {
  if (kind != PageKind::page) {
    const std::string_view dir = dirname(content_path);
    return dir.empty() ? "index.html" : std::string(dir) + "/index.html";
  }
  return content_path.substr(0, content_path.size() - 3) + ".html";
}

PageKind page_kind_of(const FoundFile& found) {
  if (found.file.filename() != "_index.md") return PageKind::page;
  return found.content_path == "_index.md" ? PageKind::home : PageKind::section;
}

// A page file read as far as its front matter: the head of the file, whole lines only (no
// UTF-8 sequence cut in two), or all of it when the front matter is longer than the head.
// The body is checked when the page is rendered. Read through the descriptor check: a
// symlink swapped in after the walk cannot lead out of content/.
Result<std::string> read_front_matter_part(const ReadTree& content, const std::string& content_path) {
  auto read = read_file_inside(content, content_path, kHeadBytes, true);
  if (!read || read->size() != kHeadBytes) return read;
  const size_t last_line = read->rfind('\n');
  if (last_line != std::string::npos && split_front_matter(strip_bom(*read)).index() == 0) {
    read->resize(last_line + 1);
    return read;
  }
  return read_file_inside(content, content_path);
}

// A page as loading sees it: its model when the front matter could be read, and the
// problems found (their paths not yet set).
struct LoadedPage {
  std::optional<Page> page;
  std::vector<Diagnostic> diagnostics;
};

// Builds the page model from a file's checked text (front matter split and parsed).
std::optional<Page> page_from_text(const FoundFile& found, std::string_view text, std::vector<Diagnostic>& out) {
  auto split = split_front_matter(text);
  if (auto* split_error = std::get_if<Diagnostic>(&split)) {
    out.push_back(*split_error);
    return std::nullopt;
  }
  const auto& parts = std::get<FrontMatterSplit>(split);
  Page page;
  page.source = content_source(found.content_path);
  page.content_path = found.content_path;
  page.file = found.file;
  page.kind = page_kind_of(found);
  page.output = output_path_for(found.content_path, page.kind);
  page.body_first_line = parts.body_first_line;
  page.meta = parse_page_meta(parts.toml, parts.toml_first_line, out);
  return page;
}

LoadedPage load_page(const FoundFile& found, const ReadTree& content) {
  LoadedPage out;
  const auto read = read_front_matter_part(content, found.content_path);
  if (!read) {
    out.diagnostics.push_back(error_at(0, 0, read.error().message));
  } else if (auto text = check_text_file(*read, out.diagnostics, TextFileKind::page)) {
    out.page = page_from_text(found, *text, out.diagnostics);
    attach_source_lines(out.diagnostics, *text);
  }
  for (auto& d : out.diagnostics) d.path = content_source(found.content_path);
  return out;
}

// Reads and parses every page's front matter, in parallel; adds the pages to the site in
// the walk's order, drafts only when asked for.
void load_pages(Site& site, const std::vector<FoundFile>& found, const LoadOptions& options, Diagnostics& diagnostics) {
  std::vector<LoadedPage> loaded(found.size());
  parallel_for(found.size(), options.jobs, [&](size_t i, int) { loaded[i] = load_page(found[i], site.content); });
  site.pages.reserve(site.pages.size() + loaded.size());
  for (auto& item : loaded) {
    diagnostics.add_all(std::move(item.diagnostics));
    if (!item.page) continue;
    if (item.page->meta.draft && !options.include_drafts) {
      site.draft_paths.insert(nfc(item.page->content_path));
      continue;
    }
    site.pages.push_back(std::move(*item.page));
  }
}

void add_assets(Site& site, const std::vector<FoundFile>& assets) {
  for (const auto& asset : assets) {
    site.assets.push_back(Asset{asset.content_path, asset.file});
    site.asset_paths.insert(nfc(asset.content_path));
  }
}

// content/contacts.toml, the only data file content/ may hold.
void load_contacts(Site& site, const std::vector<FoundFile>& data, Diagnostics& diagnostics) {
  for (const auto& file : data) {
    if (file.content_path != "contacts.toml") {
      diagnostics.error(content_source(file.content_path), 0, 0,
                        tr("unknown data file: the only TOML file content/ may hold is contacts.toml"));
      continue;
    }
    auto read = read_file_inside(site.content, file.content_path);
    std::vector<Diagnostic> found;
    if (!read) {
      found.push_back(error_at(0, 0, read.error().message));
    } else if (auto text = check_text_file(*read, found, TextFileKind::contacts)) {
      site.contacts = parse_contacts(*text, found);
      attach_source_lines(found, *text);
    }
    diagnostics.add_all(std::move(found), content_source(file.content_path));
  }
}

// The pages that show the contact table (contacts = true) need one; a table no page shows
// is worth a warning.
void check_contacts_pages(const Site& site, Diagnostics& diagnostics) {
  int contacts_pages = 0;
  for (const auto& page : site.pages) {
    if (!page.meta.contacts || !page.meta.contacts->value) continue;
    ++contacts_pages;
    if (!site.contacts) {
      diagnostics.error(page.source, page.meta.contacts->line, page.meta.contacts->column,
                        tr("contacts = true, but there is no content/contacts.toml to show"));
    }
  }
  if (site.contacts && contacts_pages == 0 && !site.pages.empty()) {
    diagnostics.warning(content_source("contacts.toml"), 0, 0,
                        tr("the contact table is not shown on any page: set contacts = true in the front matter of "
                           "the page that should show it"));
  }
}

// True, after an error at `source`, when a page or file would be written under search/,
// which the search index fills (or, for a file, under assets/, the theme's).
bool in_reserved_folder(const std::string& output, const std::string& source, bool page, Diagnostics& diagnostics) {
  if (!page && reserved_for_theme(output)) {
    diagnostics.error(source, 0, 0, tr("content/assets/ is reserved for the theme's files: use another folder name"));
    return true;
  }
  if (reserved_for_search(output)) {
    diagnostics.error(source, 0, 0,
                      tr("content/search/ is reserved for the site search's index: use another folder name"));
    return true;
  }
  return false;
}

// Every output path with its source: two sources for one path are errors naming both.
// Generated files and quizzes claim first, so the error lands on the page or file that
// takes their place.
void claim_outputs(Site& site, Diagnostics& diagnostics) {
  for (const char* reserved : {"404.html", "sitemap.xml", ".mamori", "search.html", "pages.html"}) {
    site.outputs.claim(reserved, std::string(kGeneratorSource), diagnostics);
  }
  if (!site.quiz_ids.empty()) {
    site.outputs.claim(std::string(kQuizIndexPath), std::string(kQuizIndexSource), diagnostics);
  }
  for (const auto& id : site.quiz_ids) site.outputs.claim(quiz_output(id), quiz_source(id), diagnostics);
  for (const auto& page : site.pages) {
    if (!in_reserved_folder(page.output, page.source, true, diagnostics))
      site.outputs.claim(page.output, page.source, diagnostics);
  }
  for (const auto& asset : site.assets) {
    const std::string source = content_source(asset.content_path);
    if (!in_reserved_folder(asset.content_path, source, false, diagnostics))
      site.outputs.claim(asset.content_path, source, diagnostics);
  }
}

}  // namespace

Result<Site> load_site(const fs::path& root, const LoadOptions& options, Diagnostics& diagnostics) {
  Site site;
  site.root = root;
  auto config = load_config(root, diagnostics);
  if (!config) return config.error();
  site.config = std::move(*config);

  const fs::path content_root = root / "content";
  std::error_code ec;
  if (!fs::is_directory(content_root, ec)) {
    return Error{format(tr("no content/ folder in {0}: the pages live there"), root.string())};
  }
  fs::path content_real = fs::canonical(content_root, ec);
  if (ec) return Error{format(tr("cannot resolve {0}: {1}"), content_root.string(), ec.message())};
  ContentFiles files = walk_content(content_root, diagnostics);
  // Opened after the walk: while it runs, no descriptor of content/ is open for a symlink
  // through /proc/self/fd to reach.
  site.content = ReadTree(std::move(content_real), std::string(kContentPrefix));

  load_pages(site, files.pages, options, diagnostics);
  build_sections(site, std::move(files.directories), diagnostics);
  add_assets(site, files.assets);
  load_contacts(site, files.data, diagnostics);
  check_contacts_pages(site, diagnostics);
  load_quizzes(site, diagnostics);
  claim_outputs(site, diagnostics);
  return site;
}

}  // namespace mamori
