#include "search/html_text.h"

#include <array>
#include <charconv>
#include <cstdint>
#include <cstring>
#include <utility>

#include <utf8proc.h>

#include "core/text.h"
#include "core/utf8.h"
#include "search/normalise.h"

namespace mamori {
namespace {

// The longest tag name html_text_blocks looks for ("figcaption").
constexpr size_t kMaxTagName = 10;

struct Tag {
  std::array<char, kMaxTagName> lower{};  // the name in lower case, without '/'
  size_t size = 0;                        // of the name; longer names are not kept (0)
  bool closing = false;
  std::string_view id;  // in the HTML

  std::string_view name() const { return {lower.data(), size}; }
};

// Parses the tag in `html` between '<' and '>' (exclusive).
Tag parse_tag(std::string_view inside) {
  Tag tag;
  if (!inside.empty() && inside.front() == '/') {
    tag.closing = true;
    inside.remove_prefix(1);
  }
  size_t end = 0;
  while (end < inside.size() && inside[end] != ' ' && inside[end] != '\n' && inside[end] != '/') ++end;
  if (end <= kMaxTagName) {
    for (size_t i = 0; i < end; ++i) tag.lower[i] = ascii_lower_char(inside[i]);
    tag.size = end;
  }
  const size_t id = inside.find(" id=\"");
  if (id != std::string_view::npos) {
    const size_t start = id + 5;
    const size_t close = inside.find('"', start);
    if (close != std::string_view::npos) tag.id = inside.substr(start, close - start);
  }
  return tag;
}

bool is_heading(std::string_view name) {
  return name.size() == 2 && name[0] == 'h' && name[1] >= '1' && name[1] <= '6';
}

bool is_block(std::string_view name) {
  static constexpr std::array<std::string_view, 21> kBlocks = {
      "p",  "li", "ul", "ol", "tr", "td",      "th",      "table",      "blockquote", "pre",  "div",
      "br", "hr", "dt", "dd", "dl", "section", "caption", "figcaption", "thead",      "tbody"};
  for (const auto b : kBlocks) {
    if (name == b) return true;
  }
  return is_heading(name);
}

// Japanese text and its punctuation (。、「」): full-width characters, between which a line
// break of the Markdown source is no space.
bool is_wide(char32_t cp) {
  if (cp < 0x80) return false;  // utf8proc_charwidth: 0 or 1
  return search_class(cp) == SearchClass::japanese || utf8proc_charwidth(static_cast<utf8proc_int32_t>(cp)) == 2;
}

// Text with white space collapsed as html_text_blocks describes.
class TextCollector {
 public:
  void text(std::string_view decoded);
  void separate() {
    if (!out_.empty()) pending_ = Space::hard;
  }
  std::string take() {
    pending_ = Space::none;
    last_wide_ = false;
    return std::exchange(out_, {});
  }

