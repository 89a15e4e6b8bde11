// What the search index holds of one page (or of the contact table, or a quiz).
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "search/key_counter.h"

namespace mamori {

// A stretch of a page's text under one heading. The first block of a page is the text
// before its first heading (empty anchor and heading).
struct SearchBlock {
  std::string anchor;   // the heading's id, without '#'
  std::string heading;  // the heading's text
  std::string text;     // white space collapsed
};

struct SearchDocument {
  std::string url;      // relative to the site root: "primer/overview.html"
  std::string title;    // the page's title
  std::string section;  // the title of the section it belongs to ("" for none)
  std::vector<SearchBlock> blocks;
};

// A document ready for the index: its text in NFKC, its keys counted. Made on any
// thread (prepare_search_document), added to the index in order (SearchIndexWriter).
struct PreparedDocument {
  SearchDocument document;
  KeyCounts keys;    // weighted counts, and the length in keys
  std::string json;  // the document as the text chunks hold it (docs/search.md)
  bool cut = false;  // its text went beyond kMaxSearchText
};

// How much an occurrence counts in a document's title and in a heading (docs/search.md).
inline constexpr uint32_t kTitleWeight = 4;
inline constexpr uint32_t kHeadingWeight = 2;

// Limits: a document's text beyond kMaxSearchText bytes is left out of the index (the
// browser refuses to unpack files much larger than a chunk and such a page).
inline constexpr size_t kMaxSearchText = size_t{256} << 10;

// NFKC-normalises the document's fields (cutting its text at kMaxSearchText), counts its
// keys, weighted, and writes its JSON.
PreparedDocument prepare_search_document(SearchDocument document);

}  // namespace mamori
