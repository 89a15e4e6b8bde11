// Japanese phone numbers as people type them, normalised for the contact table.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"

namespace mamori {

struct PhoneNumber {
  std::string display;  // "052-954-6370"
  std::string tel;      // for href="tel:…": "052-954-6370"
};

// Accepts full-width digits and hyphen-like characters (０５２－９５４－６３７０,
// 052ー954ー6370, 052 954 6370, (052) 954-6370) and returns the canonical form with ASCII
// hyphens. A number has three groups: an area or service code starting with 0 (2–5
// digits), then 1–4 and 3–4 digits, 10 digits in all, or 11 for mobile, IP and 0800
// numbers (090-1234-5678, 050-…, 0800-…). Short numbers (110, 119, #9110) are accepted
// as they are. Extensions and anything else are refused.
Result<PhoneNumber> normalize_phone(std::string_view text);

}  // namespace mamori