 private:
  enum class Space { none, soft, line, hard };
  std::string out_;
  Space pending_ = Space::none;
  bool last_wide_ = false;
};

// Whether the last code point of `run` (white space free) is wide. Decoding from the
// start takes a code point at every byte that is no continuation byte, so the last one
// starts at the last such byte; an invalid byte there is not wide.
bool ends_wide(std::string_view run) {
  size_t start = run.size() - 1;
  while (start > 0 && run.size() - start < 4 && (static_cast<unsigned char>(run[start]) & 0xC0) == 0x80) --start;
  char32_t cp = 0;
  const size_t length = decode_utf8(run, start, cp);
  return length != 0 && start + length == run.size() && is_wide(cp);
}

// Scanning eight bytes at a time: most of a page is long runs of text with no white space,
// '<' or '&'. Each function skips from `at` the whole words that hold none of its bytes and
// stops at (or before) the first that may; the caller checks byte by byte from there.
constexpr uint64_t kOnes = 0x0101010101010101ULL;
constexpr uint64_t kHighs = 0x8080808080808080ULL;

uint64_t word_at(std::string_view text, size_t at) {
  uint64_t word = 0;
  std::memcpy(&word, text.data() + at, sizeof word);
  return word;
}

// Bit Twiddling Hacks' haszero: whether a byte of `word` is 0.
bool has_zero_byte(uint64_t word) {
  return ((word - kOnes) & ~word & kHighs) != 0;
}

size_t skip_without_space(std::string_view text, size_t at) {
  // A byte below 0x21: every white space character is one (haslessthan).
  while (at + 8 <= text.size() && ((word_at(text, at) - kOnes * 0x21) & ~word_at(text, at) & kHighs) == 0) at += 8;
  return at;
}

size_t skip_without_markup(std::string_view text, size_t at) {
  while (at + 8 <= text.size() && !has_zero_byte(word_at(text, at) ^ (kOnes * '<')) &&
         !has_zero_byte(word_at(text, at) ^ (kOnes * '&'))) {
    at += 8;
  }
  return at;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

// Takes a run of text without white space at a time: only its first code point decides
// whether a pending line break joins it to the text before, and only its last whether the
// next one may.
void TextCollector::text(std::string_view decoded) {
  for (size_t i = 0; i < decoded.size();) {
    const char c = decoded[i];
    if (is_space(c)) {
      if (!out_.empty()) pending_ = std::max(pending_, c == '\n' ? Space::line : Space::soft);
      ++i;
      continue;
    }
    size_t end = skip_without_space(decoded, i + 1);
    while (end < decoded.size() && !is_space(decoded[end])) ++end;
    if (pending_ != Space::none) {
      char32_t cp = 0;
      const size_t length = decode_utf8(decoded, i, cp);
      const bool joined = pending_ == Space::line && last_wide_ && length != 0 && is_wide(cp);
      if (!joined) out_ += ' ';
      pending_ = Space::none;
    }
    const std::string_view run = decoded.substr(i, end - i);
    out_.append(run);
    last_wide_ = ends_wide(run);
    i = end;
  }
}

// Decodes the character reference at html[at] ('&'); returns its text and moves past it,
// or "&" when it is not one.
std::string entity(std::string_view html, size_t& at) {
  const size_t semi = html.find(';', at);
  if (semi == std::string_view::npos || semi - at > 10) {
    ++at;
    return "&";
  }
  const std::string_view name = html.substr(at + 1, semi - at - 1);
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kNamed = {
      {{"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"#39", "'"}, {"nbsp", " "}}};
  for (const auto& [n, text] : kNamed) {
    if (name == n) {
      at = semi + 1;
      return std::string(text);
    }
  }
  if (name.size() < 2 || name[0] != '#') {
    ++at;
    return "&";
  }
  unsigned value = 0;
  const bool hex = name.size() > 2 && name[0] == '#' && (name[1] == 'x' || name[1] == 'X');
  const std::string_view digits = name.substr(hex ? 2 : 1);
  const auto parsed = std::from_chars(digits.data(), digits.data() + digits.size(), value, hex ? 16 : 10);
  if (parsed.ec != std::errc() || parsed.ptr != digits.data() + digits.size() || value == 0 || value > 0x10FFFF ||
      (value >= 0xD800 && value <= 0xDFFF)) {
    ++at;
    return "&";
  }
  at = semi + 1;
  std::string out;
  append_utf8(out, static_cast<char32_t>(value));
  return out;
}

}  // namespace

std::vector<SearchBlock> html_text_blocks(std::string_view html) {
  std::vector<SearchBlock> blocks(1);
  TextCollector text;
  TextCollector heading;
  std::string heading_id;  // while inside a heading with an id
  bool in_heading = false;
  auto finish_block = [&] {
    blocks.back().text = text.take();
    if (blocks.back().text.empty() && blocks.back().heading.empty()) blocks.pop_back();
  };
  for (size_t at = 0; at < html.size();) {
    TextCollector& into = in_heading ? heading : text;
    if (html[at] == '&') {
      into.text(entity(html, at));
      continue;
    }
    if (html[at] != '<') {
      size_t end = skip_without_markup(html, at + 1);  // find_first_of would call memchr per byte
      while (end < html.size() && html[end] != '<' && html[end] != '&') ++end;
      into.text(html.substr(at, end - at));
      at = end;
      continue;
    }
    const size_t close = html.find('>', at);
    if (close == std::string_view::npos) break;
    const Tag tag = parse_tag(html.substr(at + 1, close - at - 1));
    at = close + 1;
    if (is_heading(tag.name()) && !tag.closing && !tag.id.empty()) {
      finish_block();
      blocks.push_back(SearchBlock{std::string(tag.id), "", ""});
      in_heading = true;
    } else if (is_heading(tag.name()) && tag.closing && in_heading) {
      blocks.back().heading = heading.take();
      in_heading = false;
    } else if (is_block(tag.name())) {
      into.separate();
    }
  }
  if (in_heading) blocks.back().heading = heading.take();
  finish_block();
  return blocks;
}

}  // namespace mamori
