// Input limits for Markdown bodies, checked before cmark-gfm sees the text.
//
// cmark-gfm 0.29.0.gfm.6 (Debian 12) is super-linear on some inputs (images inside
// unclosed brackets, wide tables, long words full of "www."), and slow per character on
// others (about 1–3 µs per list marker, table cell or line, 30 µs per e-mail address).
// These limits keep every page under about half a second to parse; a real page is far
// below each of them (README, "Input limits"). The numbers are measured with
// tests/bench/pathological.py.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "core/diagnostic.h"

namespace mamori {

struct MarkdownLimits {
  size_t max_bytes = size_t{8} << 20;  // the body, in bytes
  int64_t max_lines = 100'000;         // LF, CRLF and CR each end a line
  int64_t max_markup = 100'000;        // characters of kMarkupCharacters
  int64_t max_at_signs = 5'000;        // '@': each may start an e-mail autolink
  int64_t max_table_columns = 100;     // cells in a table's delimiter row, and in any of its rows
  int64_t max_table_cells = 50'000;    // all tables of the page (short rows are padded)
  // Σ over words (runs without white space) of (count of "www.", ':' and '@') × length.
  int64_t max_autolink_work = 10'000'000;
  // Σ over the page's "](" of the "![" before each in its paragraph (a blank line ends one).
  int64_t max_bracket_work = 10'000'000;
};

// The characters that open or close Markdown constructs, counted against max_markup.
inline constexpr std::string_view kMarkupCharacters = "[]()!<>*_~`|\\&@-+.";

// The first limit `body` exceeds, as an error positioned in `body` (line 1 is its first
// line), or nullopt. Linear time, never throws.
std::optional<Diagnostic> check_markdown_limits(std::string_view body, const MarkdownLimits& limits = {});

}  // namespace mamori
