#include "site.h"

#include <functional>

namespace mamori {

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
