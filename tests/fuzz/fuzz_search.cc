// The search index from a page body: whatever HTML and text a page renders to, the files
// written are each one call whose data (compressed, in base64) is JSON that parses, and the
// keys are never empty.
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "core/base64.h"
#include "fuzz_support.h"
#include "search/deflate.h"
#include "search/html_text.h"
#include "search/index_writer.h"
#include "search/keys.h"
#include "search/normalise.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mamori;
  const std::string_view text = fuzz::as_text(data, size);
  const std::string folded = search_normalise(text);
  for (const auto key : search_keys(folded)) fuzz::require(!key.empty(), "a key is never empty");
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
