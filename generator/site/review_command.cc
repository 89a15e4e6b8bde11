#include "site/review_command.h"

#include <algorithm>

#include "core/csv.h"
#include "core/i18n.h"
#include "core/text.h"
#include "site/loader.h"

namespace mamori {

namespace {

std::string padded(const std::string& text, size_t width) {
  const size_t shown = display_width(text);
  return text + std::string(width > shown ? width - shown : 0, ' ');
}

// The first line: what is overdue on `today`. Each case is a whole sentence, so that a
// translation can word it as its language does.
std::string summary(const std::vector<OverdueItem>& items, int stale_after_months, const Date& today) {
  const std::string day = to_iso(today);
  if (items.empty()) {
    return format(tr("mamori review: on {0}, nothing is overdue for review (stale_after_months = {1})"), day,
                  stale_after_months);
  }
  const size_t pages = std::count_if(items.begin(), items.end(), [](const OverdueItem& i) { return !i.contact_table; });
  if (pages == 0) {
    return format(tr("mamori review: on {0}, the contact table is overdue for review (stale_after_months = {1}), "
                     "oldest first:"),
                  day, stale_after_months);
  }
  const char* sentence =
      pages == items.size()
          ? tr_n("mamori review: on {0}, {1} page is overdue for review (stale_after_months = {2}), oldest first:",
                 "mamori review: on {0}, {1} pages are overdue for review (stale_after_months = {2}), oldest first:",
                 pages)
          : tr_n(
                "mamori review: on {0}, {1} page and the contact table are overdue for review "
                "(stale_after_months = {2}), oldest first:",
                "mamori review: on {0}, {1} pages and the contact table are overdue for review "
                "(stale_after_months = {2}), oldest first:",
                pages);
  return format(sentence, day, pages, stale_after_months);
}

// The widths of the columns: the widest of the heading and the values (display width,
// as a translated heading may be wider than the English one).
struct ColumnWidths {
  size_t reviewed = 10;  // an ISO date
  size_t due = 10;
  size_t overdue = 10;
  size_t file = 0;
};

std::string months_text(int months) {
  return format(tr_n("{0} month", "{0} months", static_cast<unsigned long>(months)), months);
}

std::string heading_line(const ColumnWidths& w) {
  return "  " + padded(tr("reviewed"), w.reviewed) + "  " + padded(tr("due"), w.due) + "  " +
         padded(tr("overdue"), w.overdue) + "  " + padded(tr("file"), w.file) + "  " + tr("title") + "\n";
}

}  // namespace

std::string review_text(const std::vector<OverdueItem>& items, int stale_after_months, const Date& today) {
  std::string out = summary(items, stale_after_months, today) + "\n";
  if (items.empty()) return out;
  ColumnWidths w;
  w.reviewed = std::max(w.reviewed, display_width(tr("reviewed")));
  w.due = std::max(w.due, display_width(tr("due")));
  w.overdue = std::max(w.overdue, display_width(tr("overdue")));
  w.file = std::max<size_t>(4, display_width(tr("file")));  // 4: as wide as "file"
  std::vector<std::string> files;
  for (const auto& item : items) {
    files.push_back(printable_text(item.source));
    w.file = std::max(w.file, display_width(files.back()));
  }
  out += heading_line(w);
  for (size_t i = 0; i < items.size(); ++i) {
    const OverdueItem& item = items[i];
    out += "  " + padded(to_iso(item.reviewed), w.reviewed) + "  " + padded(to_iso(item.due), w.due) + "  " +
           padded(months_text(item.months_overdue), w.overdue) + "  " + padded(files[i], w.file) + "  " +
           printable_text(item.title) + "\n";
  }
  out += std::string(tr("Check each against its sources, then update its 'reviewed' date.")) + "\n";
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
    run.messages.push_back("mamori: error: " +
                           format(tr("unknown format '{0}': use text or csv"), printable_text(options.format)));
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
    run.messages.push_back(tr("mamori: fix these errors first (mamori check shows them all); nothing was reviewed"));
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
