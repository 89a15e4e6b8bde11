// URLs as they appear in content: classification, safety, and relative paths between
// built pages.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mamori {

enum class UrlKind {
  web,       // http:, https:
  contact,   // mailto:, tel:
  fragment,  // "#heading" on the same page
  relative,  // a path relative to the current file
  unsafe,    // javascript:, data:, vbscript:, file:, any other scheme, or "//host"
};

// Classifies a URL the way a browser would read it: ASCII tab and newline characters are
// ignored and leading control characters and spaces are stripped first, so
// "java\tscript:" is recognised as the javascript: scheme.
UrlKind classify_url(std::string_view url);

// The lower-cased scheme ("https"), or "" for a relative URL.
std::string url_scheme(std::string_view url);

bool is_web_url(std::string_view url);

// Decodes %XX sequences (invalid ones are left as they are).
std::string percent_decode(std::string_view text);

// Percent-encodes what may not stand raw in an href path: ASCII controls, space and
// "<>\"`#%?{}|\\^[]", keeping '/' and non-ASCII UTF-8 (valid in HTML as IRIs).
std::string encode_path(std::string_view path);

// Percent-encodes what may not stand raw in a fragment: ASCII controls, space, '"', '<',
// '>', '`', '%' and '#'.
std::string encode_fragment(std::string_view fragment);

struct UrlParts {
  std::string_view path;
  std::string_view query;     // without '?'
  std::string_view fragment;  // without '#'
  bool has_fragment = false;
};
UrlParts split_url(std::string_view url);

// Joins a '/'-separated relative path onto a directory and resolves "." and "..".
// Returns nullopt when the result would climb above the root ("" is the root).
std::optional<std::string> resolve_relative(std::string_view base_dir, std::string_view relative);

// The directory part of a '/'-separated path ("a/b.md" → "a", "b.md" → "").
std::string_view dirname(std::string_view path);

// The relative URL that leads from the page at output path `from` to output path `to`,
// both relative to the site root: ("a/b.html", "c/index.html") → "../c/index.html".
std::string relative_url(std::string_view from, std::string_view to);

// "../" repeated once for every directory in `from` ("a/b/c.html" → "../../").
std::string path_to_root(std::string_view from);

}  // namespace mamori
