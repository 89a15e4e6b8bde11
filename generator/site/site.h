// The site model: everything a build, a check or the link checker needs to know about
// the project, loaded once (loader.h) and then only read.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "contacts/contacts.h"
#include "core/diagnostic.h"
#include "core/files.h"
#include "quiz/quiz.h"
#include "site/config.h"
#include "site/page_meta.h"
#include "site/paths.h"

namespace mamori {

// A page's place in Site::pages, and a section's in Site::sections. They are handed out
// once, when the project is loaded, and never change; an id means something only for the
// Site that handed it out. "No page" is std::nullopt, not a sentinel.
enum class PageId : size_t {};
enum class SectionId : size_t {};

// The section of content/ itself, whose index page is the home page.
inline constexpr SectionId kRootSection{0};

constexpr size_t index_of(PageId id) {
  return static_cast<size_t>(id);
}
constexpr size_t index_of(SectionId id) {
  return static_cast<size_t>(id);
}

enum class PageKind {
  home,     // content/_index.md
  section,  // content/<dir>/_index.md
  page,     // any other .md file
};

struct Page {
  std::string source;        // path shown in diagnostics, relative to the root: "content/a/b.md"
  std::string content_path;  // relative to content/: "a/b.md"
  std::string output;        // relative to the site root: "a/b.html", "a/index.html"
  std::filesystem::path file;
  PageKind kind = PageKind::page;
  PageMeta meta;
  SectionId section = kRootSection;  // the section the page belongs to (a section's own index: itself)
  int body_first_line = 1;           // file line where the Markdown body starts
};

struct Section {
  std::string dir;                   // relative to content/ ("" for the root)
  std::optional<PageId> index_page;  // its _index.md, when there is one
  std::optional<SectionId> parent;   // none for the root
  std::vector<PageId> pages;         // ordinary pages, by weight, then title
  std::vector<SectionId> children;   // subsections, by their index page's weight, then title
};

struct Asset {
  std::string content_path;  // relative to content/; also its output path
  std::filesystem::path file;
};

// Which source produces each output path, so that two sources for one path are an error
// naming both, also where only letter case or Unicode normalisation differs (they collide
// on Windows file shares and macOS).
class OutputClaims {
 public:
  // Records that `source` (as shown in diagnostics) produces `output`. When an earlier
  // source already does, adds the error, at `source`, naming that one, and returns false.
  bool claim(const std::string& output, const std::string& source, Diagnostics& diagnostics);
  // Whether `source` may write `output`: false when another source claimed exactly that
  // path first (the build then writes only the first one's file; the error is reported).
  bool owns(const std::string& output, const std::string& source) const;

 private:
  struct Claim {
    std::string output;
    std::string source;
  };
  std::map<std::string, Claim> claims_;  // folded output path → the first claim
};

// Output paths folded for comparison: letter case and Unicode normalisation ignored.
std::string fold_case(const std::string& path);

// Whether a file under content/ would land in the site's assets/ folder, which is the theme's.
bool reserved_for_theme(const std::string& content_path);
// Whether a file under content/ would land in the site's search/ folder, the search index's.
bool reserved_for_search(const std::string& content_path);

// The source named for what the generator makes by itself (404.html, sitemap.xml, .mamori)
// and for the quiz index.
inline constexpr std::string_view kGeneratorSource = "the generator";
inline constexpr std::string_view kQuizIndexSource = "the quiz index (quizzes/*.toml)";

struct Site {
  std::filesystem::path root;
  ReadTree content;  // fs::canonical(root / "content"), opened: files read must lie inside it
  SiteConfig config;
  std::vector<Page> pages;                     // in a fixed order: sorted by content path
  std::vector<Section> sections;               // sections[0] is the root; parents before children
  std::vector<Asset> assets;                   // other files under content/, copied as they are
  std::map<std::string, PageId> page_by_path;  // NFC content path → page
  std::set<std::string> asset_paths;           // NFC content paths of assets
  std::set<std::string> directories;           // NFC content paths of folders
  std::set<std::string> quiz_ids;              // quizzes/ID.toml that exist
  std::vector<Quiz> quizzes;                   // every quiz that could be read, by id
  std::optional<ContactTable> contacts;        // content/contacts.toml, when there is one
  std::set<std::string> draft_paths;           // NFC content paths of drafts left out of this build
  OutputClaims outputs;                        // every output path of pages, quizzes, assets, generated files

  const Page& page(PageId id) const { return pages[index_of(id)]; }
  const Section& section(SectionId id) const { return sections[index_of(id)]; }
  // The page at an NFC content path ("a/b.md"), if the build has one.
  std::optional<PageId> page_id(const std::string& content_path) const;
  const Page* find_page(const std::string& content_path) const;
  // The NFC content path of every page, sorted (for "did you mean" hints).
  std::vector<std::string> page_paths() const;
  // Pages in reading order: home, then each section depth-first, its index before its pages.
  std::vector<PageId> reading_order() const;
};

}  // namespace mamori
