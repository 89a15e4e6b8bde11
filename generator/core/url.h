// URLs as they appear in content and in HTTP answers: classification, safety, relative paths
// between built pages, and the parts of an absolute web URL (the one URL parser: the link
// checker uses it too).
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

// An http(s) URL written "scheme://host…" whose host and port parse_web_url accepts; the
// rest may hold anything (a Markdown link's destination may hold spaces: "<https://a.jp/a b>").
bool has_web_host(std::string_view url);

// An http(s) URL written "scheme://host…" with no whitespace, whose host and port
// parse_web_url accepts: what may be cited, fetched or followed as a redirect.
bool is_web_url(std::string_view url);

// Decodes %XX sequences (invalid ones are left as they are).
std::string percent_decode(std::string_view text);

// True when text[i] starts a %XX sequence: '%' and two hex digits (either case).
bool is_percent_escape(std::string_view text, size_t i);

// Percent-encodes what may not stand raw in an href path: ASCII controls, space and
// "<>\"`#%?{}|\\^[]':" (a ':' would turn "javascript:x.html" into a scheme), keeping '/'
// and non-ASCII UTF-8 (valid in HTML as IRIs).
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

// An absolute URL "scheme://authority/rest" cut where it stands, judging nothing: `scheme`
// is everything before the first "://", `authority` runs up to the first '/', '?' or '#'
// after it, and `rest` (path, query and fragment) is the remainder. nullopt without "://".
struct AbsoluteUrl {
  std::string_view scheme;     // as written (any case)
  std::string_view authority;  // as written: [userinfo@]host[:port]
  std::string_view rest;       // as written; may be empty
};
std::optional<AbsoluteUrl> split_absolute_url(std::string_view url);

// The path of an absolute URL: `rest` up to '?' or '#', "/" when that is empty
// ("https://a.jp?q" → "/"); "" when `url` has no "://".
std::string url_path(std::string_view url);

// An http or https URL as a client connects to it.
struct WebUrl {
  std::string scheme;  // "http" or "https" (lower-cased)
  std::string host;    // lower-cased, without userinfo and port; an IPv6 literal keeps "[…]"
  std::string port;    // digits: as written, else "80" for http and "443" for https
  std::string path;    // as url_path
};

// Parses an absolute http or https URL, the scheme in any case. nullopt for another scheme,
// no "://", an empty host, a host holding a space, tab, CR, LF or one of <>"{}|\^`[], a '['
// that does not open an IPv6 literal "[…]" (hex digits, ':' and '.'), or a port that is not
// digits. A fragment is ignored. Never throws, whatever the bytes.
std::optional<WebUrl> parse_web_url(std::string_view url);

// Resolves `reference` (a link, a Location header) against the absolute web URL `base`, as a
// browser does: an absolute reference stays as it is; "//host/p" takes base's scheme, "/p" its
// origin, "?q" its path, and a relative path is joined to base's folder with "." and ".."
// resolved (never above the root). A `base` that parse_web_url refuses gives `reference`
// unchanged. Any bytes: never throws.
std::string resolve_url(std::string_view base, std::string_view reference);

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
