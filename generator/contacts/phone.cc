#include "contacts/phone.h"

#include <vector>

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

size_t utf8_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

bool is_eleven_digit_prefix(std::string_view first) {
  return first == "050" || first == "070" || first == "080" || first == "090" || first == "0800";
}

}  // namespace

Result<PhoneNumber> normalize_phone(std::string_view text) {
  std::string simple;
  for (size_t i = 0; i < text.size();) {
    const size_t n = std::min(utf8_length(static_cast<unsigned char>(text[i])), text.size() - i);
    const char c = simplify(text.substr(i, n));
    if (c == 0) {
      return Error{"'" + std::string(text) + "' is not a phone number: only digits and hyphens are allowed" +
                   " (write extensions and opening hours in the note)"};
    }
    simple += c;
    i += n;
  }
  // Groups: runs of digits separated by hyphens, spaces or parentheses.
  std::vector<std::string> groups;
  std::string current;
  bool hash = false;
  for (const char c : simple) {
    if (c >= '0' && c <= '9') {
      current += c;
    } else if (c == '#' && groups.empty() && current.empty() && !hash) {
      hash = true;
    } else if (c == '#') {
      return Error{"'" + std::string(text) + "' is not a phone number"};
    } else if (!current.empty()) {
      groups.push_back(current);
      current.clear();
    }
  }
  if (!current.empty()) groups.push_back(current);
  if (groups.empty()) return Error{"'" + std::string(text) + "' has no digits"};

  if (groups.size() == 1) {
    const std::string& digits = groups[0];
    const bool short_number = (hash && digits.size() == 4) || (!hash && digits.size() == 3 && digits[0] == '1');
    if (short_number) {
      const std::string number = (hash ? "#" : "") + digits;
      return PhoneNumber{number, number};
    }
    return Error{"'" + std::string(text) + "' needs hyphens between the area code and the number, like 052-954-6370"};
  }
  if (hash || groups.size() != 3) {
    return Error{"'" + std::string(text) + "' is not a Japanese phone number: write it like 052-954-6370"};
  }
  size_t digits = 0;
  for (const auto& g : groups) digits += g.size();
  const std::string& first = groups[0];
  const size_t expected = is_eleven_digit_prefix(first) ? 11 : 10;
  const bool shape_ok = first[0] == '0' && first.size() >= 2 && first.size() <= 5 && !groups[1].empty() &&
                        groups[1].size() <= 4 && groups[2].size() >= 3 && groups[2].size() <= 4;
  if (!shape_ok || digits != expected) {
    return Error{"'" + std::string(text) + "' is not a Japanese phone number: it has " + std::to_string(digits) +
                 " digits, expected " + std::to_string(expected) + " in three groups like 052-954-6370"};
  }
  const std::string number = first + "-" + groups[1] + "-" + groups[2];
  return PhoneNumber{number, number};
}

}  // namespace mamori
