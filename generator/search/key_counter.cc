#include "search/key_counter.h"

#include <utility>

#include "core/utf8.h"
#include "search/keys.h"
#include "search/normalise.h"

namespace mamori {
namespace {

constexpr char32_t kLongVowel = 0x30FC;  // ー

// Reads the valid code points of a text one after the other; invalid bytes are skipped,
// as search_fold skips them.
class CodePointReader {
 public:
  explicit CodePointReader(std::string_view text) : text_(text) {}
  // The next code point, or 0 at the end (a U+0000 in the text also reads as 0, which
  // search_fold_drops and the keys treat alike: neither a katakana letter nor a key).
  [[gnu::always_inline]] bool next(char32_t& cp) {
    while (at_ < text_.size()) {
      const size_t n = decode_utf8(text_, at_, cp);
      at_ += n == 0 ? 1 : n;
      if (n != 0) return true;
    }
    cp = 0;
    return false;
  }

 private:
  std::string_view text_;
  size_t at_ = 0;
};

// search_fold_code_point(cp) and the class of what it gives. Kanji and ASCII, most of a
// page, take no call.
[[gnu::always_inline]] inline std::pair<char32_t, SearchClass> fold(char32_t cp) {
  if (cp >= 0x4E00 && cp <= 0x9FFF) return {cp, SearchClass::japanese};  // no case, no small form
  // Kana: a small one folds to its full size, which is kana too.
  if (cp >= 0x3041 && cp <= 0x30FF) return {search_fold_code_point(cp), SearchClass::japanese};
  if (cp < 0x80) {
    const char32_t lower = cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
    const bool alnum = (lower >= '0' && lower <= '9') || (lower >= 'a' && lower <= 'z');
    return {lower, alnum ? SearchClass::word : SearchClass::separator};
  }
  const char32_t folded = search_fold_code_point(cp);
  return {folded, search_class(folded)};
}

}  // namespace

std::string packed_key_text(PackedKey key) {
  std::string out;
  encode_utf8(out, static_cast<char32_t>(key >> 21));
  if (const auto second = static_cast<char32_t>(key & 0x1FFFFF); second != 0) encode_utf8(out, second);
  return out;
}

void SearchKeyCounter::count(PackedKey key, uint32_t weight) {
  bool added = false;
  japanese_.at(key, added) += weight;
  ++length_;
}

void SearchKeyCounter::count_character(char32_t cp, uint32_t weight) {
  if (cp >= 0x10000) {
    count(pack_key(cp), weight);
    return;
  }
  if (characters_[cp] == 0) character_order_.push_back(static_cast<char16_t>(cp));
  characters_[cp] += weight;
  ++length_;
}

void SearchKeyCounter::count_word(uint32_t weight) {
  auto it = words_.find(std::string_view(word_));
  if (it == words_.end()) {
    it = words_.emplace(word_, 0).first;
    word_order_.push_back(&it->first);
  }
  it->second += weight;
  ++length_;
  word_.clear();
  word_code_points_ = 0;
}

// search_keys(search_fold(text)) streamed: a ー is dropped by its neighbours in the input,
// then each folded code point extends or ends the run it belongs to. A Japanese code point
// gives its pair with the one before in the run, then itself; a word is counted when its
// run ends.
void SearchKeyCounter::add(std::string_view nfkc_text, uint32_t weight) {
  CodePointReader reader(nfkc_text);
  char32_t before = 0;
  char32_t cp = 0;
  bool more = reader.next(cp);
  char32_t japanese = 0;  // the last code point of the Japanese run being read, or 0
  while (more) {
    char32_t after = 0;
    const bool next = reader.next(after);
    if (cp != kLongVowel || !search_fold_drops(before, after)) {
      const auto [folded, kind] = fold(cp);
      if (kind != SearchClass::word && word_code_points_ != 0) count_word(weight);
      if (kind == SearchClass::japanese) {
        if (japanese != 0) count(pack_key(japanese, folded), weight);
        count_character(folded, weight);
        japanese = folded;
      } else {
        japanese = 0;
        if (kind == SearchClass::word && word_code_points_++ < kMaxWordKey) encode_utf8(word_, folded);
      }
    }
    before = cp;
    cp = after;
    more = next;
  }
  if (word_code_points_ != 0) count_word(weight);
}

KeyCounts SearchKeyCounter::take() {
  KeyCounts counts;
  counts.japanese.reserve(japanese_.size() + character_order_.size());
  japanese_.for_each([&](uint64_t key, uint32_t count) { counts.japanese.emplace_back(key, count); });
  for (const char16_t cp : character_order_) {
    counts.japanese.emplace_back(pack_key(cp), characters_[cp]);
    characters_[cp] = 0;
  }
  character_order_.clear();
  counts.words.reserve(word_order_.size());
  for (const std::string* word : word_order_) counts.words.emplace_back(*word, words_.find(*word)->second);
  counts.length = length_;
  japanese_.clear();
  words_.clear();
  word_order_.clear();
  length_ = 0;
  return counts;
}

}  // namespace mamori
