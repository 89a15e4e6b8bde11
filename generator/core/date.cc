#include "core/date.h"

#include <cstdlib>
#include <ctime>

namespace mamori {

bool is_valid_date(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int last = kDays[month - 1] + (month == 2 && leap ? 1 : 0);
  return day <= last;
}

std::optional<Date> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  auto number = [&](size_t pos, size_t len) -> std::optional<int> {
    int value = 0;
    for (size_t i = pos; i < pos + len; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  const auto y = number(0, 4);
  const auto m = number(5, 2);
  const auto d = number(8, 2);
  if (!y || !m || !d || !is_valid_date(*y, *m, *d)) return std::nullopt;
  return Date{*y, *m, *d};
}

namespace {
std::string zero_padded(int value, size_t width) {
  std::string digits = std::to_string(value);
  if (digits.size() < width) digits.insert(0, width - digits.size(), '0');
  return digits;
}
}  // namespace

std::string to_iso(const Date& d) {
  return zero_padded(d.year, 4) + '-' + zero_padded(d.month, 2) + '-' + zero_padded(d.day, 2);
}

std::string to_japanese(const Date& d) {
  return std::to_string(d.year) + "年" + std::to_string(d.month) + "月" + std::to_string(d.day) + "日";
}

int months_between(const Date& from, const Date& to) {
  int months = (to.year - from.year) * 12 + (to.month - from.month);
  if (months > 0 && to.day < from.day) {
    // The anniversary day has not come yet. A month shorter than `from.day` does not
    // count its last day as the anniversary: Jan 31 → Feb 28 is not yet a month; → Mar 1 is.
    --months;
  } else if (months < 0 && to.day > from.day) {
    ++months;
  }
  return months;
}

Date months_after(const Date& from, int months) {
  const int index = from.year * 12 + (from.month - 1) + months;
  Date d{index / 12, index % 12 + 1, from.day};
  if (!is_valid_date(d.year, d.month, d.day)) {
    // The month is too short for the day: its anniversary is the next month's first day.
    d.day = 1;
    d.month = d.month % 12 + 1;
    if (d.month == 1) ++d.year;
  }
  return d;
}

Date SystemClock::today() const {
  if (const char* fixed = std::getenv("MAMORI_TODAY")) {
    if (const auto d = parse_iso_date(fixed)) return *d;
  }
  const std::time_t now = std::time(nullptr);
  std::tm local{};
  localtime_r(&now, &local);
  return Date{local.tm_year + 1900, local.tm_mon + 1, local.tm_mday};
}

}  // namespace mamori
