// Markdown bodies → safe HTML, with heading ids and rewritten links (cmark-gfm).
//
// Safety contract: raw HTML in the source never reaches the output (it is dropped with a
// warning), and no href or src other than http(s), mailto, tel, in-page fragments and
// what the LinkResolver returns is ever written.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"

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

// Resolves links that are relative paths (to other pages, files in content/).
class LinkResolver {
 public:
  virtual ~LinkResolver() = default;
  // Returns the href (or src) to write for a relative `url` found at (line, column), or
  // nullopt after adding a diagnostic to `out`.
  virtual std::optional<std::string> resolve(std::string_view url, bool image, int line, int column,
                                             std::vector<Diagnostic>& out) const = 0;
};

struct RenderedMarkdown {
  std::string html;
  std::vector<Heading> headings;
  std::vector<LinkOccurrence> links;  // every link and image, in source order
  std::vector<Diagnostic> diagnostics;
};

// Renders `body`, whose first line is line `first_line` of its file. In-page fragment
// links (#id) are checked against the page's own headings.
RenderedMarkdown render_markdown(std::string_view body, int first_line, const LinkResolver& resolver);

}  // namespace mamori
