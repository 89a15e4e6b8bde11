// Keeping pages current: which pages, and whether the contact table, were reviewed longer
// ago than `stale_after_months` (mamori.toml). That is the editors' job, so it goes to them:
// a warning in every build and check, and the list `mamori review` prints
// (site/review_command.h). Readers see only the date (最終確認日), and a notice only when
// `reader_notice_after_months` asks for one (site/page_view.cc).
#pragma once

#include <string>
#include <vector>

#include "core/date.h"
#include "core/diagnostic.h"
#include "site/site.h"

namespace mamori {

// The contact table's name in the list (its heading on the page).
inline constexpr std::string_view kContactTableTitle = "相談先一覧";

struct OverdueItem {
  std::string source;  // "content/cyber/a.md", "content/contacts.toml"
  std::string title;   // the page's title, or kContactTableTitle
  Date reviewed;
  Date due;                // the day it became overdue: `reviewed` + stale_after_months
  int months_since = 0;    // whole months from `reviewed` to today
  int months_overdue = 0;  // whole months from `due` to today
  int line = 0;            // where 'reviewed' is written
  int column = 0;
  bool contact_table = false;
};

// The pages and the contact table reviewed stale_after_months or more months before
// `today`, oldest first (then by file). Pages without a `reviewed` date are not listed.
std::vector<OverdueItem> overdue_items(const Site& site, const Date& today);

// One warning per overdue item, at its 'reviewed' date, with its age at `today`: a count
// for the editor at the time of the build, never shown to readers.
void warn_overdue(const Site& site, const Date& today, Diagnostics& diagnostics);

}  // namespace mamori
