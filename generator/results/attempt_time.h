// The time of an attempt as the CSV download writes it (受験日時): the employee's local time
// with its offset from UTC, "2026-12-01 08:30:00 +09:00".
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mamori {

struct AttemptTime {
  std::string local;  // ISO 8601 with the offset, as the JSON's attempt.local_date: "2026-12-01T08:30:00+09:00"
  std::string utc;    // ISO 8601 in UTC, as the JSON's attempt.date: "2026-11-30T23:30:00.000Z"
};

// Parses "YYYY-MM-DD HH:MM:SS ±HH:MM" strictly (a real date up to 9998, so that the UTC time
// has four-digit years too; hours 0–23, minutes and seconds 0–59, an offset of at most 14
// hours); nullopt for anything else.
std::optional<AttemptTime> parse_attempt_time(std::string_view text);

// Whether `text` is an ISO 8601 local time with its offset, as the JSON's attempt.local_date:
// "2026-12-01T08:30:00+09:00" (quiz.js), also with fractions of a second or "Z"; the same
// ranges as parse_attempt_time.
bool is_local_iso_time(std::string_view text);

}  // namespace mamori
