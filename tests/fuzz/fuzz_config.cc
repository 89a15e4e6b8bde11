// mamori.toml.
#include "fuzz_support.h"
#include "site/config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<mamori::Diagnostic> out;
  (void)mamori::parse_config(mamori::fuzz::as_text(data, size), out);
  mamori::fuzz::check_diagnostics(out);
  return 0;
}
