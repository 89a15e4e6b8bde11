// The build state beside the output (.site.mamori-state): a cache that anything may
// have damaged. A state that parses must write back to
// the same state.
#include "fuzz_support.h"
#include "site/build_state.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mamori;
  const auto state = parse_build_state(fuzz::as_text(data, size));
  if (!state) return 0;
  const auto again = parse_build_state(build_state_text(*state));
  fuzz::require(again.has_value(), "a parsed state writes back to a state that parses");
  fuzz::require(build_state_text(*again) == build_state_text(*state), "the state round-trips");
  return 0;
}
