#include "search/document.h"

#include <algorithm>
#include <unordered_map>

#include "search/keys.h"
#include "search/normalise.h"

namespace mamori {
namespace {

class KeyCounter {
 public:
  void add(std::string_view nfkc_text, uint32_t weight) {
    const std::string folded = search_fold(nfkc_text);
    for (const std::string_view key : search_keys(folded)) {
      counts_[std::string(key)] += weight;
      ++length_;
    }
  }
  PreparedDocument take(SearchDocument document) {
    PreparedDocument prepared{std::move(document), {counts_.begin(), counts_.end()}, length_};
    std::sort(prepared.key_counts.begin(), prepared.key_counts.end());
    return prepared;
  }

 private:
  std::unordered_map<std::string, uint32_t> counts_;
  uint32_t length_ = 0;
};

// Cuts the blocks' text so that all of it stays within kMaxSearchText bytes (at a UTF-8
// character boundary).
void limit_text(std::vector<SearchBlock>& blocks) {
  size_t left = kMaxSearchText;
  for (auto& block : blocks) {
    if (block.text.size() > left) {
      size_t cut = left;
      while (cut > 0 && (static_cast<unsigned char>(block.text[cut]) & 0xC0) == 0x80) --cut;
      block.text.resize(cut);
    }
    left -= std::min(left, block.text.size());
  }
}

}  // namespace

PreparedDocument prepare_search_document(SearchDocument document) {
  document.title = search_nfkc(document.title);
  document.section = search_nfkc(document.section);
  KeyCounter counter;
  counter.add(document.title, kTitleWeight);
  for (auto& block : document.blocks) {
    block.heading = search_nfkc(block.heading);
    block.text = search_nfkc(block.text);
    counter.add(block.heading, kHeadingWeight);
  }
  limit_text(document.blocks);
  for (const auto& block : document.blocks) counter.add(block.text, 1);
  return counter.take(std::move(document));
}

}  // namespace mamori
