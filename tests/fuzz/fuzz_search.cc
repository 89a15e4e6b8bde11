// The search index from a page body: whatever HTML and text a page renders to, the files
// written are each one call whose data (compressed, in base64) is JSON that parses, and the
// keys are never empty; the one-pass key counter counts what search_keys(search_fold(…))
// lists.
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "core/base64.h"
#include "fuzz_support.h"
#include "search/deflate.h"
#include "search/html_text.h"
#include "search/index_writer.h"
#include "search/key_counter.h"
#include "search/keys.h"
#include "search/normalise.h"

namespace {

// The counter's keys against the definition, for text already in NFKC.
void check_counter(std::string_view nfkc) {
  using namespace mamori;
  std::map<std::string, uint32_t> want;
  const std::string folded = search_fold(nfkc);
  for (const auto key : search_keys(folded)) ++want[std::string(key)];
  SearchKeyCounter counter;
  counter.add(nfkc, 1);
  const KeyCounts counts = counter.take();
  std::map<std::string, uint32_t> got;
  for (const auto& [key, count] : counts.japanese) got[packed_key_text(key)] += count;
  for (const auto& [key, count] : counts.words) got[key] += count;
  fuzz::require(got == want, "the key counter counts the keys search_keys lists");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mamori;
  const std::string_view text = fuzz::as_text(data, size);
  const std::string folded = search_normalise(text);
  for (const auto key : search_keys(folded)) fuzz::require(!key.empty(), "a key is never empty");
  std::string nfkc(text);
  search_nfkc_in_place(nfkc);
  check_counter(nfkc);
  std::map<std::string, std::string> files;
  SearchIndexWriter writer([&](const std::string& path, const std::string& content) { files[path] = content; });
  writer.add(0, prepare_search_document(SearchDocument{"a.html", std::string(text), "", html_text_blocks(text)}));
  writer.finish(1);
  for (const auto& [path, content] : files) {
    const size_t open = content.find('(');
    const size_t close = content.rfind(')');
    fuzz::require(open != std::string::npos && close != std::string::npos && close > open, "one call");
    std::string payload = content.substr(open + 1, close - open - 1);
    if (path != "search/meta.js") {  // number, then the JSON compressed in a base64 string
      payload = payload.substr(payload.find(',') + 1);
      fuzz::require(payload.size() >= 2 && payload.front() == '"' && payload.back() == '"', "a base64 string");
      payload = inflate_raw(base64_decode(payload.substr(1, payload.size() - 2)));
    }
    fuzz::require(nlohmann::json::accept(payload), "the call's argument is JSON");
  }
  return 0;
}
