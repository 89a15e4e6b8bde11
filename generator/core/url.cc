#include "core/url.h"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "core/text.h"

namespace mamori {
namespace {

// The first `n` characters of what a browser's URL parser sees (WHATWG URL, "basic URL
// parser": leading C0 controls and spaces stripped, tab/LF/CR removed anywhere). It may
// end in white space the parser strips from the end, which no caller looks for.
std::string browser_view_start(std::string_view url, size_t n) {
  size_t i = 0;
  while (i < url.size() && static_cast<unsigned char>(url[i]) <= 0x20) ++i;
  std::string out;
  for (; i < url.size() && out.size() < n; ++i) {
    if (url[i] != '\t' && url[i] != '\n' && url[i] != '\r') out += url[i];
  }
  return out;
}

bool is_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string encode(std::string_view text, std::string_view reserved) {
  std::array<bool, 256> escaped{};  // controls, space, DEL and `reserved`: a table, not a search per byte
  std::fill_n(escaped.begin(), 0x21, true);
  escaped[0x7F] = true;
  for (const char c : reserved) escaped[static_cast<unsigned char>(c)] = true;
  std::string out;
  out.reserve(text.size());
  size_t copied = 0;  // text before this is in `out`
  for (size_t i = 0; i < text.size(); ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    if (!escaped[b]) continue;
    out.append(text.substr(copied, i - copied));
    out += percent_encoded(b);
    copied = i + 1;
  }
  out.append(text.substr(copied));
  return out;
}

}  // namespace

std::string url_scheme(std::string_view url) {
  // The browser's view of the URL (browser_view_start) read only as far as the scheme:
  // every link of every page passes here.
  size_t i = 0;
  while (i < url.size() && static_cast<unsigned char>(url[i]) <= 0x20) ++i;
  std::string scheme;
  for (; i < url.size(); ++i) {
    const char c = url[i];
    if (c == '\t' || c == '\n' || c == '\r') continue;  // the browser removes them anywhere
    if (c == ':') return ascii_lower(scheme);
    const bool allowed = is_alpha(c) || (!scheme.empty() && (is_digit(c) || c == '+' || c == '-' || c == '.'));
    if (!allowed) return {};
    scheme += c;
  }
  return {};
}

UrlKind classify_url(std::string_view url) {
  const std::string scheme = url_scheme(url);
  if (scheme == "http" || scheme == "https") return UrlKind::web;
  if (scheme == "mailto" || scheme == "tel") return UrlKind::contact;
  if (!scheme.empty()) return UrlKind::unsafe;
  const std::string view = browser_view_start(url, 2);
  // "//host/path" and "\\host" leave the site: treat them like an unknown scheme.
  if (view.starts_with("//") || view.starts_with("\\\\") || view.starts_with("/\\") || view.starts_with("\\/")) {
    return UrlKind::unsafe;
  }
  if (view.starts_with('#')) return UrlKind::fragment;
  return UrlKind::relative;
}

bool is_percent_escape(std::string_view text, size_t i) {
  return i + 2 < text.size() && text[i] == '%' && hex_value(text[i + 1]) >= 0 && hex_value(text[i + 2]) >= 0;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (is_percent_escape(text, i)) {
      out += static_cast<char>(hex_value(text[i + 1]) * 16 + hex_value(text[i + 2]));
      i += 2;
      continue;
    }
    out += text[i];
  }
  return out;
}

std::string encode_path(std::string_view path) {
  // ':' too: in the first segment of a relative path ("javascript:x.html", a file name
  // with a colon) it would make the href a URL of another scheme.
  return encode(path, "<>\"`#%?{}|\\^[]':");
}

std::string encode_fragment(std::string_view fragment) {
  return encode(fragment, "\"<>`%#'");
}

UrlParts split_url(std::string_view url) {
  UrlParts parts;
  const size_t hash = url.find('#');
  if (hash != std::string_view::npos) {
    parts.fragment = url.substr(hash + 1);
    parts.has_fragment = true;
    url = url.substr(0, hash);
  }
  const size_t question = url.find('?');
  if (question != std::string_view::npos) {
    parts.query = url.substr(question + 1);
    url = url.substr(0, question);
  }
  parts.path = url;
  return parts;
}

std::optional<AbsoluteUrl> split_absolute_url(std::string_view url) {
  const size_t separator = url.find("://");
  if (separator == std::string_view::npos) return std::nullopt;
  const std::string_view after = url.substr(separator + 3);
  const size_t end = std::min(after.find_first_of("/?#"), after.size());
  return AbsoluteUrl{url.substr(0, separator), after.substr(0, end), after.substr(end)};
}

std::string url_path(std::string_view url) {
  const auto split = split_absolute_url(url);
  if (!split) return {};
  const std::string_view path = split->rest.substr(0, split->rest.find_first_of("?#"));
  return path.empty() ? "/" : std::string(path);
}

