#include "site/reading_time.h"

namespace mamori {

size_t text_length(std::string_view html) {
  size_t count = 0;
  for (size_t i = 0; i < html.size(); ++i) {
    const char c = html[i];
    if (c == '<') {  // a tag, a comment: the renderer writes '<' in text as &lt;
      const size_t end = html.find('>', i);
      if (end == std::string_view::npos) break;
      i = end;
    } else if (c == '&') {
      const size_t end = html.find(';', i);
      if (end != std::string_view::npos && end - i <= 32) i = end;  // one character
      ++count;
    } else if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      continue;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
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
