// Splitting folded text into the keys the index lists (docs/search.md, "Tokens").
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace mamori {

// A word key is cut at this many code points (the browser cuts a query's words the same way).
inline constexpr size_t kMaxWordKey = 40;

// Every key occurrence of `folded` text (search_fold), in order: each Japanese character
// (unigram) and each pair of neighbouring ones (bigram), and each word run (cut at
// kMaxWordKey code points). The views point into `folded`. Invalid UTF-8 separates.
// The build does not call it: SearchKeyCounter counts the same keys in one pass. This is
// the plain definition the counter is tested against (test_key_counter, fuzz_search).
std::vector<std::string_view> search_keys(std::string_view folded);

// The shard file a key belongs in: FNV-1a 32 of its first two code points, modulo `shards`
// (> 0). Word keys that start alike share a shard, so a prefix finds them in one file.
uint32_t key_shard(std::string_view key, uint32_t shards);

}  // namespace mamori
