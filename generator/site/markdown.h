// Markdown bodies → safe HTML, with heading ids and rewritten links (cmark-gfm).
//
// Safety contract: raw HTML in the source never reaches the output (it is dropped with a
// warning), and no href or src other than http(s), mailto, tel, in-page fragments and
// what the LinkResolver returns is ever written.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/result.h"
#include "site/link_replacement.h"
#include "site/slug.h"

namespace mamori {

struct Heading {
  int level = 2;     // 1..6
  std::string id;    // unique within the page
  std::string text;  // plain text, explicit {#id} removed
  int line = 0;      // file line
};

struct LinkOccurrence {
  std::string url;  // as written in the source, entities decoded
  int line = 0;     // file line and column (code points)
  int column = 0;
  bool image = false;
};

enum class PageId : size_t;  // site.h: a page of the site being built

// A link to a heading on another page, checked once every page's headings are known
// (check_anchors in page_links.h).
struct PendingAnchor {
  PageId target{};
  std::string fragment;  // decoded
  int line = 0;          // where the link is written (file line and column)
  int column = 0;
};

// Where a relative link leads: the href (or src) to write, and the heading of another page
// it names, if any.
struct ResolvedLink {
  std::string href;
  std::optional<PendingAnchor> anchor;
};

// Resolves links that are relative paths (to other pages, files in content/).
class LinkResolver {
 public:
  virtual ~LinkResolver() = default;
  // Where a relative `url` found at (line, column) leads, or why it leads nowhere (the
  // renderer reports that as an error at the link).
  virtual Result<ResolvedLink> resolve(std::string_view url, bool image, int line, int column) const = 0;
  // A link the resolver replaces by text and links of its own (a reference to a contact,
  // site/contact_refs.h): those, or why there are none (an error at the link); nullopt for an
  // ordinary link.
  virtual std::optional<Result<std::vector<InlinePiece>>> replacement(std::string_view /*url*/, bool /*image*/) const {
    return std::nullopt;
  }
};

struct RenderedMarkdown {
  std::string html;
  std::vector<Heading> headings;
  std::vector<LinkOccurrence> links;   // every link and image, in source order
  std::vector<PendingAnchor> pending;  // headings of other pages that links name
  std::vector<Diagnostic> diagnostics;
};

// Renders `body`, whose first line is line `first_line` of its file. In-page fragment
// links (#id) are checked against the page's own headings. Headings never take an id in
// `reserved_ids` (the theme's own, theme.h); an explicit {#id} that is one is an error.
RenderedMarkdown render_markdown(std::string_view body, int first_line, const LinkResolver& resolver,
                                 const ReservedIds& reserved_ids);

}  // namespace mamori
