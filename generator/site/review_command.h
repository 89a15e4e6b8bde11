// `mamori review`: the pages and the contact table that are overdue for review
// (site/review.h), oldest first, for the editors at the time they run it.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/date.h"
#include "site/review.h"

namespace mamori {

struct ReviewOptions {
  std::filesystem::path root = ".";
  std::string format = "text";   // text or csv
  const Clock* clock = nullptr;  // null: the system clock (MAMORI_TODAY pins it)
};

struct ReviewRun {
  std::string output;                 // for standard output, in the chosen format
  std::vector<std::string> messages;  // for standard error: why the project could not be read
  int exit_status = 0;                // 0 nothing overdue; 1 something is; 2 the project could not be read
};

ReviewRun run_review(const ReviewOptions& options);

// The list for a terminal: a summary line, then one line per item. Text from files is
// made printable.
std::string review_text(const std::vector<OverdueItem>& items, int stale_after_months, const Date& today);

// The list for a spreadsheet: UTF-8 with BOM, CRLF, Japanese headers
// (ファイル,タイトル,最終確認日,確認期限,経過月数,超過月数), every cell neutralised against formulas.
std::string review_csv(const std::vector<OverdueItem>& items);

}  // namespace mamori
