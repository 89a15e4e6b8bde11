// What the link checker needs to know about an HTML page: its title (to spot "page not
// found" pages served with 200) and whether a #fragment exists on it.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mamori {

// What the link checker reads from a page. A pure function of the bytes: any input, however
// malformed (not UTF-8, NUL bytes, unclosed tags), gives a result and never throws (short of
// running out of memory) — a fuzzer calls it.
struct HtmlProbe {
  std::optional<std::string> title;  // as html_title gives it
  std::vector<std::string> ids;      // values of id= and name= attributes, bytes as written, in order
};
HtmlProbe probe_html(std::string_view html);

// html_title looks for the title in this many bytes at the start of a page.
inline constexpr size_t kTitleScanBytes = size_t{1} << 20;

// The text of the first <title> element, entities for &amp; &lt; &gt; &quot; &#39;
// decoded, white space collapsed and cut to 200 characters; nullopt when there is none
// (yet). The page's bytes are untrusted: the title is printable_text (valid UTF-8, controls
// written as visible escapes), safe for a terminal, a report and the cache.
std::optional<std::string> html_title(std::string_view html);

// True when a title says the page was not found: 「ページが見つかりません」,
// 「お探しのページは見つかりませんでした」, "404 Not Found", "Page not found", …
bool is_not_found_title(std::string_view title);

// The values of id= and name= attributes (quoted or not) whose name stands alone
// (not "data-id=").
std::vector<std::string> html_ids(std::string_view html);

// html_ids for a page that arrives in pieces: appends to `ids` the values from position
// `from` on and returns where to go on once more of the page has come. With `more` (the page
// goes on), it stops before a value that may continue past the end of `html`, so the values
// found over successive calls are those html_ids finds in the whole page, in order, as far as
// it has come. Without `more` it is html_ids from `from` and returns html.size().
size_t scan_html_ids(std::string_view html, size_t from, bool more, std::vector<std::string>& ids);

// True when the page has an element with id="fragment" or an <a name="fragment">.
// `fragment` is compared both as written and percent-decoded (Japanese ids are often
// linked percent-encoded).
bool html_has_fragment(std::string_view html, std::string_view fragment);

bool is_html_content_type(std::string_view content_type);

// The first position from `from` on where `text` holds `lower` (lower-case ASCII), compared
// ASCII case-insensitively; npos when nowhere. Allocates nothing.
size_t find_ascii_ci(std::string_view text, std::string_view lower, size_t from);

}  // namespace mamori
