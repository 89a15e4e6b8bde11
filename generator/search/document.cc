#include "search/document.h"

#include <algorithm>
#include <deque>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "search/keys.h"
#include "search/normalise.h"

namespace mamori {
namespace {

// Counts keys as views into the folded texts it keeps (a deque never moves its strings).
class KeyCounter {
 public:
  void add(std::string_view nfkc_text, uint32_t weight) {
    const std::string& folded = texts_.emplace_back(search_fold(nfkc_text));
    for (const std::string_view key : search_keys(folded)) {
      counts_[key] += weight;
      ++length_;
    }
  }
  PreparedDocument take(SearchDocument document) {
    PreparedDocument prepared;
    prepared.document = std::move(document);
    prepared.key_counts.reserve(counts_.size());
    for (const auto& [key, count] : counts_) prepared.key_counts.emplace_back(std::string(key), count);
    prepared.length = length_;
    std::sort(prepared.key_counts.begin(), prepared.key_counts.end());
    return prepared;
  }

 private:
  std::deque<std::string> texts_;
  std::unordered_map<std::string_view, uint32_t> counts_;
  uint32_t length_ = 0;
};

// Cuts the blocks' text so that all of it stays within kMaxSearchText bytes (at a UTF-8
// character boundary).
bool limit_text(std::vector<SearchBlock>& blocks) {
  bool cut = false;
  size_t left = kMaxSearchText;
  for (auto& block : blocks) {
    if (block.text.size() > left) {
      size_t end = left;
      while (end > 0 && (static_cast<unsigned char>(block.text[end]) & 0xC0) == 0x80) --end;
      block.text.resize(end);
      cut = true;
    }
    left -= std::min(left, block.text.size());
  }
  return cut;
}

nlohmann::json blocks_json(const std::vector<SearchBlock>& blocks) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& block : blocks) out.push_back(nlohmann::json::array({block.anchor, block.heading, block.text}));
  return out;
}

std::string document_json(const SearchDocument& document) {
  const nlohmann::json value =
      nlohmann::json::array({document.url, document.title, document.section, blocks_json(document.blocks)});
  return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
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
  const bool cut = limit_text(document.blocks);
  for (const auto& block : document.blocks) counter.add(block.text, 1);
  PreparedDocument prepared = counter.take(std::move(document));
  prepared.json = document_json(prepared.document);
  prepared.cut = cut;
  return prepared;
}

}  // namespace mamori
