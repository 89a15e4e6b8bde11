// Reading time per section, computed when the site is built: the characters of the text
// of every page of a section (its own page, its pages and its subsections', rendered, without
// markup or white space), read at kReadingRate characters a minute, rounded up to whole
// minutes. The home page's view shows it per section (page_view.h).
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "site/site.h"

namespace mamori {

// 文字/分: 400–600 characters a minute is the figure commonly given for adults reading
// Japanese; 500 is its middle. Templates get it as `reading_rate`, to state it.
inline constexpr int kReadingRate = 500;

// Characters of text in rendered HTML: tags are not counted, a character reference
// (&amp;, &#12354;) counts as one, white space not at all. Counts code points.
size_t text_length(std::string_view html);

// Whole minutes to read `characters` at kReadingRate, rounded up (0 only for none).
int reading_minutes(size_t characters);

// Minutes per section (indexed by index_of(SectionId)) from the text length of every page
// (indexed by index_of(PageId)): each section counts its own page, its pages, and all of
// its subsections'.
std::vector<int> section_reading_minutes(const Site& site, const std::vector<size_t>& page_lengths);

}  // namespace mamori
