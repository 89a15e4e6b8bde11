#include "site/reading_time.h"

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

// The characters eight bytes of text hold (REQUIRES: no '<' or '&' among them): the bytes
// that start a UTF-8 sequence, but white space.
size_t word_length(uint64_t word) {
  const uint64_t continuation = word & ~(word << 1) & kHigh;  // 10xxxxxx
  const uint64_t space =
      bytes_equal(word, ' ') | bytes_equal(word, '\n') | bytes_equal(word, '\t') | bytes_equal(word, '\r');
  return 8 - marked(continuation) - marked(space);
}

}  // namespace

size_t text_length(std::string_view html) {
  size_t count = 0;
  for (size_t i = 0; i < html.size(); ++i) {
    if (html.size() - i >= 8) {  // text between tags, eight bytes at a time
      uint64_t word = 0;
      std::memcpy(&word, html.data() + i, sizeof word);
      if ((bytes_equal(word, '<') | bytes_equal(word, '&')) == 0) {
        count += word_length(word);
        i += 7;
        continue;
      }
    }
    const char c = html[i];
    if (c == '<') {  // a tag, a comment: the renderer writes '<' in text as &lt;
      const size_t end = html.find('>', i);
      if (end == std::string_view::npos) break;
      i = end;
    } else if (c == '&') {
      const size_t end = html.find(';', i);
      if (end != std::string_view::npos && end - i <= 32) i = end;  // one character
      ++count;
    } else if (c != ' ' && c != '\n' && c != '\t' && c != '\r' && (static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++count;  // the first byte of a UTF-8 sequence
    }
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
