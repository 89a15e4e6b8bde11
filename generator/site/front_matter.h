// Splitting a page into its TOML front matter and its Markdown body.
//
//   +++            <- line 1, exactly "+++" (trailing spaces and CR allowed)
//   title = "…"    <- TOML
//   +++
//   Markdown…
#pragma once

#include <optional>
#include <string_view>
#include <variant>

#include "core/diagnostic.h"

namespace mamori {

struct FrontMatterSplit {
  std::string_view toml;  // between the fences, without them
  int toml_first_line = 2;
  std::string_view body;  // after the closing fence's line
  int body_first_line = 0;
};

// `text` must already be free of a BOM. Lines end with LF or CRLF. Errors: no opening
// fence on line 1, or no closing fence (reported at the opening fence, 1:1); when the file
// has CR-only line ends (classic Mac OS), which is why the fence was not found, that is
// reported instead, at the first lone CR. Pure; never throws.
std::variant<FrontMatterSplit, Diagnostic> split_front_matter(std::string_view text);

}  // namespace mamori
