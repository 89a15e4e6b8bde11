#include "search/postings.h"

namespace mamori {

void append_index_number(std::string& out, uint32_t n) {
  char digits[7];  // 32 bits need at most 7 base-32 digits
  size_t count = 0;
  do {
    digits[count++] = static_cast<char>(n % 32);
    n /= 32;
  } while (n != 0);
  for (size_t i = count; i-- > 1;) out.push_back(kContinueDigits[static_cast<size_t>(digits[i])]);
  out.push_back(kFinalDigits[static_cast<size_t>(digits[0])]);
}

std::optional<uint32_t> read_index_number(std::string_view text, size_t& at) {
  uint64_t value = 0;
  for (size_t digits = 0; at < text.size() && digits < 7; ++digits) {
    const char c = text[at++];
    if (const size_t d = kFinalDigits.find(c); d != std::string_view::npos) {
      value = value * 32 + d;
      if (value > UINT32_MAX) return std::nullopt;
      return static_cast<uint32_t>(value);
    }
    const size_t d = kContinueDigits.find(c);
    if (d == std::string_view::npos) return std::nullopt;
    value = value * 32 + d;
  }
  return std::nullopt;
}

void append_varint(std::string& out, uint32_t n) {
  while (n >= 0x80) {
    out.push_back(static_cast<char>((n & 0x7F) | 0x80));
    n >>= 7;
  }
  out.push_back(static_cast<char>(n));
}

uint32_t read_varint(std::string_view bytes, size_t& at) {
  uint32_t value = 0;
  for (int shift = 0; at < bytes.size() && shift < 32; shift += 7) {
    const auto byte = static_cast<unsigned char>(bytes[at++]);
    value |= static_cast<uint32_t>(byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) break;
  }
  return value;
}

}  // namespace mamori
