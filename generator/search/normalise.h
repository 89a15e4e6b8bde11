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

// search_nfkc in place: text NFKC leaves alone (most of a Japanese page) is not copied.
void search_nfkc_in_place(std::string& text);

// Folds NFKC text code point by code point: simple lower case, small kana to their full
// size (ウィルス → ウイルス), and a ー ending a katakana word dropped (メモリー → メモリ).
// Keys and comparisons are made from this form.
std::string search_fold(std::string_view nfkc_text);

// One code point of search_fold: its simple lower case, a small kana made full size. The
// dropped ー is decided by search_fold_drops; the two together are search_fold.
char32_t search_fold_code_point(char32_t cp);

// Whether search_fold drops a ー (U+30FC) between the code points `before` and `after` of
// its input (0 where there is none).
bool search_fold_drops(char32_t before, char32_t after);

// search_fold(search_nfkc(text)).
std::string search_normalise(std::string_view text);

// The code point's search class: a Japanese character (kana, kanji, 々〆〇), a word
// character (any other letter, digit or mark), or a separator.
enum class SearchClass { japanese, word, separator };
SearchClass search_class(char32_t cp);

}  // namespace mamori
