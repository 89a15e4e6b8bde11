#include "site/contact_scan.h"

#include <algorithm>
#include <array>
#include <optional>

#include "contacts/phone.h"
#include "core/text.h"
#include "core/utf8.h"

namespace mamori {
namespace {

// Any character that is none of the ASCII ones below: a Japanese character, a symbol.
constexpr char kOther = '\x02';
// The characters of the prefixes 電話, 電話番号 and ℡, which the scan must recognise.
constexpr char kDen = '\x03';
constexpr char kWa = '\x04';
constexpr char kBan = '\x05';
constexpr char kGo = '\x06';
constexpr char kTelSign = '\x07';

// Non-ASCII characters the scan reads as ASCII ones.
struct Alias {
  char32_t cp;
  char as;
};
constexpr Alias kAliases[] = {
    {0xFF0D, '-'},      {0x2010, '-'}, {0x2011, '-'}, {0x2012, '-'}, {0x2013, '-'}, {0x2014, '-'},
    {0x2015, '-'},      {0x2212, '-'}, {0x30FC, '-'}, {0xFF70, '-'}, {0x2500, '-'},  // hyphen-like
    {0xFF08, '('},      {0xFF09, ')'}, {0xFF20, '@'}, {0xFF1A, ':'}, {0xFF0E, '.'}, {0x3000, ' '},
    {0x2121, kTelSign},  // ℡ (電話番号's kanji: simplify())
};

// One code point as the scan sees it: ASCII as it is; full-width digits, letters and
// punctuation as their ASCII forms; hyphen-like characters as '-'; the characters of 電話番号
// and ℡ as their own codes; anything else kOther.
char simplify(char32_t cp) {
  if (cp < 0x80) return static_cast<char>(cp);
  if (cp >= 0x4E00 && cp <= 0x9FFF) {  // kanji
    switch (cp) {
      case 0x96FB:
        return kDen;
      case 0x8A71:
        return kWa;
      case 0x756A:
        return kBan;
      case 0x53F7:
        return kGo;
      default:
        return kOther;
    }
  }
  if (cp >= 0x3000 && cp <= 0x30FF) {  // Japanese punctuation and kana: most of the rest
    return cp == 0x3000 ? ' ' : cp == 0x30FC ? '-' : kOther;
  }
  if (cp >= 0xFF10 && cp <= 0xFF19) return static_cast<char>('0' + (cp - 0xFF10));
  if (cp >= 0xFF21 && cp <= 0xFF3A) return static_cast<char>('A' + (cp - 0xFF21));
  if (cp >= 0xFF41 && cp <= 0xFF5A) return static_cast<char>('a' + (cp - 0xFF41));
  for (const Alias& alias : kAliases) {
    if (alias.cp == cp) return alias.as;
  }
  return kOther;
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}
bool is_alnum(char c) {
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// The text one character per code point (a byte per character: the scan of a large page
// costs little memory).
struct Simplified {
  std::string chars;                // simplify() of each code point
  std::vector<size_t> line_starts;  // index in `chars` where each line starts
};

Simplified simplified(std::string_view text) {
  Simplified s;
  s.chars.resize(text.size());  // at most one character per byte; cut to size at the end
  char* out = s.chars.data();
  size_t n = 0;
  s.line_starts.push_back(0);
  for (size_t i = 0; i < text.size();) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte < 0x80) {  // ASCII: most of the bytes of a page
      out[n++] = static_cast<char>(byte);
      ++i;
      if (ends_line(text, i - 1)) s.line_starts.push_back(n);  // as positions count lines
      continue;
    }
    char32_t cp = 0;
    const size_t length = decode_utf8(text, i, cp);
    out[n++] = length != 0 ? simplify(cp) : kOther;
    i += std::max<size_t>(length, 1);
  }
  s.chars.resize(n);
  return s;
}

// Whether something the scan looks for may start with character `c`: a phone number ('0',
// '('), an e-mail address (at its '@') or a URL (whose phone-like digits are skipped).
bool may_start(char c) {
  static constexpr auto kStarts = [] {
    std::array<bool, 256> starts{};
    for (const char start : std::string_view("0(@hHwW")) starts[static_cast<unsigned char>(start)] = true;
    return starts;
  }();
  return kStarts[static_cast<unsigned char>(c)];
}

bool starts_with_at(const std::string& chars, size_t k, std::string_view prefix) {
  return k + prefix.size() <= chars.size() && starts_with_ci(std::string_view(chars).substr(k), prefix);
}

// Where a web URL that starts at `k` ends (k itself when none starts there).
size_t url_end(const std::string& chars, size_t k) {
  if (k > 0 && is_alnum(chars[k - 1])) return k;
  if (!starts_with_at(chars, k, "http://") && !starts_with_at(chars, k, "https://") &&
      !starts_with_at(chars, k, "www.")) {
    return k;
  }
  size_t end = k;
  // A URL ends at a space, a control, any non-ASCII character (all below ' ' here) or what
  // closes it in Markdown and HTML.
  while (end < chars.size() && static_cast<unsigned char>(chars[end]) > ' ' &&
         std::string_view("<>\"'`)]|").find(chars[end]) == std::string_view::npos) {
    ++end;
  }
  return end;
}

// Whether a "TEL", "電話", "電話番号" or "℡" stands before index `k`, with at most three spaces,
// colons or dots between.
bool prefixed(const std::string& chars, size_t k) {
  size_t j = k;
  while (j > 0 && (chars[j - 1] == ' ' || chars[j - 1] == ':' || chars[j - 1] == '.') && k - j < 3) --j;
  const std::string_view before = std::string_view(chars).substr(0, j);
  if (before.ends_with(std::string{kDen, kWa}) || before.ends_with(std::string{kDen, kWa, kBan, kGo}) ||
      before.ends_with(kTelSign)) {
    return true;
  }
  return j >= 3 && starts_with_at(chars, j - 3, "tel") && (j == 3 || !is_alnum(chars[j - 4]));
}

// The maximal run of digits from `k`; its end.
size_t digits_end(const std::string& chars, size_t k) {
  while (k < chars.size() && is_digit(chars[k])) ++k;
  return k;
}

// A number's digit groups and where it ends, as one of the written forms matched it.
struct Match {
  std::vector<std::string> groups;
  size_t end = 0;
};

// Reads the pattern `shape` from `k`: 'D' a run of digits, any other character itself.
std::optional<Match> read_shape(const std::string& chars, size_t k, std::string_view shape) {
  Match m;
  for (const char want : shape) {
    if (want == 'D') {
      const size_t end = digits_end(chars, k);
      if (end == k) return std::nullopt;
      m.groups.push_back(chars.substr(k, end - k));
      k = end;
    } else if (k < chars.size() && chars[k] == want) {
      ++k;
    } else {
      return std::nullopt;
    }
  }
  m.end = k;
  return m;
}

// Whether a number may end before `end`: no word, number or path goes on there.
bool ends_cleanly(const std::string& chars, size_t end) {
  if (end >= chars.size()) return true;
  const char next = chars[end];
  if (is_alnum(next) || next == '@') return false;
  const bool continues = std::string_view("-./_(").find(next) != std::string_view::npos;
  return !(continues && end + 1 < chars.size() && is_alnum(chars[end + 1]));
}

// A phone number written in one of the forms contact_scan.h lists, starting at `k`.
std::optional<ContactText> phone_at(const std::string& c, size_t k, size_t& end) {
  if (k > 0 && (is_alnum(c[k - 1]) || std::string_view("-./_#+@%&=~\\").find(c[k - 1]) != std::string_view::npos)) {
    return std::nullopt;
  }
  const bool tel = prefixed(c, k);
  std::vector<std::string_view> shapes = {"(D)D-D", "(D) D-D", "(D)-D-D", "D(D)D", "D-D-D"};
  if (tel) shapes.insert(shapes.end(), {"D D D", "D"});
  for (const std::string_view shape : shapes) {
    const auto m = read_shape(c, k, shape);
    if (!m || !ends_cleanly(c, m->end) || m->groups[0].front() != '0') continue;
    std::string digits;
    for (const auto& g : m->groups) digits += g;
    std::string value;
    if (m->groups.size() == 3) {
      const auto phone = normalize_phone(m->groups[0] + "-" + m->groups[1] + "-" + m->groups[2]);
      if (!phone) continue;
      value = phone->display;
    } else {
      const bool eleven = digits.starts_with("0800") || digits.starts_with("050") || digits.starts_with("070") ||
                          digits.starts_with("080") || digits.starts_with("090");
      if (digits.size() != (eleven ? 11u : 10u)) continue;
      value = digits;
    }
    end = m->end;
    return ContactText{ContactTextKind::phone, value, digits, 0, 0};
  }
  return std::nullopt;
}

bool is_local_char(char c) {
  return is_alnum(c) || std::string_view("._%+-").find(c) != std::string_view::npos;
}
bool is_domain_char(char c) {
  return is_alnum(c) || c == '-' || c == '.';
}

// An e-mail address around the '@' at `at`: its first index in `start`, its end in `end`.
std::optional<ContactText> email_at(const std::string& c, size_t at, size_t& start, size_t& end) {
  start = at;
  while (start > 0 && is_local_char(c[start - 1])) --start;
  while (start < at && c[start] == '.') ++start;
  end = at + 1;
  while (end < c.size() && is_domain_char(c[end])) ++end;
  while (end > at + 1 && (c[end - 1] == '.' || c[end - 1] == '-')) --end;
  if (start == at || end == at + 1) return std::nullopt;
  const std::string domain = c.substr(at + 1, end - at - 1);
  const size_t dot = domain.rfind('.');
  if (dot == std::string::npos || dot == 0 || domain.size() - dot - 1 < 2) return std::nullopt;
  const std::string_view top = std::string_view(domain).substr(dot + 1);
  if (!std::all_of(top.begin(), top.end(), [](char ch) { return is_alnum(ch) && !is_digit(ch); })) return std::nullopt;
  return ContactText{ContactTextKind::email, c.substr(start, end - start), "", 0, 0};
}

// Line and column of the code point at index `k`.
void place(const Simplified& s, size_t k, ContactText& found) {
  const auto line = std::upper_bound(s.line_starts.begin(), s.line_starts.end(), k) - 1;
  found.line = static_cast<int>(line - s.line_starts.begin()) + 1;
  found.column = static_cast<int>(k - *line) + 1;
}

// The scan over simplified characters: what starts at each may_start character, a URL
// skipped whole. Hits are keyed by the index of their first character.
void scan_chars(const std::string& c, std::vector<std::pair<size_t, ContactText>>& found) {
  for (size_t k = 0; k < c.size();) {
    if (!may_start(c[k])) {
      ++k;
      continue;
    }
    if (const size_t after_url = url_end(c, k); after_url != k) {
      k = after_url;
      continue;
    }
    size_t start = k;
    size_t end = k + 1;
    std::optional<ContactText> hit;
    if (c[k] == '0' || (c[k] == '(' && k + 1 < c.size() && c[k + 1] == '0')) {
      hit = phone_at(c, k, end);
    } else if (c[k] == '@') {
      hit = email_at(c, k, start, end);
    }
    if (hit) found.emplace_back(start, std::move(*hit));
    k = hit ? end : k + 1;
  }
}

// Windows. Every lookup of the scan, back and forth, stops at a character that simplify()
// makes kOther (a kana, a kanji, most symbols), and no URL, number or address runs across
// one. So the text falls into segments between such characters that scan alike alone and
// in the whole, and only a segment holding a '0' or an '@' (or their full-width forms) can
// hold a phone number or an address: the rest of a page is not simplified at all.

// Finds, from increasing offsets, the next '0', '@', '０' or '＠': memchr for each, each
// found position kept until the search passes it.
class Anchors {
 public:
  explicit Anchors(std::string_view text)
      : text_(text), zero_(find('0', 0)), at_(find('@', 0)), wide_(find('\xEF', 0)) {}