namespace {

// The length of the host at the start of an authority without userinfo: an IPv6 literal
// "[…]" of hex digits, ':' (at least one) and '.', or a name up to the first ':'. nullopt for an empty
// host, a bracket that is not such a literal, or a space, tab, CR, LF or one of <>"{}|\^`.
std::optional<size_t> host_length(std::string_view authority) {
  if (authority.starts_with('[')) {
    const size_t close = authority.find(']');
    if (close == std::string_view::npos || close == 1) return std::nullopt;
    const std::string_view literal = authority.substr(1, close - 1);
    const bool ipv6 =
        literal.find(':') != std::string_view::npos &&
        std::all_of(literal.begin(), literal.end(), [](char c) { return hex_value(c) >= 0 || c == ':' || c == '.'; });
    return ipv6 ? std::optional<size_t>(close + 1) : std::nullopt;
  }
  const size_t end = std::min(authority.find(':'), authority.size());
  const std::string_view host = authority.substr(0, end);
  // One pass (find_first_of would search the set once per character of the host).
  const auto refused = [](char c) {
    switch (c) {
      case ' ':
      case '\t':
      case '\r':
      case '\n':
      case '<':
      case '>':
      case '"':
      case '{':
      case '}':
      case '|':
      case '\\':
      case '^':
      case '`':
      case '[':
      case ']':
        return true;
      default:
        return false;
    }
  };
  if (host.empty() || std::any_of(host.begin(), host.end(), refused)) return std::nullopt;
  return end;
}

// The parts parse_web_url keeps, as views into the URL; nullopt where it gives nullopt.
// Allocates nothing: is_web_url runs on every web link of every page.
struct WebParts {
  std::string_view scheme;
  std::string_view host;
  std::string_view port;  // as written, may be empty
};

std::optional<WebParts> web_parts(std::string_view url) {
  const auto split = split_absolute_url(url);
  if (!split) return std::nullopt;
  const std::string_view scheme = split->scheme;
  const bool web =
      (scheme.size() == 4 && starts_with_ci(scheme, "http")) || (scheme.size() == 5 && starts_with_ci(scheme, "https"));
  if (!web) return std::nullopt;
  std::string_view authority = split->authority;
  if (const size_t at = authority.rfind('@'); at != std::string_view::npos) authority.remove_prefix(at + 1);
  const auto host_end = host_length(authority);
  if (!host_end) return std::nullopt;
  const std::string_view after_host = authority.substr(*host_end);
  if (!after_host.empty() && after_host.front() != ':') return std::nullopt;
  const std::string_view port = after_host.empty() ? after_host : after_host.substr(1);
  if (!std::all_of(port.begin(), port.end(), [](char c) { return is_digit(c); })) return std::nullopt;
  return WebParts{split->scheme, authority.substr(0, *host_end), port};
}

}  // namespace

std::optional<WebUrl> parse_web_url(std::string_view url) {
  const auto parts = web_parts(url);
  if (!parts) return std::nullopt;
  WebUrl web;
  web.scheme = ascii_lower(parts->scheme);
  web.host = ascii_lower(parts->host);
  web.port = parts->port.empty() ? (web.scheme == "https" ? "443" : "80") : std::string(parts->port);
  web.path = url_path(url);
  return web;
}

bool has_web_host(std::string_view url) {
  return web_parts(url).has_value();
}

bool is_web_url(std::string_view url) {
  // web_parts wants "http://" or "https://" (any case) at the very start and a host after
  // it ("https:///x" has none); no white space may stand anywhere.
  const bool white =
      std::any_of(url.begin(), url.end(), [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; });
  return !white && web_parts(url).has_value();
}

std::string resolve_url(std::string_view base, std::string_view reference) {
  std::string target(reference);
  if (!url_scheme(target).empty()) return target;
  const auto split = split_absolute_url(base);
  if (!split || !parse_web_url(base)) return target;
  const std::string origin = std::string(split->scheme) + "://" + std::string(split->authority);
  if (target.starts_with("//")) return std::string(split->scheme) + ":" + target;
  if (target.starts_with('/')) return origin + target;
  const std::string path = url_path(base);
  if (target.starts_with('?')) return origin + path + target;
  // Relative to the base path's folder, with ./ and ../ resolved.
  const std::string folder = path.substr(1, path.rfind('/'));
  const auto resolved = resolve_relative(folder, target);
  const bool keep_slash = target.ends_with('/') && resolved && !resolved->empty();
  return origin + "/" + resolved.value_or("") + (keep_slash ? "/" : "");
}

std::optional<std::string> resolve_relative(std::string_view base_dir, std::string_view relative) {
  std::vector<std::string_view> segments;
  auto push = [&](std::string_view path) -> bool {
    size_t start = 0;
    while (start <= path.size()) {
      size_t end = path.find('/', start);
      if (end == std::string_view::npos) end = path.size();
      const std::string_view segment = path.substr(start, end - start);
      if (segment == "..") {
        if (segments.empty()) return false;
        segments.pop_back();
      } else if (!segment.empty() && segment != ".") {
        segments.push_back(segment);
      }
      start = end + 1;
    }
    return true;
  };
  if (!relative.starts_with('/') && !push(base_dir)) return std::nullopt;
  if (!push(relative)) return std::nullopt;
  std::string out;
  for (const auto segment : segments) {
    if (!out.empty()) out += '/';
    out += segment;
  }
  return out;
}

std::string_view dirname(std::string_view path) {
  const size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view{} : path.substr(0, slash);
}

std::string path_to_root(std::string_view from) {
  std::string out;
  for (const char c : from) {
    if (c == '/') out += "../";
  }
  return out;
}

std::string relative_url(std::string_view from, std::string_view to) {
  // Strip the directories both paths share, then climb out of what is left of `from`.
  size_t common = 0;
  size_t i = 0;
  while (i < from.size() && i < to.size() && from[i] == to[i]) {
    if (from[i] == '/') common = i + 1;
    ++i;
  }
  return path_to_root(from.substr(common)) + encode_path(to.substr(common));
}

}  // namespace mamori
