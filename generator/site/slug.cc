#include "site/slug.h"

#include <utf8proc.h>

#include <algorithm>
#include <optional>

#include "core/text.h"
#include "core/utf8.h"

namespace mamori {

namespace {

// Code points that are their own NFC form (quick check "yes") and combine with nothing
// before them (combining class 0): ASCII and Latin letters, CJK punctuation, kana, kanji and
// full-width forms (tests/unit/site/test_slug.cc checks every one against utf8proc).
bool nfc_stable(char32_t cp) {
  return cp < 0x300 || (cp >= 0x3000 && cp < 0x302A) || (cp >= 0x3041 && cp < 0x3097) ||
         (cp >= 0x30A1 && cp < 0x3100) || (cp >= 0x4E00 && cp < 0xA000) || (cp >= 0xFF01 && cp < 0xFFEF);
}

// Whether NFC leaves `text` as it is, told without normalising it: a text of such code
// points is in NFC. Most headings are; normalising them took a third of slugify's time.
bool nfc_stable(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const size_t n = decode_utf8(text, i, cp);
    if (n == 0 || !nfc_stable(cp)) return false;
    i += n;
  }
  return true;
}

}  // namespace

bool is_nfc_stable(char32_t cp) {
  return nfc_stable(cp);
}

std::string slugify(std::string_view heading_text) {
  std::optional<std::string> normalised_copy;
  if (!nfc_stable(heading_text)) normalised_copy = nfc(heading_text);
  const std::string_view normalized = normalised_copy ? *normalised_copy : heading_text;
  std::string out;
  auto p = reinterpret_cast<const utf8proc_uint8_t*>(normalized.data());
  utf8proc_ssize_t left = static_cast<utf8proc_ssize_t>(normalized.size());
  while (left > 0) {
    utf8proc_int32_t cp = 0;
    const utf8proc_ssize_t n = utf8proc_iterate(p, left, &cp);
    if (n <= 0) {  // not valid UTF-8: skip the byte
      ++p;
      --left;
      continue;
    }
    p += n;
    left -= n;
    if (cp == ' ' || cp == '-') {
      out += '-';
      continue;
    }
    if (cp == '_') {
      out += '_';
      continue;
    }
    switch (utf8proc_category(cp)) {
      case UTF8PROC_CATEGORY_LU:
      case UTF8PROC_CATEGORY_LL:
      case UTF8PROC_CATEGORY_LT:
      case UTF8PROC_CATEGORY_LM:
      case UTF8PROC_CATEGORY_LO:
      case UTF8PROC_CATEGORY_MN:
      case UTF8PROC_CATEGORY_MC:
      case UTF8PROC_CATEGORY_ME:
      case UTF8PROC_CATEGORY_ND:
      case UTF8PROC_CATEGORY_NL:
      case UTF8PROC_CATEGORY_NO: {
        utf8proc_uint8_t buf[4];
        const utf8proc_ssize_t m = utf8proc_encode_char(utf8proc_tolower(cp), buf);
        out.append(reinterpret_cast<const char*>(buf), static_cast<size_t>(m));
        break;
      }
      default:
        break;  // punctuation, symbols, other spaces (including U+3000): dropped
    }
  }
  return out;
}

bool is_valid_explicit_id(std::string_view id) {
  auto letter = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  if (id.empty() || !letter(id[0])) return false;
  return std::all_of(id.begin(), id.end(),
                     [&](char c) { return letter(c) || (c >= '0' && c <= '9') || c == '-' || c == '_'; });
}

ExplicitId split_explicit_id(std::string_view heading_text) {
  std::string_view text = heading_text;
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  if (!text.ends_with('}')) return {heading_text, {}};
  const size_t open = text.rfind("{#");
  if (open == std::string_view::npos) return {heading_text, {}};
  const std::string_view id = text.substr(open + 2, text.size() - open - 3);
  if (!is_valid_explicit_id(id)) return {heading_text, {}};
  std::string_view rest = text.substr(0, open);
  while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t')) rest.remove_suffix(1);
  return {rest, id};
}

IdAllocator::IdAllocator(const ReservedIds& reserved) : reserved_(reserved) {}

// A heading never takes the theme's ids: they are looked up in `reserved_` rather than
// copied into `used_` for every page.
bool IdAllocator::take(const std::string& id) {
  return !reserved_.contains(id) && used_.insert(id).second;
}

std::string IdAllocator::unique(std::string base) {
  ++probes_;
  if (take(base)) return base;
  int& next = next_[base];
  for (int n = std::max(next, 1);; ++n) {
    std::string candidate = base + "-" + std::to_string(n);
    ++probes_;
    if (take(candidate)) {
      next = n + 1;
      return candidate;
    }
  }
}

}  // namespace mamori
