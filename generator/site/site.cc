#include "site/site.h"

#include <functional>

#include "core/text.h"

namespace mamori {

std::string fold_case(const std::string& path) {
  return to_lower(nfc(path));
}

bool reserved_for_theme(const std::string& content_path) {
  return fold_case(content_path).starts_with("assets/");
}

std::optional<Diagnostic> OutputClaims::claim(const std::string& output, const std::string& source) {
  const auto [it, inserted] = claims_.emplace(fold_case(output), Claim{output, source});
  if (inserted) return std::nullopt;
  const bool only_case = it->second.output != output;
  Diagnostic d =
      error_at(0, 0,
               "output path '" + output + "' is also produced by " + it->second.source +
                   (only_case ? " (names that differ only in letter case collide on Windows file shares)" : ""));
  d.path = source;
  return d;
}

bool OutputClaims::owns(const std::string& output, const std::string& source) const {
  const auto it = claims_.find(fold_case(output));
  return it == claims_.end() || it->second.output != output || it->second.source == source;
}

const Page* Site::find_page(const std::string& content_path) const {
  const auto it = page_by_path.find(content_path);
  return it == page_by_path.end() ? nullptr : &pages[static_cast<size_t>(it->second)];
}

std::vector<int> Site::reading_order() const {
  std::vector<int> order;
  if (sections.empty()) return order;
  std::function<void(int)> visit = [&](int s) {
    const Section& section = sections[static_cast<size_t>(s)];
    if (section.index_page >= 0) order.push_back(section.index_page);
    for (const int p : section.pages) order.push_back(p);
    for (const int child : section.children) visit(child);
  };
  visit(0);
  return order;
}

}  // namespace mamori
