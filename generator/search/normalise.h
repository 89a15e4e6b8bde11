// The one form in which the search compares text (docs/search.md, "Normalisation"). The
// theme's search.js does the same in the reader's browser; both are tested against
// tests/fixtures/search/normalise.tsv.
#pragma once

#include <string>
#include <string_view>

namespace mamori {

// Unicode NFKC: what the index stores and the snippets show (full-width ＡＢＣ１ becomes
// ABC1, half-width ｶﾅ becomes カナ). Invalid UTF-8 is returned unchanged.
std::string search_nfkc(std::string_view text);

// Folds NFKC text code point by code point: simple lower case, small kana to their full
// size (ウィルス → ウイルス), and a ー ending a katakana word dropped (メモリー → メモリ).
// Keys and comparisons are made from this form.
std::string search_fold(std::string_view nfkc_text);

// search_fold(search_nfkc(text)).
std::string search_normalise(std::string_view text);

// The code point's search class: a Japanese character (kana, kanji, 々〆〇), a word
// character (any other letter, digit or mark), or a separator.
enum class SearchClass { japanese, word, separator };
SearchClass search_class(char32_t cp);

}  // namespace mamori