  // The first byte offset ≥ `from` of an anchor (text.size() when none). REQUIRES: `from`
  // does not decrease from call to call.
  size_t next(size_t from) {
    if (zero_ < from) zero_ = find('0', from);
    if (at_ < from) at_ = find('@', from);
    while (wide_ < from || !full_width_anchor(wide_)) wide_ = find('\xEF', std::max(from, wide_ + 1));
    return std::min({zero_, at_, wide_});
  }

 private:
  size_t find(char byte, size_t from) const { return std::min(text_.find(byte, from), text_.size()); }
  // Whether the EF at `i` starts ０ (EF BC 90) or ＠ (EF BC A0); true at the end, which ends the search.
  bool full_width_anchor(size_t i) const {
    if (i >= text_.size()) return true;
    return i + 2 < text_.size() && text_[i + 1] == '\xBC' && (text_[i + 2] == '\x90' || text_[i + 2] == '\xA0');
  }

  std::string_view text_;
  size_t zero_;  // the next of each at or after the last `from` (text.size(): none)
  size_t at_;
  size_t wide_;  // the next EF, which may not start an anchor until next() has looked
};

// The simplified character at byte `i` as simplified() reads it, and its length in
// `length` (an ill-formed byte is a character of its own).
char simplified_at(std::string_view text, size_t i, size_t& length) {
  if (static_cast<unsigned char>(text[i]) < 0x80) {
    length = 1;
    return text[i];
  }
  char32_t cp = 0;
  length = decode_utf8(text, i, cp);
  if (length == 0) {
    length = 1;
    return kOther;
  }
  return simplify(cp);
}

// Where the window around byte `at` (where a character starts, as simplified() reads the
// text) starts: at the kOther character before it (so that the scan sees it), or at 0.
// Reading backwards: the character before a byte is the sequence from the nearest lead
// byte up to it when that is well-formed; otherwise that byte was read alone, as kOther.
size_t window_begin(std::string_view text, size_t at) {
  while (at > 0) {
    size_t lead = at - 1;
    while (lead > 0 && at - lead < 4 && (static_cast<unsigned char>(text[lead]) & 0xC0) == 0x80) --lead;
    size_t length = 0;
    const char c = simplified_at(text, lead, length);
    if (lead + length != at) return at - 1;  // a byte read alone
    if (c == kOther) return lead;
    at = lead;
  }
  return 0;
}

// The number of characters, as simplified() reads them, from `from` to `to`.
size_t characters(std::string_view text, size_t from, size_t to) {
  size_t count = 0;
  for (size_t length = 0; from < to; from += length) {
    simplified_at(text, from, length);
    ++count;
  }
  return count;
}

// Where the window around byte `at` ends: at the next kOther character, or the end.
size_t window_end(std::string_view text, size_t at) {
  while (at < text.size()) {
    size_t length = 0;
    if (simplified_at(text, at, length) == kOther) return at;
    at += length;
  }
  return text.size();
}

// Line and column of each hit, by byte offset in increasing order, moving one cursor.
std::vector<ContactText> placed(std::string_view text, std::vector<std::pair<size_t, ContactText>>& found) {
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<ContactText> out;
  int line = 1;
  size_t end = line_end(text, 0);  // of the line `line`, found once per line
  size_t cursor = 0;               // byte offset on the line, at code point `column`
  int column = 1;
  for (auto& [offset, item] : found) {
    while (end < offset) {
      cursor = next_line(text, end);
      end = line_end(text, cursor);
      column = 1;
      ++line;
    }
    column += static_cast<int>(characters(text, cursor, offset));
    cursor = offset;
    item.line = line;
    item.column = column;
    out.push_back(std::move(item));
  }
  return out;
}

}  // namespace

