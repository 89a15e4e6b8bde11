// The character classes of the CommonMark CJK-friendly amendments (markdown-cjk-friendly,
// "2.1 Characters and lines"), which decide where `*` and `_` may open or close emphasis
// next to Chinese, Japanese and Korean text (cjk_emphasis.h).
#pragma once

namespace mamori {

// A CJK character: East Asian Width W, F or H and not an emoji shown as emoji by default,
// or Hangul. Includes kana, kanji, full-width forms and CJK punctuation such as 「」（）、。！？・：.
// Unicode 17 data, as the amendment's ranges.md lists it; unassigned code points in the
// ideograph planes count as wide, as UAX #11 says.
bool is_cjk_character(char32_t cp);

// U+FE00..U+FE0E: a variation selector that may follow a CJK character (U+FE0F asks for the
// emoji form and is not one).
bool is_general_use_variation_selector(char32_t cp);

// U+E0100..U+E01EF: selects a glyph of a kanji (葛󠄀 is 葛 + U+E0100).
bool is_ideographic_variation_selector(char32_t cp);

// The quotation marks whose "fullwidth form" variant (+ U+FE01) makes them CJK punctuation:
// ‘ ’ “ ” (StandardizedVariants.txt).
bool has_fullwidth_variant(char32_t cp);

}  // namespace mamori
