// The link checker's cache (.mamori/link-cache.json, docs/links.md): damaged, foreign or
// hand-edited files give a cache or an error message, never a crash; what parses can be used.
#include "fuzz_support.h"
#include "links/cache.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mamori;
  auto parsed = parse_link_cache(fuzz::as_text(data, size));
  if (!parsed) {
    fuzz::require(!find_invalid_utf8(parsed.error().message).has_value(), "the error message is valid UTF-8");
    return 0;
  }
  auto& cache = parsed.value();
  for (const auto& [url, entry] : cache.entries) {
    (void)is_fresh(entry, 1'800'000'000, 86'400);
    (void)failure_history(cache, url);
  }
  return 0;
}
