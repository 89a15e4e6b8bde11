#include "resource_scan.h"

#include <algorithm>
#include <cctype>

#include "text.h"
#include "url.h"

namespace mamori {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

struct Attribute {
  std::string name;
  std::string_view value;
  size_t value_offset = 0;
};

// Parses the attributes of a start tag from just after its name to its '>'.
// Returns the offset after '>'.
size_t parse_attributes(std::string_view html, size_t pos, std::vector<Attribute>& attributes) {
  while (pos < html.size()) {
    while (pos < html.size() && (is_space(html[pos]) || html[pos] == '/')) ++pos;
    if (pos >= html.size() || html[pos] == '>') return pos + 1;
    const size_t name_start = pos;
    while (pos < html.size() && !is_space(html[pos]) && html[pos] != '=' && html[pos] != '>' && html[pos] != '/') ++pos;
    Attribute attribute;
    attribute.name = lower(html.substr(name_start, pos - name_start));
    while (pos < html.size() && is_space(html[pos])) ++pos;
    if (pos < html.size() && html[pos] == '=') {
      ++pos;
      while (pos < html.size() && is_space(html[pos])) ++pos;
      if (pos < html.size() && (html[pos] == '"' || html[pos] == '\'')) {
        const char quote = html[pos++];
        const size_t end = html.find(quote, pos);
        const size_t stop = end == std::string_view::npos ? html.size() : end;
        attribute.value = html.substr(pos, stop - pos);
        attribute.value_offset = pos;
        pos = stop + 1;
      } else {
        const size_t start = pos;
        while (pos < html.size() && !is_space(html[pos]) && html[pos] != '>') ++pos;
        attribute.value = html.substr(start, pos - start);
        attribute.value_offset = start;
      }
    }
    attributes.push_back(std::move(attribute));
  }
  return pos;
}

void check(std::string_view value, size_t offset, std::string what, std::vector<ExternalResource>& out) {
  const std::string_view trimmed = trim(value);
  if (trimmed.starts_with("{{")) return;
  if (is_external_resource_url(trimmed)) out.push_back({offset, std::string(trimmed), std::move(what)});
}

}  // namespace

bool is_external_resource_url(std::string_view url) {
  const std::string scheme = url_scheme(url);
  if (scheme == "data") return false;
  return !scheme.empty() || classify_url(url) == UrlKind::unsafe;
}

std::vector<ExternalResource> find_external_resources_in_html(std::string_view html) {
  std::vector<ExternalResource> out;
  size_t pos = 0;
  while ((pos = html.find('<', pos)) != std::string_view::npos) {
    if (html.substr(pos, 4) == "<!--") {
      const size_t end = html.find("-->", pos + 4);
      if (end == std::string_view::npos) break;
      pos = end + 3;
      continue;
    }
    size_t name_end = pos + 1;
    while (name_end < html.size() &&
           (std::isalnum(static_cast<unsigned char>(html[name_end])) || html[name_end] == '-'))
      ++name_end;
    if (name_end == pos + 1) {
      ++pos;
      continue;
    }
    const std::string tag = lower(html.substr(pos + 1, name_end - pos - 1));
    std::vector<Attribute> attributes;
    pos = parse_attributes(html, name_end, attributes);
    std::string rel;
    std::string http_equiv;
    for (const auto& a : attributes) {
      if (a.name == "rel") rel = lower(a.value);
      if (a.name == "http-equiv") http_equiv = lower(a.value);
    }
    for (const auto& a : attributes) {
      const std::string where = " of <" + tag + ">";
      if (a.name == "src" || a.name == "poster" || a.name == "background") {
        check(a.value, a.value_offset, a.name + where, out);
      } else if (a.name == "srcset" || a.name == "imagesrcset") {
        // "url 1x, url 2x": check each candidate's URL.
        size_t start = 0;
        while (start < a.value.size()) {
          size_t comma = a.value.find(',', start);
          if (comma == std::string_view::npos) comma = a.value.size();
          std::string_view candidate = trim(a.value.substr(start, comma - start));
          candidate = candidate.substr(0, candidate.find(' '));
          check(candidate, a.value_offset + start, a.name + where, out);
          start = comma + 1;
        }
      } else if (a.name == "data" && tag == "object") {
        check(a.value, a.value_offset, "data" + where, out);
      } else if (a.name == "href" && (tag == "link" || tag == "base")) {
        // <link rel="…"> loads styles, icons, manifests, preloads: all must be local.
        check(a.value, a.value_offset, "href of <" + tag + (rel.empty() ? "" : " rel=\"" + rel + "\"") + ">", out);
      } else if (a.name == "content" && http_equiv == "refresh") {
        const size_t url_at = lower(a.value).find("url=");
        if (url_at != std::string::npos) {
          check(a.value.substr(url_at + 4), a.value_offset + url_at + 4, "refresh of <meta>", out);
        }
      } else if (a.name == "style") {
        for (auto r : find_external_resources_in_css(a.value)) {
          r.offset += a.value_offset;
          r.what = "style attribute" + where;
          out.push_back(std::move(r));
        }
      }
    }
    if (tag == "style") {
      const size_t end = html.find("</style", pos);
      const std::string_view css = html.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
      for (auto r : find_external_resources_in_css(css)) {
        r.offset += pos;
        out.push_back(std::move(r));
      }
    }
  }
  return out;
}

std::vector<ExternalResource> find_external_resources_in_css(std::string_view css) {
  std::vector<ExternalResource> out;
  const std::string folded = lower(css);
  size_t pos = 0;
  while ((pos = folded.find("url(", pos)) != std::string::npos) {
    size_t start = pos + 4;
    while (start < css.size() && is_space(css[start])) ++start;
    char quote = 0;
    if (start < css.size() && (css[start] == '"' || css[start] == '\'')) quote = css[start++];
    size_t end = start;
    while (end < css.size() && css[end] != (quote ? quote : ')')) ++end;
    check(css.substr(start, end - start), start, "url() in CSS", out);
    pos = end;
  }
  pos = 0;
  while ((pos = folded.find("@import", pos)) != std::string::npos) {
    size_t start = pos + 7;
    while (start < css.size() && is_space(css[start])) ++start;
    if (start < css.size() && (css[start] == '"' || css[start] == '\'')) {
      const char quote = css[start++];
      const size_t end = css.find(quote, start);
      check(css.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start), start,
            "@import in CSS", out);
    }
    pos = start;
  }
  return out;
}

}  // namespace mamori
