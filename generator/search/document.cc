#include "search/document.h"

#include <algorithm>

#include "search/json_string.h"
#include "search/normalise.h"

namespace mamori {
namespace {

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

// The document's JSON as nlohmann::json would dump it:
// [url, title, section, [[anchor, heading, text], …]].
std::string document_json(const SearchDocument& document) {
  size_t size = document.url.size() + document.title.size() + document.section.size() + 16;
  for (const auto& block : document.blocks) size += block.anchor.size() + block.heading.size() + block.text.size() + 12;
  std::string out;
  out.reserve(size);
  out += '[';
  for (const std::string* field : {&document.url, &document.title, &document.section}) {
    append_json_string(out, *field);
    out += ',';
  }
  out += '[';
  for (size_t i = 0; i < document.blocks.size(); ++i) {
    const SearchBlock& block = document.blocks[i];
    out += i == 0 ? "[" : ",[";
    append_json_string(out, block.anchor);
    out += ',';
    append_json_string(out, block.heading);
    out += ',';
    append_json_string(out, block.text);
    out += ']';
  }
  out += "]]";
  return out;
}

}  // namespace

PreparedDocument prepare_search_document(SearchDocument document) {
  search_nfkc_in_place(document.title);
  search_nfkc_in_place(document.section);
  for (auto& block : document.blocks) {
    search_nfkc_in_place(block.heading);
    search_nfkc_in_place(block.text);
  }
  const bool cut = limit_text(document.blocks);
  // One counter per thread keeps its room from one document to the next; nothing between
  // the first add() and take() throws but bad_alloc.
  thread_local SearchKeyCounter counter;
  counter.add(document.title, kTitleWeight);
  for (const auto& block : document.blocks) counter.add(block.heading, kHeadingWeight);
  for (const auto& block : document.blocks) counter.add(block.text, 1);
  PreparedDocument prepared;
  prepared.keys = counter.take();
  prepared.document = std::move(document);
  prepared.json = document_json(prepared.document);
  prepared.cut = cut;
  return prepared;
}

}  // namespace mamori
