#include "site/resource_scan.h"

#include <algorithm>
#include <cctype>
#include <cstdint>

#include "core/text.h"
#include "core/url.h"

namespace mamori {

// find_external_resources_in_html, inside `depth` levels of <iframe srcdoc>.
std::vector<ExternalResource> find_external_resources_in_html_at(std::string_view html, int depth);

namespace {

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

int hex_digit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void append_utf8(uint32_t cp, std::string& out) {
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// The named references that can spell a URL's punctuation. No named reference stands for
// an ASCII letter or digit, and the others are left as they are, which cannot hide a scheme.
struct NamedReference {
  std::string_view name;
  std::string_view text;
};
constexpr NamedReference kNamed[] = {
    {"colon", ":"},    {"sol", "/"},         {"bsol", "\\"},  {"period", "."}, {"comma", ","},  {"semi", ";"},
    {"quest", "?"},    {"num", "#"},         {"commat", "@"}, {"equals", "="}, {"plus", "+"},   {"percnt", "%"},
    {"amp", "&"},      {"AMP", "&"},         {"lt", "<"},     {"LT", "<"},     {"gt", ">"},     {"GT", ">"},
    {"quot", "\""},    {"QUOT", "\""},       {"apos", "'"},   {"lpar", "("},   {"rpar", ")"},   {"lowbar", "_"},
    {"hyphen", "-"},   {"dash", "-"},        {"excl", "!"},   {"dollar", "$"}, {"ast", "*"},    {"Tab", "\t"},
    {"NewLine", "\n"}, {"nbsp", "\xC2\xA0"}, {"lsqb", "["},   {"rsqb", "]"},   {"lbrack", "["}, {"rbrack", "]"}};

// A numeric reference at text[i] == '&', text[i + 1] == '#'; returns the bytes read (0: none).
size_t numeric_reference(std::string_view text, size_t i, std::string& out) {
  size_t j = i + 2;
  const bool hex = j < text.size() && (text[j] == 'x' || text[j] == 'X');
  if (hex) ++j;
  const size_t digits = j;
  uint32_t value = 0;
  for (; j < text.size(); ++j) {
    const int d = hex ? hex_digit(text[j]) : (text[j] >= '0' && text[j] <= '9' ? text[j] - '0' : -1);
    if (d < 0) break;
    value = std::min<uint32_t>(value * (hex ? 16 : 10) + static_cast<uint32_t>(d), 0x110000);
  }
  if (j == digits) return 0;
  if (j < text.size() && text[j] == ';') ++j;  // like browsers, the ';' is optional
  append_utf8(value, out);
  return j - i;
}

// One character reference at text[i] == '&'; returns the bytes read (0 when it is none).
size_t decode_reference(std::string_view text, size_t i, std::string& out) {
  if (i + 1 < text.size() && text[i + 1] == '#') return numeric_reference(text, i, out);
  const std::string_view rest = text.substr(i + 1);
  for (const auto& named : kNamed) {
    if (rest.starts_with(named.name) && rest.substr(named.name.size()).starts_with(';')) {
      out += named.text;
      return named.name.size() + 2;
    }
  }
  return 0;
}

// CSS after escapes and comments: text[i] came from the source at source[i].
struct CssText {
  std::string text;
  std::vector<size_t> source;
  void add(std::string_view bytes, size_t from) {
    text += bytes;
    source.insert(source.end(), bytes.size(), from);
  }
};

// A CSS escape at css[i] == '\\': appends what it stands for and returns the bytes read.
// An escaped quote, parenthesis, backslash or white space becomes \x01, so that it cannot
// end a string or a url( ) early (no scheme holds one).
size_t css_escape(std::string_view css, size_t i, CssText& out) {
  size_t j = i + 1;
  if (j >= css.size()) return 1;
  std::string decoded;
  if (hex_digit(css[j]) >= 0) {
    uint32_t value = 0;
    const size_t start = j;
    while (j < css.size() && j - start < 6 && hex_digit(css[j]) >= 0) {
      value = value * 16 + static_cast<uint32_t>(hex_digit(css[j++]));
    }
    if (j + 1 < css.size() && css[j] == '\r' && css[j + 1] == '\n') ++j;
    if (j < css.size() && is_space(css[j])) ++j;  // one white space ends the escape
    append_utf8(value, decoded);
  } else if (css[j] == '\n' || css[j] == '\r' || css[j] == '\f') {
    return j + 1 - i;  // a line continuation
  } else {
    decoded = std::string(1, css[j++]);
  }
  if (decoded.size() == 1 && std::string_view("\"'()\\ \t\n\r\f").find(decoded[0]) != std::string_view::npos) {
    decoded = "\x01";
  }
  out.add(decoded, i);
  return j - i;
}

// Decodes escapes and drops comments (outside strings), as a CSS tokenizer would.
CssText decode_css(std::string_view css) {
  CssText out;
  out.text.reserve(css.size());
  out.source.reserve(css.size());
  char quote = 0;
  for (size_t i = 0; i < css.size();) {
    const char c = css[i];
    if (c == '\\') {
      i += css_escape(css, i, out);
    } else if (quote == 0 && css.substr(i, 2) == "/*") {
      const size_t end = css.find("*/", i + 2);
      out.add(" ", i);  // a comment separates tokens
      i = end == std::string_view::npos ? css.size() : end + 2;
    } else {
      if (quote == 0 && (c == '"' || c == '\'')) {
        quote = c;
      } else if (c == quote || (quote != 0 && c == '\n')) {
        quote = 0;
      }
      out.add(css.substr(i, 1), i);
      ++i;
    }
  }
  return out;
}

struct Attribute {
  std::string name;
  std::string value;  // character references decoded
  size_t value_offset = 0;
};

// The value of an attribute at html[pos] (just after '=' and white space); sets `pos` after it.
std::string_view attribute_value(std::string_view html, size_t& pos) {
  if (pos < html.size() && (html[pos] == '"' || html[pos] == '\'')) {
    const char quote = html[pos++];
    const size_t end = html.find(quote, pos);
    const size_t stop = end == std::string_view::npos ? html.size() : end;
    const std::string_view value = html.substr(pos, stop - pos);
    pos = std::min(stop + 1, html.size());
    return value;
  }
  const size_t start = pos;
  while (pos < html.size() && !is_space(html[pos]) && html[pos] != '>') ++pos;
  return html.substr(start, pos - start);
}

// Parses the attributes of a start tag from just after its name to its '>'.
// Returns the offset after '>' (at most html.size()).
size_t parse_attributes(std::string_view html, size_t pos, std::vector<Attribute>& attributes) {
  while (pos < html.size()) {
    while (pos < html.size() && (is_space(html[pos]) || html[pos] == '/')) ++pos;
    if (pos >= html.size() || html[pos] == '>') return std::min(pos + 1, html.size());
    const size_t name_start = pos;
    while (pos < html.size() && !is_space(html[pos]) && html[pos] != '=' && html[pos] != '>' && html[pos] != '/') ++pos;
    Attribute attribute;
    attribute.name = ascii_lower(html.substr(name_start, pos - name_start));
    while (pos < html.size() && is_space(html[pos])) ++pos;
    if (pos < html.size() && html[pos] == '=') {
      ++pos;
      while (pos < html.size() && is_space(html[pos])) ++pos;
      const size_t start = pos < html.size() && (html[pos] == '"' || html[pos] == '\'') ? pos + 1 : pos;
      attribute.value = decode_html_references(attribute_value(html, pos));
      attribute.value_offset = start;
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

// The URL of a refresh declaration ("5; url='page.html'"), parsed as browsers do (HTML,
// "shared declarative refresh steps"); "" when there is none.
std::string_view refresh_url(std::string_view content) {
  size_t i = 0;
  auto skip_spaces = [&] {
    while (i < content.size() && is_space(content[i])) ++i;
  };
  skip_spaces();
  while (i < content.size() && ((content[i] >= '0' && content[i] <= '9') || content[i] == '.')) ++i;
  skip_spaces();
  if (i < content.size() && (content[i] == ';' || content[i] == ',')) ++i;
  skip_spaces();
  const size_t before_url = i;
  if (starts_with_ci(content.substr(i), "url")) {
    i += 3;
    skip_spaces();
    if (i < content.size() && content[i] == '=') {
      ++i;
      skip_spaces();
    } else {
      i = before_url;  // "urlpage.html" is a URL itself
    }
  }
  std::string_view url = content.substr(i);
  if (!url.empty() && (url[0] == '"' || url[0] == '\'')) {
    const size_t close = url.find(url[0], 1);
    url = url.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1);
  }
  return trim(url);
}

// A refresh to anything but a relative URL navigates away, which a Content-Security-Policy
// does not stop: any scheme (data: too) or "//host" is refused.
void check_refresh(const Attribute& content, std::vector<ExternalResource>& out) {
  const std::string_view url = refresh_url(content.value);
  if (url.empty() || url.starts_with("{{")) return;
  if (!url_scheme(url).empty() || classify_url(url) == UrlKind::unsafe) {
    out.push_back({content.value_offset, std::string(url), "refresh of <meta>, which would navigate away"});
  }
}

void check_css_attribute(const Attribute& a, const std::string& where, std::vector<ExternalResource>& out) {
  for (auto r : find_external_resources_in_css(a.value)) {
    r.offset = a.value_offset;  // offsets into the decoded value do not map back exactly
    r.what = "style attribute" + where;
    out.push_back(std::move(r));
  }
}

void check_srcset(const Attribute& a, const std::string& where, std::vector<ExternalResource>& out) {
  // "url 1x, url 2x": check each candidate's URL.
  const std::string_view value = a.value;
  size_t start = 0;
  while (start < value.size()) {
    size_t comma = value.find(',', start);
    if (comma == std::string_view::npos) comma = value.size();
    std::string_view candidate = trim(value.substr(start, comma - start));
    candidate = candidate.substr(0, candidate.find(' '));
    check(candidate, a.value_offset, a.name + where, out);
    start = comma + 1;
  }
}

// Attributes whose value a tag loads as it is: src and the like, and href on anything but
// <a> and <area> (SVG <image>, <use>, <feImage>, <script> … load what href names; only <a>
// navigates). <link> and <base> href are checked with their rel (check_tag).
bool loads_value(const std::string& tag, const std::string& name) {
  if (name == "src" || name == "poster" || name == "background") return true;
  const bool href = name == "xlink:href" || (name == "href" && tag != "link" && tag != "base");
  return href && tag != "a" && tag != "area";
}

// What one start tag loads.
void check_tag(const std::string& tag, const std::vector<Attribute>& attributes, int depth,
               std::vector<ExternalResource>& out) {
  std::string rel;
  std::string http_equiv;
  for (const auto& a : attributes) {
    if (a.name == "rel") rel = ascii_lower(a.value);
    if (a.name == "http-equiv") http_equiv = ascii_lower(trim(a.value));
  }
  const std::string where = " of <" + tag + ">";
  for (const auto& a : attributes) {
    if (loads_value(tag, a.name)) {
      check(a.value, a.value_offset, a.name + where, out);
    } else if (a.name == "srcset" || a.name == "imagesrcset") {
      check_srcset(a, where, out);
    } else if (a.name == "data" && tag == "object") {
      check(a.value, a.value_offset, "data" + where, out);
    } else if (a.name == "href" && (tag == "link" || tag == "base")) {
      // <link rel="…"> loads styles, icons, manifests, preloads: all must be local.
      check(a.value, a.value_offset, "href of <" + tag + (rel.empty() ? "" : " rel=\"" + rel + "\"") + ">", out);
    } else if (a.name == "content" && http_equiv == "refresh") {
      check_refresh(a, out);
    } else if (a.name == "style") {
      check_css_attribute(a, where, out);
    } else if (a.name == "srcdoc" && depth < 4) {
      for (auto r : find_external_resources_in_html_at(a.value, depth + 1)) {
        r.offset = a.value_offset;
        r.what += " in srcdoc" + where;
        out.push_back(std::move(r));
      }
    }
  }
}

// The <style> element's text from `pos` (after its start tag); character references are
// decoded too, as they are inside <svg>.
void check_style_element(std::string_view html, size_t pos, std::vector<ExternalResource>& out) {
  const size_t end = html.find("</style", pos);
  const std::string_view css = html.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
  const bool has_references = css.find('&') != std::string_view::npos;
  for (auto r : find_external_resources_in_css(has_references ? decode_html_references(css) : std::string(css))) {
    r.offset = has_references ? pos : r.offset + pos;
    out.push_back(std::move(r));
  }
}

}  // namespace

std::string decode_html_references(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const size_t used = text[i] == '&' ? decode_reference(text, i, out) : 0;
    if (used > 0) {
      i += used;
    } else {
      out += text[i++];
    }
  }
  return out;
}

bool is_external_resource_url(std::string_view url) {
  const std::string scheme = url_scheme(url);
  if (scheme == "data") return false;
  return !scheme.empty() || classify_url(url) == UrlKind::unsafe;
}

std::vector<ExternalResource> find_external_resources_in_html_at(std::string_view html, int depth) {
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
    while (name_end < html.size() && (std::isalnum(static_cast<unsigned char>(html[name_end])) ||
                                      html[name_end] == '-' || html[name_end] == ':')) {
      ++name_end;
    }
    if (name_end == pos + 1) {
      ++pos;
      continue;
    }
    const std::string tag = ascii_lower(html.substr(pos + 1, name_end - pos - 1));
    std::vector<Attribute> attributes;
    pos = parse_attributes(html, name_end, attributes);
    check_tag(tag, attributes, depth, out);
    if (tag == "style") check_style_element(html, pos, out);
  }
  return out;
}

std::vector<ExternalResource> find_external_resources_in_html(std::string_view html) {
  return find_external_resources_in_html_at(html, 0);
}

namespace {

// Each quoted string in the arguments of a function that starts at css[open] == '('
// (image-set(), src()): they are URLs.
void check_function_strings(const CssText& css, size_t open, std::string_view what,
                            std::vector<ExternalResource>& out) {
  int depth = 0;
  for (size_t i = open; i < css.text.size(); ++i) {
    const char c = css.text[i];
    if (c == '(') ++depth;
    if (c == ')' && --depth == 0) return;
    if (c != '"' && c != '\'') continue;
    size_t end = css.text.find(c, i + 1);
    if (end == std::string::npos) end = css.text.size();
    check(std::string_view(css.text).substr(i + 1, end - i - 1), css.source[i], std::string(what), out);
    i = end;
  }
}

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_';
}

}  // namespace

std::vector<ExternalResource> find_external_resources_in_css(std::string_view source) {
  std::vector<ExternalResource> out;
  const CssText css = decode_css(source);
  const std::string_view text = css.text;
  const std::string folded = ascii_lower(text);
  size_t pos = 0;
  while ((pos = folded.find("url(", pos)) != std::string::npos) {
    size_t start = pos + 4;
    while (start < text.size() && is_space(text[start])) ++start;
    char quote = 0;
    if (start < text.size() && (text[start] == '"' || text[start] == '\'')) quote = text[start++];
    size_t end = start;
    while (end < text.size() && text[end] != (quote ? quote : ')')) ++end;
    check(text.substr(start, end - start), css.source[std::min(start, text.size() - 1)], "url() in CSS", out);
    pos = end;
  }
  for (pos = 0; (pos = folded.find("@import", pos)) != std::string::npos;) {
    size_t start = pos + 7;
    while (start < text.size() && is_space(text[start])) ++start;
    if (start < text.size() && (text[start] == '"' || text[start] == '\'')) {
      const char quote = text[start++];
      const size_t end = text.find(quote, start);
      check(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start),
            css.source[std::min(start, text.size() - 1)], "@import in CSS", out);
    }
    pos = start;
  }
  for (const std::string_view function : {"image-set(", "src("}) {
    for (pos = 0; (pos = folded.find(function, pos)) != std::string::npos; pos += function.size()) {
      if (function == "src(" && pos > 0 && is_name_char(folded[pos - 1])) continue;  // not e.g. "mysrc("
      check_function_strings(css, pos + function.size() - 1, std::string(function) + ") in CSS", out);
    }
  }
  return out;
}

}  // namespace mamori
