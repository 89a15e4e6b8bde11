// Counting the keys of a document's text (docs/search.md, "Tokens") in one pass over its
// NFKC form: the same keys as search_keys(search_fold(text)), without making the folded
// text or a string per Japanese key.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "search/packed_key_table.h"

namespace mamori {

// A Japanese key as a number: its first code point << 21 | its second (0 for a unigram).
// Never 0; numbers order as the keys' UTF-8 bytes do.
using PackedKey = uint64_t;
inline constexpr PackedKey pack_key(char32_t first, char32_t second = 0) {
  return PackedKey{first} << 21 | second;
}
// The key's UTF-8 text.
std::string packed_key_text(PackedKey key);

// A document's keys and their weighted counts.
struct KeyCounts {
  std::vector<std::pair<PackedKey, uint32_t>> japanese;  // no order the index depends on
  std::vector<std::pair<std::string, uint32_t>> words;   // no order the index depends on
  uint32_t length = 0;                                   // key occurrences, unweighted
};

// Counts keys over any number of texts. Reusable: take() empties it and keeps its room,
// so one counter per thread allocates little.
class SearchKeyCounter {
 public:
  // Counts every key occurrence of search_fold(nfkc_text) `weight` (> 0) times.
  void add(std::string_view nfkc_text, uint32_t weight);
  // The counts so far; the counter starts again empty.
  KeyCounts take();

 private:
  struct WordHash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  // Inline (defined in key_counter.cc, the only user): called for every character of every page.
  [[gnu::always_inline]] inline void count(PackedKey key, uint32_t weight);
  [[gnu::always_inline]] inline void count_character(char32_t cp, uint32_t weight);
  void count_word(uint32_t weight);

  PackedKeyTable japanese_;  // pairs, and characters beyond the BMP
  // A character, half of all keys, is counted at its code point: no hashing, no probing.
  std::vector<uint32_t> characters_ = std::vector<uint32_t>(0x10000, 0);
  std::vector<char16_t> character_order_;  // the characters counted, in the order they first occur
  std::unordered_map<std::string, uint32_t, WordHash, std::equal_to<>> words_;
  std::vector<const std::string*> word_order_;  // the words' keys, in the order they first occur
  std::string word_;                            // the word run being read, cut at kMaxWordKey
  size_t word_code_points_ = 0;
  uint32_t length_ = 0;
};

}  // namespace mamori
