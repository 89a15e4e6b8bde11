// Calendar dates (front matter `reviewed`, contact tables) and the clock that says
// what today is, behind an interface so tests can fix the date.
#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

namespace mamori {

struct Date {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..days_in_month

  auto operator<=>(const Date&) const = default;
};

bool is_valid_date(int year, int month, int day);

// Parses "YYYY-MM-DD" strictly; nullopt for anything else or an impossible date.
std::optional<Date> parse_iso_date(std::string_view text);

std::string to_iso(const Date& d);       // 2025-05-01
std::string to_japanese(const Date& d);  // 2025年5月1日

// Whole months from `from` to `to` (negative when `to` is earlier); a month counts once
// its day is reached: 2025-01-31 → 2025-02-28 is 0 months, → 2025-03-01 is 1.
int months_between(const Date& from, const Date& to);

// The first day on which `months` (≥ 0) whole months have passed since `from`, as
// months_between counts them: the same day of the month, or the 1st of the month after when
// that month is shorter (2025-01-31 + 1 → 2025-03-01).
Date months_after(const Date& from, int months);

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Date today() const = 0;
};

// Today in the machine's local time zone. MAMORI_TODAY=YYYY-MM-DD overrides it, so
// that reproducible builds and tests can pin the date.
class SystemClock final : public Clock {
 public:
  Date today() const override;
};

class FixedClock final : public Clock {
 public:
  explicit FixedClock(Date d) : date_(d) {}
  Date today() const override { return date_; }

 private:
  Date date_;
};

}  // namespace mamori
