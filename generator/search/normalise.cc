#include "search/normalise.h"

#include <utf8proc.h>

#include <algorithm>
#include <utility>

#include "core/text.h"
#include "core/utf8.h"

namespace mamori {
namespace {

constexpr char32_t kLongVowel = 0x30FC;  // ー

bool katakana_letter(char32_t cp) {
  return cp >= 0x30A1 && cp <= 0x30FA;
}

// Small kana whose full-size letter means the same in loanwords (ウィルス/ウイルス, ヶ月/ケ月).
// ャュョッ are kept: they change how a word reads.
char32_t full_size_kana(char32_t cp) {
  switch (cp) {
    case 0x3041:
    case 0x3043:
    case 0x3045:
    case 0x3047:
    case 0x3049:  // ぁぃぅぇぉ
    case 0x30A1:
    case 0x30A3:
    case 0x30A5:
    case 0x30A7:
    case 0x30A9:  // ァィゥェォ
    case 0x308E:
    case 0x30EE:  // ゎヮ
      return cp + 1;
    case 0x3095:
      return 0x304B;  // ゕ → か
    case 0x3096:
      return 0x3051;  // ゖ → け
    case 0x30F5:
      return 0x30AB;  // ヵ → カ
    case 0x30F6:
      return 0x30B1;  // ヶ → ケ
    default:
      return cp;
  }
}

// The code points of valid UTF-8 text (an invalid byte is skipped).
std::u32string code_points(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    char32_t cp = 0;
    const size_t n = decode_utf8(text, i, cp);
    if (n == 0) {
      ++i;
      continue;
    }
    out.push_back(cp);
    i += n;
  }
  return out;
}

}  // namespace

namespace {

// Code points NFKC leaves alone that never compose with the one before them: ASCII, kana,
// kanji and the common Japanese punctuation. Only the spans between them need utf8proc.
[[gnu::always_inline]] inline bool nfkc_stable(char32_t cp) {
  return cp < 0x80 || (cp >= 0x3041 && cp <= 0x3096) || (cp >= 0x30A1 && cp <= 0x30FC) ||
         (cp >= 0x4E00 && cp <= 0x9FFF) || cp == 0x3001 || cp == 0x3002 || (cp >= 0x300C && cp <= 0x300F) ||
         cp == 0x3010 || cp == 0x3011;
}

// The byte length of the code point at text[at] (1 for an invalid byte), and whether NFKC
// leaves it alone.
[[gnu::always_inline]] inline std::pair<size_t, bool> step(std::string_view text, size_t at) {
  if (static_cast<unsigned char>(text[at]) < 0x80) return {1, true};
  char32_t cp = 0;
  const size_t n = decode_utf8(text, at, cp);
  if (n == 0) return {1, false};
  return {n, nfkc_stable(cp)};
}

// The end of the run of kanji from U+5000 to U+9FFF (leads E5–E9) at `at`: stable code
// points, most of a page's text, passed without decoding them.
[[gnu::always_inline]] inline size_t kanji_run_end(std::string_view text, size_t at) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  while (at + 3 <= text.size() && byte(at) - 0xE5U < 5U && (byte(at + 1) & 0xC0) == 0x80 &&
         (byte(at + 2) & 0xC0) == 0x80) {
    at += 3;
  }
  return at;
}

// search_nfkc(text) when the code points before `at` are stable and the one at `at` is
// not (`previous`: where the one before it starts, or `at` when there is none).
std::string nfkc_from(std::string_view text, size_t at, size_t previous) {
  std::string out;
  out.reserve(text.size());
  size_t copied = 0;  // text before this is in `out`
  while (at < text.size()) {
    if (const size_t run = kanji_run_end(text, at); run != at) {
      previous = run - 3;
      at = run;
      continue;
    }
    const auto [size, stable] = step(text, at);
    if (stable) {
      previous = at;
      at += size;
      continue;
    }
    // The span to normalise starts with the stable code point before (a mark may compose
    // with it) and takes every unstable one after.
    const size_t start = std::max(copied, previous);
    size_t end = at + size;
    while (end < text.size() && !step(text, end).second) end += step(text, end).first;
    out.append(text.substr(copied, start - copied));
    out += nfkc(text.substr(start, end - start));
    copied = previous = end;
    at = end;
  }
  out.append(text.substr(copied));
  return out;
}

}  // namespace

void search_nfkc_in_place(std::string& text) {
  size_t previous = 0;
  for (size_t at = 0; at < text.size();) {
    if (const size_t run = kanji_run_end(text, at); run != at) {
      previous = run - 3;
      at = run;
      continue;
    }
    const auto [size, stable] = step(text, at);
    if (!stable) {
      text = nfkc_from(text, at, previous);
      return;
    }
    previous = at;
    at += size;
  }
}

std::string search_nfkc(std::string_view text) {
  return nfkc_from(text, 0, 0);
}

char32_t search_fold_code_point(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
  // Kana, kanji and Japanese punctuation have no case: most of a page skips utf8proc.
  if (cp >= 0x3000 && cp <= 0x9FFF) return full_size_kana(cp);
  return full_size_kana(static_cast<char32_t>(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp))));
}

bool search_fold_drops(char32_t before, char32_t after) {
  return (katakana_letter(before) || before == kLongVowel) && !katakana_letter(after);
}

std::string search_fold(std::string_view nfkc_text) {
  const std::u32string cps = code_points(nfkc_text);
  std::string out;
  out.reserve(nfkc_text.size());
  for (size_t i = 0; i < cps.size(); ++i) {
    const char32_t cp = cps[i];
    if (cp == kLongVowel && search_fold_drops(i > 0 ? cps[i - 1] : 0, i + 1 < cps.size() ? cps[i + 1] : 0)) continue;
    encode_utf8(out, search_fold_code_point(cp));
  }
  return out;
}

std::string search_normalise(std::string_view text) {
  return search_fold(search_nfkc(text));
}

SearchClass search_class(char32_t cp) {
  if (cp < 0x80) {
    const bool alnum = (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    return alnum ? SearchClass::word : SearchClass::separator;
  }
  if ((cp >= 0x3041 && cp <= 0x309F) || (cp >= 0x30A0 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
      (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x2FFFF) ||
      cp == 0x3005 || cp == 0x3006 || cp == 0x3007) {
    return SearchClass::japanese;
  }
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
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
    case UTF8PROC_CATEGORY_NO:
      return SearchClass::word;
    default:
      return SearchClass::separator;
  }
}

}  // namespace mamori
