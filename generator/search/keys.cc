#include "search/keys.h"

#include "core/hashing.h"
#include "core/text.h"
#include "search/normalise.h"
#include "core/utf8.h"

namespace mamori {
namespace {

struct CodePoint {
  size_t at = 0;    // byte offset
  size_t size = 0;  // bytes (0: an invalid byte)
  SearchClass kind = SearchClass::separator;
};

CodePoint code_point(std::string_view text, size_t at) {
  char32_t cp = 0;
  const size_t n = decode_utf8(text, at, cp);
  if (n == 0) return CodePoint{at, 0, SearchClass::separator};
  return CodePoint{at, n, search_class(cp)};
}

// The keys of one Japanese run: its characters, then the pairs.
void japanese_keys(std::string_view text, const std::vector<CodePoint>& run, std::vector<std::string_view>& keys) {
  for (size_t i = 0; i < run.size(); ++i) {
    keys.push_back(text.substr(run[i].at, run[i].size));
    if (i + 1 < run.size()) keys.push_back(text.substr(run[i].at, run[i].size + run[i + 1].size));
  }
}

void word_key(std::string_view text, const std::vector<CodePoint>& run, std::vector<std::string_view>& keys) {
  const CodePoint& last = run[std::min(run.size(), kMaxWordKey) - 1];
  keys.push_back(text.substr(run.front().at, last.at + last.size - run.front().at));
}

}  // namespace

std::vector<std::string_view> search_keys(std::string_view folded) {
  std::vector<std::string_view> keys;
  std::vector<CodePoint> run;
  auto flush = [&] {
    if (run.empty()) return;
    if (run.front().kind == SearchClass::japanese) {
      japanese_keys(folded, run, keys);
    } else {
      word_key(folded, run, keys);
    }
    run.clear();
  };
  for (size_t i = 0; i < folded.size();) {
    const CodePoint cp = code_point(folded, i);
    i += cp.size == 0 ? 1 : cp.size;
    if (!run.empty() && run.front().kind != cp.kind) flush();
    if (cp.kind != SearchClass::separator) run.push_back(cp);
  }
  flush();
  return keys;
}

uint32_t key_shard(std::string_view key, uint32_t shards) {
  size_t end = 0;
  for (int n = 0; n < 2 && end < key.size(); ++n) {
    const size_t size = utf8_sequence_length(key, end);
    end += size == 0 ? 1 : size;
  }
  return fnv1a32(key.substr(0, end)) % shards;
}

}  // namespace mamori
