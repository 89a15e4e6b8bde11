// A roster exported from a personnel list (CSV, UTF-8 or CP932), as `mamori results --roster`
// reads it.
#include "fuzz_support.h"
#include "results/roster.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mamori;
  std::vector<Diagnostic> out;
  const auto roster = parse_roster(fuzz::as_text(data, size), out);
  fuzz::check_diagnostics(out);
  for (const auto& entry : roster) {
    fuzz::require(!entry.employee_id.empty() || !entry.name.empty(), "every entry has an id or a name");
    fuzz::require(!find_invalid_utf8(entry.name).has_value(), "names are valid UTF-8");
  }
  return 0;
}
