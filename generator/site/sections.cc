#include "site/sections.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "core/i18n.h"
#include "core/text.h"
#include "core/url.h"

namespace mamori {
namespace {

// One section per folder, parents before children (sorted paths put a folder before the
// folders in it); returns the section of each folder's content path.
std::map<std::string, SectionId> make_sections(Site& site, std::vector<std::string> directories) {
  std::map<std::string, SectionId> section_of_dir;
  site.sections.push_back(Section{});
  section_of_dir[""] = kRootSection;
  std::sort(directories.begin(), directories.end());
  for (auto& dir : directories) {
    site.directories.insert(nfc(dir));
    const SectionId id{site.sections.size()};
    Section section;
    section.parent = section_of_dir.at(std::string(dirname(dir)));
    section.dir = dir;
    site.sections.push_back(std::move(section));
    section_of_dir[std::move(dir)] = id;
  }
  return section_of_dir;
}

// Puts every page in the section of its folder, as its index page or one of its pages.
void place_pages(Site& site, const std::map<std::string, SectionId>& section_of_dir) {
  for (size_t i = 0; i < site.pages.size(); ++i) {
    const PageId id{i};
    Page& page = site.pages[i];
    page.section = section_of_dir.at(std::string(dirname(page.content_path)));
    Section& section = site.sections[index_of(page.section)];
    if (page.kind == PageKind::page) {
      section.pages.push_back(id);
    } else {
      section.index_page = id;
    }
    site.page_by_path[nfc(page.content_path)] = id;
  }
}

// Which sections hold pages, directly or in a folder below.
std::vector<bool> sections_with_pages(const Site& site) {
  std::vector<bool> has_pages(site.sections.size(), false);
  for (size_t s = site.sections.size(); s-- > 0;) {  // children after parents: visit them first
    const Section& section = site.sections[s];
    if (section.index_page || !section.pages.empty()) has_pages[s] = true;
    if (has_pages[s] && section.parent) has_pages[index_of(*section.parent)] = true;
  }
  return has_pages;
}

// Links every section with pages to its parent; one without its _index.md is an error.
void link_sections(Site& site, Diagnostics& diagnostics) {
  const std::vector<bool> has_pages = sections_with_pages(site);
  for (size_t s = 0; s < site.sections.size(); ++s) {
    const Section& section = site.sections[s];
    if (!has_pages[s]) continue;
    if (!section.index_page) {
      if (s == index_of(kRootSection)) {
        diagnostics.error(content_source("_index.md"), 0, 0, tr("the home page content/_index.md is missing"));
      } else {
        diagnostics.error(content_source(section.dir + "/_index.md"), 0, 0,
                          tr("folder has pages but no _index.md: add one with the section's title"));
      }
    }
    if (section.parent) site.sections[index_of(*section.parent)].children.push_back(SectionId{s});
  }
}

// Orders each section's pages and subsections by weight, then title, then path.
void sort_sections(Site& site) {
  auto page_order = [&](PageId a, PageId b) {
    const Page& x = site.page(a);
    const Page& y = site.page(b);
    return std::tie(x.meta.weight, x.meta.title, x.content_path) <
           std::tie(y.meta.weight, y.meta.title, y.content_path);
  };
  for (auto& section : site.sections) {
    std::sort(section.pages.begin(), section.pages.end(), page_order);
    std::sort(section.children.begin(), section.children.end(), [&](SectionId a, SectionId b) {
      const auto pa = site.section(a).index_page;
      const auto pb = site.section(b).index_page;
      if (!pa || !pb) return a < b;
      return page_order(*pa, *pb);
    });
  }
}

}  // namespace

void build_sections(Site& site, std::vector<std::string> directories, Diagnostics& diagnostics) {
  const auto section_of_dir = make_sections(site, std::move(directories));
  place_pages(site, section_of_dir);
  link_sections(site, diagnostics);
  sort_sections(site);
}

}  // namespace mamori
