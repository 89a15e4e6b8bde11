#include "site/loader.h"

#include <algorithm>
#include <functional>
#include <map>
#include <system_error>

#include "core/files.h"
#include "core/parallel.h"
#include "core/spellcheck.h"
#include "core/text.h"
#include "core/url.h"
#include "site/front_matter.h"
#include "site/page_view.h"
#include "site/quiz_page.h"

namespace fs = std::filesystem;

namespace mamori {
namespace {

// A file found under content/, before it is read.
struct Found {
  std::string content_path;  // as on disk, '/'-separated
  fs::path file;
};

constexpr size_t kHeadBytes = size_t{16} * 1024;

bool is_ignored_name(const std::string& name) {
  // Hidden files, editor leftovers, and the backups and temporary files of
  // `mamori contacts import` are not content.
  return name.empty() || name.front() == '.' || name.back() == '~' || name.ends_with(".swp") ||
         name.ends_with(".bak") || name.ends_with(".tmp") || (name.front() == '#' && name.back() == '#');
}

class ContentWalker {
 public:
  ContentWalker(fs::path content_root, Diagnostics& diagnostics)
      : content_root_(std::move(content_root)), diagnostics_(diagnostics) {
    std::error_code ec;
    canonical_root_ = fs::canonical(content_root_, ec);
  }

  void walk() { visit(content_root_, "", 0); }

  std::vector<Found> pages, data, assets;
  std::vector<std::string> directories;

 private:
  void problem(const std::string& content_path, std::string message) {
    Diagnostic d = error_at(0, 0, std::move(message));
    d.path = "content/" + content_path;
    diagnostics_.add(std::move(d));
  }

  void visit(const fs::path& dir, const std::string& prefix, int depth) {
    std::error_code ec;
    const fs::path canonical = fs::canonical(dir, ec);
    if (ec) {
      problem(prefix, "cannot open folder: " + ec.message());
      return;
    }
    if (std::find(stack_.begin(), stack_.end(), canonical) != stack_.end()) {
      problem(prefix.empty() ? prefix : prefix.substr(0, prefix.size() - 1),
              "symlink loop: this folder leads back to one that contains it");
      return;
    }
    if (depth > 32) {
      problem(prefix, "folders are nested more than 32 deep");
      return;
    }
    stack_.push_back(canonical);
    std::vector<fs::directory_entry> entries;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) entries.push_back(*it);
    if (ec) problem(prefix, "cannot list folder: " + ec.message());
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return a.path().filename() < b.path().filename(); });
    for (const auto& entry : entries) {
      const std::string name = entry.path().filename().string();
      if (is_ignored_name(name)) continue;
      const std::string content_path = prefix + name;
      if (find_invalid_utf8(name)) {
        // It would become a URL, a sitemap entry and a link text: none can hold such bytes.
        problem(content_path, "the file name is not valid UTF-8: rename it (e.g. save it again under a Japanese name)");
        continue;
      }
      if (entry.is_symlink(ec)) {
        const fs::path target = fs::canonical(entry.path(), ec);
        if (ec) {
          problem(content_path, "broken symlink: its target does not exist");
          continue;
        }
        const auto rel = target.lexically_relative(canonical_root_);
        if (rel.empty() || rel.begin()->string() == "..") {
          problem(content_path, "symlink points outside content/: copy the file in instead");
          continue;
        }
      }
      if (entry.is_directory(ec)) {
        directories.push_back(content_path);
        visit(entry.path(), content_path + "/", depth + 1);
      } else if (entry.is_regular_file(ec)) {
        Found found{content_path, entry.path()};
        if (name.ends_with(".md")) {
          pages.push_back(std::move(found));
        } else if (name.ends_with(".toml")) {
          data.push_back(std::move(found));  // data for the generator (contacts.toml), not published
        } else {
          assets.push_back(std::move(found));
        }
      }
    }
    stack_.pop_back();
  }

  fs::path content_root_;
  fs::path canonical_root_;
  Diagnostics& diagnostics_;
  std::vector<fs::path> stack_;
};

std::string output_path_for(const std::string& content_path, PageKind kind) {
  if (kind != PageKind::page) {
    const std::string_view dir = dirname(content_path);
    return dir.empty() ? "index.html" : std::string(dir) + "/index.html";
  }
  return content_path.substr(0, content_path.size() - 3) + ".html";
}

