#include "serve/html_injection.h"

#include <optional>

#include "core/text.h"

namespace mamori {
namespace {

// Where `needle` (lower-case ASCII) first occurs in `text` at or after `from`, ignoring
// ASCII case; npos when nowhere.
size_t find_ci(std::string_view text, std::string_view needle, size_t from = 0) {
  for (size_t i = from; i + needle.size() <= text.size(); ++i) {
    if (starts_with_ci(text.substr(i), needle)) return i;
  }
  return std::string_view::npos;
}

struct Span {
  size_t begin = 0;
  size_t end = 0;
};

// The value of the content attribute of the first CSP <meta> before `limit`, as the byte
// range inside its quotes.
std::optional<Span> csp_content(std::string_view html, size_t limit) {
  const size_t meta = find_ci(html.substr(0, limit), "http-equiv=\"content-security-policy\"");
  if (meta == std::string_view::npos) return std::nullopt;
  const size_t tag_end = html.find('>', meta);
  const size_t tag_start = html.rfind('<', meta);
  if (tag_end == std::string_view::npos || tag_start == std::string_view::npos) return std::nullopt;
  const std::string_view tag = html.substr(tag_start, tag_end - tag_start);
  const size_t attribute = find_ci(tag, " content=\"");
  if (attribute == std::string_view::npos) return std::nullopt;
  const size_t begin = tag_start + attribute + 10;
  const size_t end = html.find('"', begin);
  if (end == std::string_view::npos || end > tag_end) return std::nullopt;
  return Span{begin, end};
}

// An attribute value as the browser reads it, for the character references a template
// engine writes (&amp; &lt; &gt; &quot; &apos; &#39; &#x27; &#34;); others stay as they are.
std::string unescape_attribute(std::string_view value) {
  static constexpr std::pair<std::string_view, char> kReferences[] = {
      {"&amp;", '&'},   {"&lt;", '<'},   {"&gt;", '>'},    {"&quot;", '"'},
      {"&apos;", '\''}, {"&#39;", '\''}, {"&#x27;", '\''}, {"&#34;", '"'}};
  std::string out;
  for (size_t i = 0; i < value.size(); ++i) {
    bool replaced = false;
    for (const auto& [reference, c] : kReferences) {
      if (value[i] != '&' || !starts_with_ci(value.substr(i), reference)) continue;
      out += c;
      i += reference.size() - 1;
      replaced = true;
      break;
    }
    if (!replaced) out += value[i];
  }
  return out;
}

}  // namespace

std::string reload_script_tag(int site) {
  return "<script src=\"" + std::string(kReloadScriptPath) + "?site=" + std::to_string(site) + "\" defer></script>";
}

std::string with_connect_self(std::string_view policy) {
  std::string out;
  std::string_view rest = policy;
  while (!rest.empty()) {
    const size_t semicolon = rest.find(';');
    const std::string_view directive = trim(rest.substr(0, semicolon));
    rest = semicolon == std::string_view::npos ? std::string_view() : rest.substr(semicolon + 1);
    if (directive.empty() || starts_with_ci(directive, "connect-src")) continue;
    out += (out.empty() ? "" : "; ") + std::string(directive);
  }
  return out + (out.empty() ? "" : "; ") + "connect-src 'self'";
}

std::string inject_preview(std::string_view html, int site) {
  const size_t head_end = find_ci(html, "</head>");
  const size_t limit = head_end == std::string_view::npos ? html.size() : head_end;
  std::string out;
  out.reserve(html.size() + 128);
  size_t copied = 0;
  if (const auto csp = csp_content(html, limit)) {
    out.append(html.substr(0, csp->begin));
    out += escape_markup(with_connect_self(unescape_attribute(html.substr(csp->begin, csp->end - csp->begin))));
    copied = csp->end;
  }
  out.append(html.substr(copied, limit - copied));
  out += reload_script_tag(site);
  out.append(html.substr(limit));
  return out;
}

}  // namespace mamori