std::vector<ContactText> find_contact_texts_whole(std::string_view text) {
  const Simplified s = simplified(text);
  std::vector<std::pair<size_t, ContactText>> found;  // by index of the first character
  scan_chars(s.chars, found);
  std::stable_sort(found.begin(), found.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<ContactText> out;
  for (auto& [index, item] : found) {
    place(s, index, item);
    out.push_back(std::move(item));
  }
  return out;
}

std::vector<ContactText> find_contact_texts(std::string_view text) {
  std::vector<std::pair<size_t, ContactText>> found;  // by byte offset of the first character
  Anchors anchors(text);
  for (size_t at = anchors.next(0); at < text.size();) {
    const size_t begin = window_begin(text, at);
    const size_t end = window_end(text, at);
    const std::string_view window = text.substr(begin, end - begin);
    const Simplified s = simplified(window);
    const size_t first = found.size();
    scan_chars(s.chars, found);
    if (found.size() > first) {  // character index in the window → byte offset in the text
      std::vector<size_t> offsets;
      for (size_t i = 0, length = 0; i < window.size(); i += length) {
        offsets.push_back(begin + i);
        simplified_at(window, i, length);
      }
      for (size_t i = first; i < found.size(); ++i) found[i].first = offsets[found[i].first];
    }
    at = anchors.next(end);
  }
  return placed(text, found);
}

}  // namespace mamori
