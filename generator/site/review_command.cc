#include "site/review_command.h"

#include <algorithm>

#include "core/csv.h"
#include "core/text.h"
#include "site/loader.h"

namespace mamori {

namespace {

std::string padded(const std::string& text, size_t width) {
  const size_t shown = display_width(text);
  return text + std::string(width > shown ? width - shown : 0, ' ');
}

// "3 pages and the contact table", "1 page", "the contact table".
std::string what_is_overdue(const std::vector<OverdueItem>& items) {
  const size_t pages = std::count_if(items.begin(), items.end(), [](const OverdueItem& i) { return !i.contact_table; });
  const bool table = pages < items.size();
  std::string out = pages == 0 ? "" : std::to_string(pages) + (pages == 1 ? " page" : " pages");
  if (table) out += pages == 0 ? "the contact table" : " and the contact table";
  return out + (items.size() == 1 ? " is" : " are");
}

}  // namespace

std::string review_text(const std::vector<OverdueItem>& items, int stale_after_months, const Date& today) {
  const std::string setting = "(stale_after_months = " + std::to_string(stale_after_months) + ")";
  if (items.empty()) return "mamori review: on " + to_iso(today) + ", nothing is overdue for review " + setting + "\n";
  std::string out = "mamori review: on " + to_iso(today) + ", " + what_is_overdue(items) + " overdue for review " +
                    setting + ", oldest first:\n";
  size_t width = 4;  // "file"
  std::vector<std::string> files;
  for (const auto& item : items) {
    files.push_back(printable_text(item.source));
    width = std::max(width, display_width(files.back()));
  }
  out += "  reviewed    due         overdue     " + padded("file", width) + "  title\n";
  for (size_t i = 0; i < items.size(); ++i) {
    const OverdueItem& item = items[i];
    const std::string months = std::to_string(item.months_overdue) + (item.months_overdue == 1 ? " month" : " months");
    out += "  " + to_iso(item.reviewed) + "  " + to_iso(item.due) + "  " + padded(months, 10) + "  " +
           padded(files[i], width) + "  " + printable_text(item.title) + "\n";
  }
  out += "Check each against its sources, then update its 'reviewed' date.\n";
  return out;
}

std::string review_csv(const std::vector<OverdueItem>& items) {
  std::string out =
      "\xEF\xBB\xBF" + csv_record({"ファイル", "タイトル", "最終確認日", "確認期限", "経過月数", "超過月数"});
  for (const auto& item : items) {
    out += csv_record({neutralize_cell(item.source), neutralize_cell(item.title), to_iso(item.reviewed),
                       to_iso(item.due), std::to_string(item.months_since), std::to_string(item.months_overdue)});
  }
  return out;
}

ReviewRun run_review(const ReviewOptions& options) {
  ReviewRun run;
  if (options.format != "text" && options.format != "csv") {
    run.messages.push_back("mamori: error: unknown format '" + printable_text(options.format) + "': use text or csv");
    run.exit_status = 2;
    return run;
  }
  Diagnostics diagnostics;
  auto site = load_site(options.root, LoadOptions{}, diagnostics);
  if (!site) {
    run.messages.push_back("mamori: error: " + printable_text(site.error().message));
    run.exit_status = 2;
    return run;
  }
  if (diagnostics.has_errors()) {
    // The dates of pages that do not load cannot be trusted: a partial list would look complete.
    diagnostics.sort();
    for (const auto& d : diagnostics.items()) {
      if (d.severity == Severity::error) run.messages.push_back(format_with_caret(d));
    }
    run.messages.push_back("mamori: fix these errors first (mamori check shows them all); nothing was reviewed");
    run.exit_status = 2;
    return run;
  }
  const SystemClock system_clock;
  const Date today = (options.clock != nullptr ? *options.clock : system_clock).today();
  const std::vector<OverdueItem> items = overdue_items(*site, today);
  run.output = options.format == "csv" ? review_csv(items) : review_text(items, site->config.stale_after_months, today);
  run.exit_status = items.empty() ? 0 : 1;
  return run;
}

}  // namespace mamori
