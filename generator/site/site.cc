#include "site/site.h"

#include "core/i18n.h"
#include "core/text.h"

namespace mamori {

std::string fold_case(const std::string& path) {
  return to_lower(nfc(path));
}

bool reserved_for_theme(const std::string& content_path) {
  return fold_case(content_path).starts_with("assets/");
}

bool reserved_for_search(const std::string& content_path) {
  return fold_case(content_path).starts_with("search/");
}

bool OutputClaims::claim(const std::string& output, const std::string& source, Diagnostics& diagnostics) {
  const auto [it, inserted] = claims_.emplace(fold_case(output), Claim{output, source});
  if (inserted) return true;
  const bool only_case = it->second.output != output;
  diagnostics.error(source, 0, 0,
                    format(only_case ? tr("output path '{0}' is also produced by {1} (names that differ only in letter "
                                          "case collide on Windows file shares)")
                                     : tr("output path '{0}' is also produced by {1}"),
                           output, it->second.source));
  return false;
}

bool OutputClaims::owns(const std::string& output, const std::string& source) const {
  const auto it = claims_.find(fold_case(output));
  return it == claims_.end() || it->second.output != output || it->second.source == source;
}

std::optional<PageId> Site::page_id(const std::string& content_path) const {
  const auto it = page_by_path.find(content_path);
  if (it == page_by_path.end()) return std::nullopt;
  return it->second;
}

const Page* Site::find_page(const std::string& content_path) const {
  const auto id = page_id(content_path);
  return id ? &page(*id) : nullptr;
}

std::vector<std::string> Site::page_paths() const {
  std::vector<std::string> paths;
  paths.reserve(page_by_path.size());
  for (const auto& [path, id] : page_by_path) paths.push_back(path);
  return paths;
}

namespace {

void visit_in_reading_order(const Site& site, SectionId id, std::vector<PageId>& order) {
  const Section& section = site.section(id);
  if (section.index_page) order.push_back(*section.index_page);
  order.insert(order.end(), section.pages.begin(), section.pages.end());
  for (const SectionId child : section.children) visit_in_reading_order(site, child, order);
}

}  // namespace

std::vector<PageId> Site::reading_order() const {
  std::vector<PageId> order;
  if (!sections.empty()) visit_in_reading_order(*this, kRootSection, order);
  return order;
}

}  // namespace mamori
