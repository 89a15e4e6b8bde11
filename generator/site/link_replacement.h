// Replacing a Markdown link by text and links the generator writes (a contact reference,
// contact_refs.h), inside the cmark-gfm document markdown.cc rewrites.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

struct cmark_node;

namespace mamori {

// A piece of what stands in place of a link: text, or a link with that text when `href` is
// set. Both are escaped when the page is rendered; `href` is written as it is, so it must be
// safe already (tel:, mailto:, http(s): or a relative path the generator made).
struct InlinePiece {
  std::string text;
  std::string href;

  friend bool operator==(const InlinePiece&, const InlinePiece&) = default;
};

// Puts `pieces` in place of `link` (a link node of a cmark-gfm document), freeing the link
// and its text. Text and link nodes go wherever a link may stand, table cells included. An
// Error, with nothing changed, when the link holds an image or another link: markdown.cc
// visits those after the link and must not find them freed.
Result<void> replace_link(cmark_node* link, const std::vector<InlinePiece>& pieces);

}  // namespace mamori
