#include "core/text.h"

#include <utf8proc.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "core/utf8.h"

namespace mamori {

// Table 3-7 of the Unicode standard.
size_t utf8_sequence_length(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char b0 = byte(i);
  if (b0 < 0x80) return 1;
  const size_t left = text.size() - i;
  auto cont = [&](size_t k) { return k < left && (byte(i + k) & 0xC0) == 0x80; };
  if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1) ? 2 : 0;
  if (b0 >= 0xE0 && b0 <= 0xEF) {
    if (left < 3 || !cont(2)) return 0;
    const unsigned char b1 = byte(i + 1);
    if (b0 == 0xE0) return (b1 >= 0xA0 && b1 <= 0xBF) ? 3 : 0;
    if (b0 == 0xED) return (b1 >= 0x80 && b1 <= 0x9F) ? 3 : 0;  // no surrogates
    return cont(1) ? 3 : 0;
  }
  if (b0 >= 0xF0 && b0 <= 0xF4) {
    if (left < 4 || !cont(2) || !cont(3)) return 0;
    const unsigned char b1 = byte(i + 1);
    if (b0 == 0xF0) return (b1 >= 0x90 && b1 <= 0xBF) ? 4 : 0;
    if (b0 == 0xF4) return (b1 >= 0x80 && b1 <= 0x8F) ? 4 : 0;
    return cont(1) ? 4 : 0;
  }
  return 0;
}

void append_utf8(std::string& out, char32_t cp) {
  utf8proc_uint8_t bytes[4];
  const utf8proc_ssize_t n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(cp), bytes);
  out.append(reinterpret_cast<const char*>(bytes), static_cast<size_t>(n));
}

std::optional<char32_t> code_point_at(std::string_view text, size_t i) {
  const size_t n = utf8_sequence_length(text, i);
  if (n == 0) return std::nullopt;
  const auto byte = [&](size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(text[i + k])); };
  if (n == 1) return byte(0);
  static constexpr char32_t kLeadMask[] = {0, 0, 0x1F, 0x0F, 0x07};
  char32_t cp = byte(0) & kLeadMask[n];
  for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (byte(k) & 0x3F);
  return cp;
}

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = ascii_lower_char(c);
  return out;
}

char hex_digit(unsigned value, bool lower) {
  return (lower ? "0123456789abcdef" : "0123456789ABCDEF")[value & 0xF];
}

std::string percent_encoded(unsigned char byte) {
  return {'%', hex_digit(byte >> 4), hex_digit(byte & 0xF)};
}

namespace {

// The end of the run of ASCII bytes from `i`, read eight bytes at a time (most of a page's
// Markdown is ASCII; the rest is three-byte Japanese).
size_t ascii_run_end(std::string_view text, size_t i) {
  constexpr uint64_t kHighBits = 0x8080808080808080ULL;
  for (uint64_t word = 0; i + sizeof word <= text.size(); i += sizeof word) {
    std::memcpy(&word, text.data() + i, sizeof word);
    if ((word & kHighBits) != 0) break;
  }
  while (i < text.size() && static_cast<unsigned char>(text[i]) < 0x80) ++i;
  return i;
}

}  // namespace

std::optional<size_t> find_invalid_utf8(std::string_view text) {
  size_t i = ascii_run_end(text, 0);
  while (i < text.size()) {
    if (plain_three_bytes(text, i)) {
      i = ascii_run_end(text, plain_run_end(text, i));
      continue;
    }
    const size_t n = utf8_sequence_length(text, i);
    if (n == 0) return i;
    i = ascii_run_end(text, i + n);
  }
  return std::nullopt;
}

bool looks_binary(std::string_view text) {
  return text.find('\0') != std::string_view::npos;
}

std::string_view strip_bom(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  return text;
}

size_t count_code_points(std::string_view text) {
  size_t n = 0;
  for (const char c : text) {
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::string_view prefix_of_code_points(std::string_view text, size_t n) {
  size_t i = 0;
  size_t seen = 0;
  while (i < text.size()) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      if (seen == n) break;
      ++seen;
    }
    ++i;
  }
  return text.substr(0, i);
}

