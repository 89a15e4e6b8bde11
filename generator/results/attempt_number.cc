#include "results/attempt_number.h"

#include "core/hashing.h"
#include "core/text.h"

namespace mamori {
namespace {

std::string hex8(uint32_t value) {
  std::string out(8, '0');
  for (int i = 7; i >= 0; --i, value >>= 4) out[static_cast<size_t>(i)] = hex_digit(value & 0x0F);
  return out;
}

}  // namespace

std::string attempt_number(std::string_view quiz_id, std::string_view date_utc, std::string_view seed,
                           std::string_view local_day) {
  std::string day;
  for (const char c : local_day) {
    if (c != '-') day += c;
  }
  const std::string hashed = std::string(quiz_id) + "\n" + std::string(date_utc) + "\n" + std::string(seed);
  return day + "-" + hex8(fnv1a32(hashed));
}

NumberCheck check_attempt_number(const ResultRecord& r) {
  if (r.number.empty() || r.seed.empty() || r.date_utc.empty()) return NumberCheck::not_checkable;
  if (r.date_local.size() >= 10) {
    const std::string expected = attempt_number(r.quiz_id, r.date_utc, r.seed, r.date_local.substr(0, 10));
    return r.number == expected ? NumberCheck::matches : NumberCheck::differs;
  }
  const std::string suffix = attempt_number(r.quiz_id, r.date_utc, r.seed, "");  // "-XXXXXXXX"
  const bool same = r.number.size() > suffix.size() && r.number.ends_with(suffix);
  return same ? NumberCheck::matches : NumberCheck::differs;
}

}  // namespace mamori