// Every output path with its source: two sources for one path are errors naming both.
// Generated files and quizzes claim first, so the error lands on the page or file that
// takes their place.
void claim_outputs(Site& site, Diagnostics& diagnostics) {
  auto claim = [&](const std::string& output, const std::string& source) {
    if (auto d = site.outputs.claim(output, source)) diagnostics.add(std::move(*d));
  };
  for (const char* reserved : {"404.html", "sitemap.xml", ".mamori"}) claim(reserved, std::string(kGeneratorSource));
  if (!site.quiz_ids.empty()) claim(std::string(kQuizIndexPath), std::string(kQuizIndexSource));
  for (const auto& id : site.quiz_ids) claim(quiz_output(id), "quizzes/" + id + ".toml");
  for (const auto& page : site.pages) claim(page.output, page.source);
  for (const auto& asset : site.assets) {
    if (reserved_for_theme(asset.content_path)) {
      Diagnostic d = error_at(0, 0, "content/assets/ is reserved for the theme's files: use another folder name");
      d.path = "content/" + asset.content_path;
      diagnostics.add(std::move(d));
      continue;
    }
    claim(asset.content_path, "content/" + asset.content_path);
  }
}

}  // namespace

std::optional<std::string_view> check_text_file(std::string_view bytes, std::vector<Diagnostic>& out) {
  if (bytes.empty()) {
    out.push_back(error_at(1, 1, "file is empty: a page needs front matter with at least a title"));
    return std::nullopt;
  }
  if (looks_binary(bytes)) {
    out.push_back(error_at(1, 1, "binary file: a page must be UTF-8 text"));
    return std::nullopt;
  }
  const std::string_view text = strip_bom(bytes);
  if (const auto bad = find_invalid_utf8(text)) {
    const TextPosition pos = position_of(text, *bad);
    static constexpr char kHex[] = "0123456789ABCDEF";
    const auto byte = static_cast<unsigned char>(text[*bad]);
    const std::string hex{kHex[byte >> 4], kHex[byte & 0x0F]};
    out.push_back(error_at(pos.line, pos.column,
                           "invalid UTF-8 (byte 0x" + hex + "): save the file as UTF-8 (is it Shift_JIS?)"));
    return std::nullopt;
  }
  return text;
}