size_t display_width(std::string_view text) {
  size_t width = 0;
  auto p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) {  // invalid byte: count it as one column and move on
      ++width;
      ++p;
      --left;
      continue;
    }
    const int w = utf8proc_charwidth(cp);
    width += w > 0 ? static_cast<size_t>(w) : 0;
    p += n;
    left -= n;
  }
  return width;
}

size_t line_end(std::string_view text, size_t start) {
  if (start >= text.size()) return text.size();
  // Two memchr calls instead of find_first_of("\r\n"), which tests every byte against both.
  const size_t lf = std::min(text.find('\n', start), text.size());
  const void* cr = std::memchr(text.data() + start, '\r', lf - start);
  return cr != nullptr ? static_cast<size_t>(static_cast<const char*>(cr) - text.data()) : lf;
}

size_t next_line(std::string_view text, size_t end) {
  if (end >= text.size()) return text.size();
  return end + (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n' ? 2 : 1);
}

TextPosition position_of(std::string_view text, size_t offset) {
  TextPosition pos;
  offset = std::min(offset, text.size());
  size_t start = 0;
  for (size_t end = line_end(text, start); end < offset; end = line_end(text, start)) {
    const size_t next = next_line(text, end);
    if (next > offset) break;  // the offset is the LF of a CRLF: still this line
    start = next;
    ++pos.line;
  }
  pos.column = static_cast<int>(count_code_points(text.substr(start, offset - start))) + 1;
  return pos;
}

namespace {
struct FreeDeleter {
  // utf8proc hands out memory from malloc.
  void operator()(void* p) const {
    std::free(p);  // NOLINT(cppcoreguidelines-no-malloc,cppcoreguidelines-owning-memory)
  }
};
}  // namespace

namespace {

std::string utf8proc_mapped(std::string_view text, int options) {
  utf8proc_uint8_t* out = nullptr;
  const utf8proc_ssize_t n =
      utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(text.data()), static_cast<utf8proc_ssize_t>(text.size()),
                   &out, static_cast<utf8proc_option_t>(options));
  std::unique_ptr<utf8proc_uint8_t, FreeDeleter> owned(out);
  if (n < 0) return std::string(text);
  return std::string(reinterpret_cast<const char*>(out), static_cast<size_t>(n));
}

}  // namespace

std::string nfc(std::string_view text) {
  const bool ascii = std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (ascii) return std::string(text);
  return utf8proc_mapped(text, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
}

std::string nfkc(std::string_view text) {
  return utf8proc_mapped(text, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT);
}

std::string nfkc_casefold(std::string_view text) {
  return utf8proc_mapped(text, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD);
}

std::string to_lower(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  auto p = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(text.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) {
      out += static_cast<char>(*p);
      ++p;
      --left;
      continue;
    }
    utf8proc_uint8_t buf[4];
    const utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_tolower(cp), buf);
    out.append(reinterpret_cast<const char*>(buf), static_cast<size_t>(m));
    p += n;
    left -= n;
  }
  return out;
}

std::string_view trim(std::string_view text) {
  constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
  for (;;) {
    if (!text.empty() &&
        (text.front() == ' ' || text.front() == '\t' || text.front() == '\r' || text.front() == '\n')) {
      text.remove_prefix(1);
    } else if (text.starts_with(kIdeographicSpace)) {
      text.remove_prefix(kIdeographicSpace.size());
    } else {
      break;
    }
  }
  for (;;) {
    if (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r' || text.back() == '\n')) {
      text.remove_suffix(1);
    } else if (text.ends_with(kIdeographicSpace)) {
      text.remove_suffix(kIdeographicSpace.size());
    } else {
      break;
    }
  }
  return text;
}

