#include "contacts/phone.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "core/i18n.h"
#include "core/text.h"

namespace mamori {
namespace {

// Maps one UTF-8 character to an ASCII digit, '-', ' ', '(', ')' or '#', or 0.
char simplify(std::string_view ch) {
  if (ch.size() == 1) {
    const char c = ch[0];
    if ((c >= '0' && c <= '9') || c == '-' || c == ' ' || c == '(' || c == ')' || c == '#') return c;
    return 0;
  }
  // Full-width digits U+FF10..U+FF19: EF BC 90..99.
  if (ch.size() == 3 && static_cast<unsigned char>(ch[0]) == 0xEF && static_cast<unsigned char>(ch[1]) == 0xBC) {
    const auto b = static_cast<unsigned char>(ch[2]);
    if (b >= 0x90 && b <= 0x99) return static_cast<char>('0' + (b - 0x90));
    if (b == 0x8D) return '-';  // － U+FF0D
    if (b == 0x88) return '(';  // （ U+FF08
    if (b == 0x89) return ')';  // ） U+FF09
    if (b == 0x83) return '#';  // ＃ U+FF03
  }
  static const std::vector<std::string_view> kHyphens = {"\u2010", "\u2011", "\u2012", "\u2013", "\u2014",
                                                         "\u2015", "\u2212", "\u30FC", "\uFF70", "\u2500"};
  for (const auto h : kHyphens) {
    if (ch == h) return '-';
  }
  if (ch == "\u3000") return ' ';
  return 0;
}

bool is_eleven_digit_prefix(std::string_view first) {
  return first == "050" || first == "070" || first == "080" || first == "090" || first == "0800";
}

// `text` with each character mapped by simplify, or nullopt when one is not allowed.
std::optional<std::string> simplified(std::string_view text) {
  std::string simple;
  for (size_t i = 0; i < text.size();) {
    // A byte that starts no well-formed sequence is taken alone (and refused by simplify).
    const size_t n = std::max<size_t>(utf8_sequence_length(text, i), 1);
    const char c = simplify(text.substr(i, n));
    if (c == 0) return std::nullopt;
    simple += c;
    i += n;
  }
  return simple;
}

// The runs of digits of a simplified number, split at hyphens, spaces and parentheses,
// and whether it starts with '#' (a short number like #9110).
struct Groups {
  std::vector<std::string> digits;
  bool hash = false;
};

// nullopt when '#' stands anywhere but first.
std::optional<Groups> digit_groups(std::string_view simple) {
  Groups groups;
  std::string current;
  for (const char c : simple) {
    if (c >= '0' && c <= '9') {
      current += c;
    } else if (c == '#' && groups.digits.empty() && current.empty() && !groups.hash) {
      groups.hash = true;
    } else if (c == '#') {
      return std::nullopt;
    } else if (!current.empty()) {
      groups.digits.push_back(current);
      current.clear();
    }
  }
  if (!current.empty()) groups.digits.push_back(current);
  return groups;
}

// A number written as one group: only a short number (110, 119, #9110) is one.
Result<PhoneNumber> short_number(std::string_view text, const Groups& groups) {
  const std::string& digits = groups.digits[0];
  const bool hash = groups.hash;
  if ((hash && digits.size() == 4) || (!hash && digits.size() == 3 && digits[0] == '1')) {
    const std::string number = (hash ? "#" : "") + digits;
    return PhoneNumber{number, number};
  }
  return Error{format(tr("'{0}' needs hyphens between the area code and the number, like 052-954-6370"), text)};
}

// A number of three groups: area or service code, then the rest, 10 or 11 digits in all.
Result<PhoneNumber> three_group_number(std::string_view text, const Groups& groups) {
  const auto& g = groups.digits;
  if (groups.hash || g.size() != 3) {
    return Error{format(tr("'{0}' is not a Japanese phone number: write it like 052-954-6370"), text)};
  }
  const size_t digits = g[0].size() + g[1].size() + g[2].size();
  const std::string& first = g[0];
  const size_t expected = is_eleven_digit_prefix(first) ? 11 : 10;
  const bool shape_ok = first[0] == '0' && first.size() >= 2 && first.size() <= 5 && !g[1].empty() &&
                        g[1].size() <= 4 && g[2].size() >= 3 && g[2].size() <= 4;
  if (!shape_ok || digits != expected) {
    return Error{format(tr("'{0}' is not a Japanese phone number: it has {1} digits, expected {2} in three groups like "
                           "052-954-6370"),
                        text, digits, expected)};
  }
  const std::string number = first + "-" + g[1] + "-" + g[2];
  return PhoneNumber{number, number};
}

}  // namespace

Result<PhoneNumber> normalize_phone(std::string_view text) {
  const auto simple = simplified(text);
  if (!simple) {
    return Error{format(tr("'{0}' is not a phone number: only digits and hyphens are allowed (write extensions and "
                           "opening hours in the note)"),
                        text)};
  }
  const auto groups = digit_groups(*simple);
  if (!groups) return Error{format(tr("'{0}' is not a phone number"), text)};
  if (groups->digits.empty()) return Error{format(tr("'{0}' has no digits"), text)};
  if (groups->digits.size() == 1) return short_number(text, *groups);
  return three_group_number(text, *groups);
}

}  // namespace mamori
