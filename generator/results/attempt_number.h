// The number of an attempt (修了証番号 / 記録番号) as quiz.js makes it (docs/results.md):
// the employee's local day YYYYMMDD, "-", and 8 upper-case hex digits of the FNV-1a (32 bits)
// of the UTF-8 of quiz id + "\n" + attempt.date + "\n" + the seed in decimal.
//
// Checking it catches a record edited carelessly (a score or date changed, a number copied
// from a colleague's certificate), not a forgery: the recipe is public, so whoever edits a
// record can number it again.
#pragma once

#include <string>
#include <string_view>

#include "results/record.h"

namespace mamori {

// The number for these fields; `local_day` is "YYYY-MM-DD".
std::string attempt_number(std::string_view quiz_id, std::string_view date_utc, std::string_view seed,
                           std::string_view local_day);

enum class NumberCheck {
  not_checkable,  // no number, no seed (a CSV has none) or no date
  matches,
  differs,  // the number is not the one the quiz id, date, seed (and local day) give
};

// Whether record `r`'s number is the one its attempt gives. Without attempt.local_date the
// local day is unknown (it was the browser's), and only the 8 hex digits are compared.
NumberCheck check_attempt_number(const ResultRecord& r);

}  // namespace mamori
