#include "site/review.h"

#include <algorithm>
#include <tuple>

#include "core/i18n.h"

namespace mamori {

namespace {

// An item for something reviewed on `reviewed`, or nothing when it is not overdue.
std::optional<OverdueItem> overdue(const Site& site, const Date& reviewed, const Date& today) {
  const int limit = site.config.stale_after_months;
  const int months = months_between(reviewed, today);
  if (months < limit) return std::nullopt;
  OverdueItem item;
  item.reviewed = reviewed;
  item.due = months_after(reviewed, limit);
  item.months_since = months;
  item.months_overdue = months_between(item.due, today);
  return item;
}

}  // namespace

std::vector<OverdueItem> overdue_items(const Site& site, const Date& today) {
  std::vector<OverdueItem> items;
  for (const auto& page : site.pages) {
    if (!page.meta.reviewed) continue;
    auto item = overdue(site, page.meta.reviewed->value, today);
    if (!item) continue;
    item->source = page.source;
    item->title = page.meta.title;
    item->line = page.meta.reviewed->line;
    item->column = page.meta.reviewed->column;
    items.push_back(std::move(*item));
  }
  if (site.contacts && site.contacts->reviewed) {
    if (auto item = overdue(site, *site.contacts->reviewed, today)) {
      item->source = content_source("contacts.toml");
      item->title = std::string(kContactTableTitle);
      item->line = site.contacts->reviewed_line;
      item->column = site.contacts->reviewed_column;
      item->contact_table = true;
      items.push_back(std::move(*item));
    }
  }
  std::sort(items.begin(), items.end(), [](const OverdueItem& a, const OverdueItem& b) {
    return std::tie(a.reviewed, a.source) < std::tie(b.reviewed, b.source);
  });
  return items;
}

void warn_overdue(const Site& site, const Date& today, Diagnostics& diagnostics) {
  for (const auto& item : overdue_items(site, today)) {
    // Numbers and windows change every year: an old table is worth a warning of its own words.
    const std::string message =
        format(item.contact_table ? tr("the contact table was last reviewed on {0}, {1} months ago: check every number "
                                       "and URL, then update 'reviewed'")
                                  : tr("this page was last reviewed on {0}, {1} months ago: check it against its "
                                       "sources, then update 'reviewed'"),
               to_iso(item.reviewed), item.months_since);
    diagnostics.warning(item.source, item.line, item.column, message);
  }
}

}  // namespace mamori