std::string escape_markup(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string to_valid_utf8(std::string_view bytes) {
  if (!find_invalid_utf8(bytes)) return std::string(bytes);
  std::string out;
  out.reserve(bytes.size() + 16);
  size_t i = 0;
  while (i < bytes.size()) {
    const size_t n = utf8_sequence_length(bytes, i);
    if (n == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
    } else {
      out.append(bytes.substr(i, n));
      i += n;
    }
  }
  return out;
}

namespace {

// The code point of the valid UTF-8 sequence of `n` bytes at text[i].
char32_t decode_at(std::string_view text, size_t i, size_t n) {
  const auto b = [&](size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(text[i + k])); };
  if (n == 1) return b(0);
  if (n == 2) return ((b(0) & 0x1F) << 6) | (b(1) & 0x3F);
  if (n == 3) return ((b(0) & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
  return ((b(0) & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
}

}  // namespace

bool acts_on_terminal(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) || cp == 0x2028 || cp == 0x2029 || (cp >= 0x202A && cp <= 0x202E) ||
         (cp >= 0x2066 && cp <= 0x2069) || cp == 0x061C || (cp >= 0x200B && cp <= 0x200F) || cp == 0xFEFF;
}

bool is_default_ignorable(char32_t cp) {
  return cp <= 0x10FFFF && utf8proc_get_property(static_cast<utf8proc_int32_t>(cp))->ignorable;
}

std::string without_default_ignorables(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const size_t n = utf8_sequence_length(text, i);
    if (n == 0) {
      out += text[i++];  // not UTF-8: kept as it is
      continue;
    }
    if (!is_default_ignorable(decode_at(text, i, n))) out.append(text, i, n);
    i += n;
  }
  return out;
}

std::string printable_text(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  const std::string valid = to_valid_utf8(text);
  std::string out;
  out.reserve(valid.size());
  size_t i = 0;
  while (i < valid.size()) {
    const size_t n = utf8_sequence_length(valid, i);  // never 0: the text is valid
    const char32_t cp = decode_at(valid, i, n);
    if (cp < 0x80 && acts_on_terminal(cp)) {
      out += "\\x";
      out += kHex[cp >> 4];
      out += kHex[cp & 0x0F];
    } else if (acts_on_terminal(cp)) {
      out += "\\u";
      for (const int shift : {12, 8, 4, 0}) out += kHex[(cp >> shift) & 0x0F];
    } else if (cp == 0xFFFE || cp == 0xFFFF) {
      out += "\xEF\xBF\xBD";
    } else {
      out.append(valid, i, n);
    }
    i += n;
  }
  return out;
}

bool is_header_value(std::string_view text) {
  const auto printable = [](char c) { return c >= 0x20 && c < 0x7F; };
  return std::all_of(text.begin(), text.end(), printable) && text.find_first_not_of(' ') != std::string_view::npos;
}

bool starts_with_ci(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char a = text[i];
    char b = prefix[i];
    if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
    if (b >= 'A' && b <= 'Z') b = static_cast<char>(b - 'A' + 'a');
    if (a != b) return false;
  }
  return true;
}

// "U+0000" for the first control character in `text` (C0 other than tab and line breaks,
// DEL, C1), or "" when there is none. TOML escapes ("\u0000") can put any of them into a
// string, and none may reach a page: browsers show them as garbage or drop the text.
std::string first_control_character(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (size_t i = 0; i < text.size(); ++i) {
    const auto b = static_cast<unsigned char>(text[i]);
    unsigned code = 0x10000;
    if ((b < 0x20 && b != '\t' && b != '\n' && b != '\r') || b == 0x7F) code = b;
    if (b == 0xC2 && i + 1 < text.size()) {
      const auto next = static_cast<unsigned char>(text[i + 1]);
      if (next >= 0x80 && next <= 0x9F) code = next;  // U+0080..U+009F
    }
    if (code <= 0xFFFF) {
      return std::string("U+00") + kHex[(code >> 4) & 0xF] + kHex[code & 0xF];
    }
  }
  return {};
}

}  // namespace mamori
