#include "results/attempt_time.h"

#include <cstdio>

#include "core/date.h"

namespace mamori {
namespace {

// The number held by `text[at, at + digits)`, or -1 when those are not all digits.
int digits_at(std::string_view text, size_t at, size_t digits) {
  int value = 0;
  for (size_t i = at; i < at + digits; ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    value = value * 10 + (text[i] - '0');
  }
  return value;
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
long long days_from_civil(int y, int m, int d) {
  y -= m <= 2 ? 1 : 0;
  const long long era = (y >= 0 ? y : y - 399) / 400;
  const long long yoe = y - era * 400;
  const long long doy = (153LL * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// The inverse of days_from_civil.
Date civil_from_days(long long z) {
  z += 719468;
  const long long era = (z >= 0 ? z : z - 146096) / 146097;
  const long long doe = z - era * 146097;
  const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long long mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return {static_cast<int>(yoe + era * 400 + (m <= 2 ? 1 : 0)), m, d};
}

std::string utc_iso(long long seconds) {
  const long long day = seconds >= 0 ? seconds / 86400 : (seconds - 86399) / 86400;
  const long long in_day = seconds - day * 86400;
  char time[32];
  std::snprintf(time, sizeof time, "T%02lld:%02lld:%02lld.000Z", in_day / 3600, in_day / 60 % 60, in_day % 60);
  return to_iso(civil_from_days(day)) + time;
}

}  // namespace

std::optional<AttemptTime> parse_attempt_time(std::string_view text) {
  // 0123456789012345678901234
  // 2026-12-01 08:30:00 +09:00
  if (text.size() != 26 || text[10] != ' ' || text[13] != ':' || text[16] != ':' || text[19] != ' ' ||
      (text[20] != '+' && text[20] != '-') || text[23] != ':') {
    return std::nullopt;
  }
  const auto date = parse_iso_date(text.substr(0, 10));
  const int hour = digits_at(text, 11, 2), minute = digits_at(text, 14, 2), second = digits_at(text, 17, 2);
  const int offset_hours = digits_at(text, 21, 2), offset_minutes = digits_at(text, 24, 2);
  if (!date || date->year > 9998 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59 ||
      offset_hours < 0 || offset_hours > 14 || offset_minutes < 0 || offset_minutes > 59) {
    return std::nullopt;
  }
  const long long offset = (text[20] == '-' ? -1 : 1) * (offset_hours * 3600LL + offset_minutes * 60LL);
  const long long local =
      days_from_civil(date->year, date->month, date->day) * 86400 + hour * 3600LL + minute * 60LL + second;
  std::string iso(text);
  iso[10] = 'T';
  iso.erase(19, 1);
  return AttemptTime{iso, utc_iso(local - offset)};
}

bool is_local_iso_time(std::string_view text) {
  // 2026-12-01T08:30:00[.123](Z|+09:00)
  if (text.size() < 20 || text[10] != 'T') return false;
  std::string spaced(text.substr(0, 19));
  spaced[10] = ' ';
  std::string_view rest = text.substr(19);
  if (rest.size() > 1 && rest[0] == '.') {
    const size_t digits = rest.find_first_not_of("0123456789", 1);
    if (digits == 1 || digits == std::string_view::npos) return false;
    rest.remove_prefix(digits);
  }
  const std::string offset = rest == "Z" ? "+00:00" : std::string(rest);
  return parse_attempt_time(spaced + " " + offset).has_value();
}

}  // namespace mamori
