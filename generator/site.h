// The site model: everything a build, a check or the link checker needs to know about
// the project, loaded once (content_loader.h) and then only read.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "config.h"
#include "contacts.h"
#include "page_meta.h"
#include "quiz.h"

namespace mamori {

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
  int section = -1;         // the section the page belongs to (a section's own index: itself)
  int body_first_line = 1;  // file line where the Markdown body starts
};

struct Section {
  std::string dir;            // relative to content/ ("" for the root)
  int index_page = -1;        // its _index.md
  int parent = -1;            // -1 for the root
  std::vector<int> pages;     // ordinary pages, by weight, then title
  std::vector<int> children;  // subsections, by their index page's weight, then title
};

struct Asset {
  std::string content_path;  // relative to content/; also its output path
  std::filesystem::path file;
};

struct Site {
  std::filesystem::path root;
  SiteConfig config;
  std::vector<Page> pages;                  // in a fixed order: sorted by content path
  std::vector<Section> sections;            // sections[0] is the root; parents before children
  std::vector<Asset> assets;                // other files under content/, copied as they are
  std::map<std::string, int> page_by_path;  // NFC content path → page index
  std::set<std::string> asset_paths;        // NFC content paths of assets
  std::set<std::string> directories;        // NFC content paths of folders
  std::set<std::string> quiz_ids;           // quizzes/ID.toml that exist
  std::vector<Quiz> quizzes;                // every quiz that could be read, by id
  std::optional<ContactTable> contacts;     // content/contacts.toml, when there is one
  std::set<std::string> draft_paths;        // NFC content paths of drafts left out of this build

  const Page* find_page(const std::string& content_path) const;
  // Pages in reading order: home, then each section depth-first, its index before its pages.
  std::vector<int> reading_order() const;
};

}  // namespace mamori
