#include "site/reading_time.h"

#include <bit>
#include <cstdint>
#include <cstring>

namespace mamori {

namespace {

constexpr uint64_t kOnes = 0x0101010101010101;
constexpr uint64_t kLow7 = 0x7F7F7F7F7F7F7F7F;
constexpr uint64_t kHigh = 0x8080808080808080;

// 0x80 in each byte of `word` that equals `c`, 0 in the others (exact: no carry crosses
// from one byte into the next).
uint64_t bytes_equal(uint64_t word, unsigned char c) {
  const uint64_t x = word ^ (kOnes * c);
  return ~(((x & kLow7) + kLow7) | x | kLow7);
}

// How many bytes of a mask made of 0x80s are set.
size_t marked(uint64_t mask) {
  return static_cast<size_t>(((mask >> 7) * kOnes) >> 56);
}

// The characters the first `n` (≤ 8) bytes of `word` hold (REQUIRES: no '<' or '&' among
// them): the bytes that start a UTF-8 sequence, but white space.
size_t length_in(uint64_t word, size_t n) {
  const uint64_t first = n >= 8 ? ~uint64_t{0} : (uint64_t{1} << (8 * n)) - 1;
  const uint64_t continuation = word & ~(word << 1) & kHigh & first;  // 10xxxxxx
  // White space is below 0x21: most words of Japanese text have no such byte at all.
  const bool low_byte = ((word - kOnes * 0x21) & ~word & kHigh) != 0;
  const uint64_t space =
      low_byte
          ? (bytes_equal(word, ' ') | bytes_equal(word, '\n') | bytes_equal(word, '\t') | bytes_equal(word, '\r')) &
                first
          : 0;
  return n - marked(continuation) - marked(space);
}

// Counts the byte at `i` into `count` as text_length does; returns where to go on.
size_t after_byte(std::string_view html, size_t i, size_t& count) {
  const char c = html[i];
  if (c == '<') {  // a tag, a comment: the renderer writes '<' in text as &lt;
    const size_t end = html.find('>', i);
    return end == std::string_view::npos ? html.size() : end + 1;
  }
  if (c == '&') {
    const size_t end = html.find(';', i);
    ++count;
    return (end != std::string_view::npos && end - i <= 32 ? end : i) + 1;  // one character
  }
  if (c != ' ' && c != '\n' && c != '\t' && c != '\r' && (static_cast<unsigned char>(c) & 0xC0) != 0x80) {
    ++count;  // the first byte of a UTF-8 sequence
  }
  return i + 1;
}

}  // namespace

size_t text_length(std::string_view html) {
  size_t count = 0;
  size_t i = 0;
  while (i < html.size()) {
    // The text before the next '<' or '&', eight bytes at a time (the masks assume the
    // first byte is the lowest).
    if (std::endian::native == std::endian::little && html.size() - i >= 8) {
      uint64_t word = 0;
      std::memcpy(&word, html.data() + i, sizeof word);
      const uint64_t special = bytes_equal(word, '<') | bytes_equal(word, '&');
      const size_t plain = special == 0 ? 8 : static_cast<size_t>(std::countr_zero(special)) / 8;
      count += length_in(word, plain);
      i += plain;
      if (plain == 8) continue;
    }
    i = after_byte(html, i, count);
  }
  return count;
}

int reading_minutes(size_t characters) {
  return static_cast<int>((characters + kReadingRate - 1) / kReadingRate);
}

namespace {

// The text length of a section with everything under it.
size_t section_length(const Site& site, SectionId id, const std::vector<size_t>& page_lengths,
                      std::vector<size_t>& totals) {
  const Section& section = site.section(id);
  size_t total = section.index_page ? page_lengths[index_of(*section.index_page)] : 0;
  for (const PageId page : section.pages) total += page_lengths[index_of(page)];
  for (const SectionId child : section.children) total += section_length(site, child, page_lengths, totals);
  totals[index_of(id)] = total;
  return total;
}

}  // namespace

std::vector<int> section_reading_minutes(const Site& site, const std::vector<size_t>& page_lengths) {
  std::vector<size_t> totals(site.sections.size(), 0);
  section_length(site, kRootSection, page_lengths, totals);
  std::vector<int> minutes;
  minutes.reserve(totals.size());
  for (const size_t total : totals) minutes.push_back(reading_minutes(total));
  return minutes;
}

}  // namespace mamori
