// Decoding UTF-8 one code point at a time, inline, for the scans every byte of every page
// passes through (the search index, the contact scan, the CJK emphasis rule). text.h's
// utf8_sequence_length and code_point_at are the out-of-line forms of the same rules.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace mamori {

// Decodes the well-formed UTF-8 sequence at text[at] into `cp` and returns its length, or
// returns 0 when the bytes there are not one (the rules of core/text.h's
// utf8_sequence_length). REQUIRES: at < text.size().
// Always inlined: the compiler would otherwise call it for every character of a page.
[[gnu::always_inline]] inline size_t decode_utf8(std::string_view text, size_t at, char32_t& cp) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[at + k]); };
  const unsigned char b0 = byte(0);
  if (b0 < 0x80) {
    cp = b0;
    return 1;
  }
  const size_t left = text.size() - at;
  // Kana, kanji and full-width forms first: three bytes whose lead can be neither overlong
  // (E0) nor a surrogate (ED), so two continuation bytes are all there is to check.
  if (b0 >= 0xE1 && b0 <= 0xEF && b0 != 0xED && left >= 3 && (byte(1) & 0xC0) == 0x80 && (byte(2) & 0xC0) == 0x80) {
    cp = (char32_t{b0} & 0x0F) << 12 | char32_t(byte(1) & 0x3F) << 6 | (byte(2) & 0x3F);
    return 3;
  }
  const auto cont = [&](size_t k) { return k < left && (byte(k) & 0xC0) == 0x80; };
  if (b0 >= 0xC2 && b0 <= 0xDF && cont(1)) {
    cp = (char32_t{b0} & 0x1F) << 6 | (byte(1) & 0x3F);
    return 2;
  }
  if (b0 >= 0xE0 && b0 <= 0xEF && cont(1) && cont(2)) {
    cp = (char32_t{b0} & 0x0F) << 12 | char32_t(byte(1) & 0x3F) << 6 | (byte(2) & 0x3F);
    const bool overlong = b0 == 0xE0 && cp < 0x800;
    const bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
    return overlong || surrogate ? 0 : 3;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4 && cont(1) && cont(2) && cont(3)) {
    cp =
        (char32_t{b0} & 0x07) << 18 | char32_t(byte(1) & 0x3F) << 12 | char32_t(byte(2) & 0x3F) << 6 | (byte(3) & 0x3F);
    return cp < 0x10000 || cp > 0x10FFFF ? 0 : 4;
  }
  return 0;
}

// Appends the UTF-8 form of `cp`. REQUIRES: a Unicode scalar value.
inline void encode_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    const char bytes[] = {static_cast<char>(0xC0 | cp >> 6), static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(bytes, 2);
  } else if (cp < 0x10000) {
    const char bytes[] = {static_cast<char>(0xE0 | cp >> 12), static_cast<char>(0x80 | (cp >> 6 & 0x3F)),
                          static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(bytes, 3);
  } else {
    const char bytes[] = {static_cast<char>(0xF0 | cp >> 18), static_cast<char>(0x80 | (cp >> 12 & 0x3F)),
                          static_cast<char>(0x80 | (cp >> 6 & 0x3F)), static_cast<char>(0x80 | (cp & 0x3F))};
    out.append(bytes, 4);
  }
}

// Whether text[i] starts a three-byte sequence whose lead byte puts no limit on its second
// byte (E1–EC, EE, EF: kana and kanji are E3–E9), so that two continuation bytes make it valid.
// Any `i`: false at or near the end.
[[gnu::always_inline]] inline bool plain_three_bytes(std::string_view text, size_t i) {
  if (i + 2 >= text.size()) return false;
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[i + k]); };
  const unsigned char b0 = byte(0);
  return b0 >= 0xE1 && b0 <= 0xEF && b0 != 0xED && (byte(1) & 0xC0) == 0x80 && (byte(2) & 0xC0) == 0x80;
}

// Whether text[i, i + 6) is two sequences that plain_three_bytes accepts, judged on one
// eight-byte word. REQUIRES: i + 8 <= text.size(), a little-endian machine.
[[gnu::always_inline]] inline bool plain_six_bytes(std::string_view text, size_t i) {
  uint64_t word = 0;
  std::memcpy(&word, text.data() + i, sizeof word);
  constexpr uint64_t kLeadNibbles = 0x00000000F00000F0ULL;       // bytes 0 and 3: 1110xxxx
  constexpr uint64_t kContinuationBits = 0x0000C0C000C0C000ULL;  // bytes 1, 2, 4, 5: 10xxxxxx
  if ((word & (kLeadNibbles | kContinuationBits)) != 0x00008080E08080E0ULL) return false;
  const auto first = static_cast<unsigned char>(word);
  const auto second = static_cast<unsigned char>(word >> 24);
  return first != 0xE0 && first != 0xED && second != 0xE0 && second != 0xED;
}

// The end of the run of sequences plain_three_bytes accepts from `i`: most of Japanese text.
inline size_t plain_run_end(std::string_view text, size_t i) {
  if constexpr (std::endian::native == std::endian::little) {
    while (i + 8 <= text.size() && plain_six_bytes(text, i)) i += 6;
  }
  while (plain_three_bytes(text, i)) i += 3;
  return i;
}

}  // namespace mamori
