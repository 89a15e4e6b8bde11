// The text of a rendered page body, split at its headings, for the search index.
#pragma once

#include <string_view>
#include <vector>

#include "search/document.h"

namespace mamori {

// Splits HTML as the Markdown renderer writes it (well-formed, text escaped) into blocks:
// the text before the first heading, then one block per h1–h6 with an id. Tags are dropped,
// the entities &amp; &lt; &gt; &quot; &#39; and numeric references decoded; each run of
// white space becomes one space, except that a line break between two full-width characters
// (Japanese text and punctuation) disappears: a sentence wrapped in the Markdown source. Block elements
// separate their text with a space. A block with no text and no heading is left out.
std::vector<SearchBlock> html_text_blocks(std::string_view html);

}  // namespace mamori