Result<Site> load_site(const fs::path& root, const LoadOptions& options, Diagnostics& diagnostics) {
  Site site;
  site.root = root;
  const fs::path config_file = root / "mamori.toml";
  std::error_code ec;
  if (!fs::is_regular_file(config_file, ec)) {
    return Error{"no mamori.toml in " + root.string() + ": run mamori in the project folder or pass --root DIR"};
  }
  {
    auto read = read_file(config_file);
    if (!read) return Error{"mamori.toml: " + read.error().message};
    const std::string& text = *read;
    std::vector<Diagnostic> found;
    if (auto checked = check_text_file(text, found)) site.config = parse_config(*checked, found);
    attach_source_lines(found, text);
    diagnostics.add_all(std::move(found), "mamori.toml");
  }

  const fs::path content_root = root / "content";
  if (!fs::is_directory(content_root, ec)) {
    return Error{"no content/ folder in " + root.string() + ": the pages live there"};
  }
  site.content_real = fs::canonical(content_root, ec);
  if (ec) return Error{"cannot resolve " + content_root.string() + ": " + ec.message()};
  ContentWalker walker(content_root, diagnostics);
  walker.walk();

  // Read and parse every page's front matter, in parallel.
  struct Loaded {
    std::optional<Page> page;
    std::vector<Diagnostic> diagnostics;
  };
  std::vector<Loaded> loaded(walker.pages.size());
  parallel_for(walker.pages.size(), options.jobs, [&](size_t i, int) {
    const Found& found = walker.pages[i];
    Loaded& out = loaded[i];
    const std::string source = "content/" + found.content_path;
    // Front matter is at the top: read the head of the file, and all of it only when the
    // front matter is longer. The body is checked when the page is rendered.
    // Read through the descriptor check: a symlink swapped in after the walk cannot lead out.
    auto read = read_file_inside(found.file, site.content_real, "content/", kHeadBytes, true);
    if (std::string* head = read ? &*read : nullptr; head != nullptr && head->size() == kHeadBytes) {
      const size_t last_line = head->rfind('\n');
      if (last_line != std::string::npos && split_front_matter(strip_bom(*head)).index() == 0) {
        head->resize(last_line + 1);  // whole lines only: no UTF-8 sequence cut in two
      } else {
        read = read_file_inside(found.file, site.content_real, "content/");
      }
    }
    if (!read) {
      out.diagnostics.push_back(error_at(0, 0, read.error().message));
    } else {
      const std::string& bytes = *read;
      if (auto text = check_text_file(bytes, out.diagnostics)) {
        auto split = split_front_matter(*text);
        if (auto* split_error = std::get_if<Diagnostic>(&split)) {
          out.diagnostics.push_back(*split_error);
        } else {
          const auto& parts = std::get<FrontMatterSplit>(split);
          Page page;
          page.source = source;
          page.content_path = found.content_path;
          page.file = found.file;
          const std::string name = found.file.filename().string();
          page.kind = name == "_index.md" ? (found.content_path == "_index.md" ? PageKind::home : PageKind::section)
                                          : PageKind::page;
          page.output = output_path_for(found.content_path, page.kind);
          page.body_first_line = parts.body_first_line;
          page.meta = parse_page_meta(parts.toml, parts.toml_first_line, out.diagnostics);
          out.page = std::move(page);
        }
        attach_source_lines(out.diagnostics, *text);
      }
    }
    for (auto& d : out.diagnostics) d.path = source;
  });

  for (auto& item : loaded) {
    diagnostics.add_all(std::move(item.diagnostics));
    if (!item.page) continue;
    if (item.page->meta.draft && !options.include_drafts) {
      site.draft_paths.insert(nfc(item.page->content_path));
      continue;
    }
    site.pages.push_back(std::move(*item.page));
  }

  // Sections: every folder that holds pages needs an _index.md; the root is the home page.
  std::map<std::string, int> section_of_dir;
  site.sections.push_back(Section{});
  section_of_dir[""] = 0;
  std::vector<std::string> dirs = walker.directories;
  std::sort(dirs.begin(), dirs.end());
  for (const auto& dir : dirs) {
    site.directories.insert(nfc(dir));
    const int index = static_cast<int>(site.sections.size());
    Section section;
    section.dir = dir;
    section.parent = section_of_dir.at(std::string(dirname(dir)));
    site.sections.push_back(section);
    section_of_dir[dir] = index;
  }
  for (size_t i = 0; i < site.pages.size(); ++i) {
    Page& page = site.pages[i];
    const std::string dir(dirname(page.content_path));
    const int s = section_of_dir.at(dir);
    page.section = s;
    if (page.kind == PageKind::page) {
      site.sections[static_cast<size_t>(s)].pages.push_back(static_cast<int>(i));
    } else {
      site.sections[static_cast<size_t>(s)].index_page = static_cast<int>(i);
    }
    site.page_by_path[nfc(page.content_path)] = static_cast<int>(i);
  }
  // Folders with no pages at all (only pictures, say) are not sections.
  std::vector<bool> has_pages(site.sections.size(), false);
  for (size_t s = site.sections.size(); s-- > 0;) {
    const Section& section = site.sections[s];
    if (section.index_page >= 0 || !section.pages.empty()) has_pages[s] = true;
    if (has_pages[s] && section.parent >= 0) has_pages[static_cast<size_t>(section.parent)] = true;
  }
  for (size_t s = 0; s < site.sections.size(); ++s) {
    Section& section = site.sections[s];
    if (!has_pages[s]) continue;
    if (section.index_page < 0) {
      Diagnostic d = error_at(0, 0,
                              s == 0 ? "the home page content/_index.md is missing"
                                     : "folder has pages but no _index.md: add one with the section's title");
      d.path = s == 0 ? "content/_index.md" : "content/" + section.dir + "/_index.md";
      diagnostics.add(std::move(d));
    }
    if (s > 0) site.sections[static_cast<size_t>(section.parent)].children.push_back(static_cast<int>(s));
  }

  auto page_order = [&](int a, int b) {
    const PageMeta& x = site.pages[static_cast<size_t>(a)].meta;
    const PageMeta& y = site.pages[static_cast<size_t>(b)].meta;
    return std::tie(x.weight, x.title, site.pages[static_cast<size_t>(a)].content_path) <
           std::tie(y.weight, y.title, site.pages[static_cast<size_t>(b)].content_path);
  };
  for (auto& section : site.sections) {
    std::sort(section.pages.begin(), section.pages.end(), page_order);
    std::sort(section.children.begin(), section.children.end(), [&](int a, int b) {
      const int pa = site.sections[static_cast<size_t>(a)].index_page;
      const int pb = site.sections[static_cast<size_t>(b)].index_page;
      if (pa < 0 || pb < 0) return a < b;
      return page_order(pa, pb);
    });
  }

  for (const auto& asset : walker.assets) {
    site.assets.push_back(Asset{asset.content_path, asset.file});
    site.asset_paths.insert(nfc(asset.content_path));
  }

  // The contact table, and the page that shows it.
  for (const auto& data : walker.data) {
    if (data.content_path != "contacts.toml") {
      Diagnostic d = error_at(0, 0, "unknown data file: the only TOML file content/ may hold is contacts.toml");
      d.path = "content/" + data.content_path;
      diagnostics.add(std::move(d));
      continue;
    }
    auto read = read_file_inside(data.file, site.content_real, "content/");
    std::vector<Diagnostic> found;
    if (!read) {
      found.push_back(error_at(0, 0, read.error().message));
    } else if (auto text = check_text_file(*read, found)) {
      site.contacts = parse_contacts(*text, found);
      attach_source_lines(found, *text);
    }
    diagnostics.add_all(std::move(found), "content/contacts.toml");
  }
  int contacts_pages = 0;
  for (const auto& page : site.pages) {
    if (!page.meta.contacts || !page.meta.contacts->value) continue;
    ++contacts_pages;
    if (!site.contacts) {
      Diagnostic d = error_at(page.meta.contacts->line, page.meta.contacts->column,
                              "contacts = true, but there is no content/contacts.toml to show");
      d.path = page.source;
      diagnostics.add(std::move(d));
    }
  }
  if (site.contacts && contacts_pages == 0 && !site.pages.empty()) {
    Diagnostic d = warning_at(0, 0,
                              "the contact table is not shown on any page: set contacts = true in the front matter of "
                              "the page that should show it");
    d.path = "content/contacts.toml";
    diagnostics.add(std::move(d));
  }

  // Quizzes, and pages that name one.
  const fs::path quiz_dir = root / "quizzes";
  std::vector<fs::path> quiz_files;
  if (fs::is_directory(quiz_dir, ec)) {
    for (fs::directory_iterator it(quiz_dir, ec), end; !ec && it != end; it.increment(ec)) {
      const fs::path& p = it->path();
      if (p.extension() == ".toml" && !is_ignored_name(p.filename().string())) {
        quiz_files.push_back(p);  // an id that is not UTF-8 is refused by parse_quiz (is_valid_quiz_id)
      }
    }
  }
  std::sort(quiz_files.begin(), quiz_files.end());
  // A quiz that is a symlink out of quizzes/ is refused (checked on the opened file).
  const fs::path quiz_real = fs::canonical(quiz_dir, ec);
  for (const auto& file : quiz_files) {
    const std::string id = file.stem().string();
    const std::string shown = "quizzes/" + file.filename().string();
    site.quiz_ids.insert(id);
    auto read = read_file_inside(file, quiz_real, "quizzes/");
    std::vector<Diagnostic> found;
    if (!read) {
      found.push_back(error_at(0, 0, read.error().message));
    } else if (auto text = check_text_file(*read, found)) {
      site.quizzes.push_back(parse_quiz(id, *text, found));
      site.quizzes.back().file = shown;
      attach_source_lines(found, *text);
    }
    diagnostics.add_all(std::move(found), shown);
  }
  const std::vector<std::string> quiz_names(site.quiz_ids.begin(), site.quiz_ids.end());
  for (const auto& page : site.pages) {
    if (!page.meta.quiz || site.quiz_ids.contains(page.meta.quiz->value)) continue;
    const auto& quiz = *page.meta.quiz;
    Diagnostic d = error_at(quiz.line, quiz.column,
                            "quiz '" + quiz.value + "' does not exist (no quizzes/" + quiz.value + ".toml)" +
                                did_you_mean(quiz.value, quiz_names));
    d.path = page.source;
    diagnostics.add(std::move(d));
  }
  claim_outputs(site, diagnostics);
  return site;
}

}  // namespace mamori
