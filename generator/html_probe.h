// What the link checker needs to know about an HTML page: its title (to spot "page not
// found" pages served with 200) and whether a #fragment exists on it.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mamori {

// The text of the first <title> element, entities for &amp; &lt; &gt; &quot; &#39;
// decoded and white space collapsed; nullopt when there is none (yet).
std::optional<std::string> html_title(std::string_view html);

// True when a title says the page was not found: 「ページが見つかりません」,
// 「お探しのページは見つかりませんでした」, "404 Not Found", "Page not found", …
bool is_not_found_title(std::string_view title);

// True when the page has an element with id="fragment" or an <a name="fragment">.
// `fragment` is compared both as written and percent-decoded (Japanese ids are often
// linked percent-encoded).
bool html_has_fragment(std::string_view html, std::string_view fragment);

bool is_html_content_type(std::string_view content_type);

}  // namespace mamori
