// The contact table (content/contacts.toml), and its canonical TOML rewrite: what the
// import writes must read back as the same table.
#include "contacts/contacts.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mamori;
  std::vector<Diagnostic> out;
  const ContactTable table = parse_contacts(fuzz::as_text(data, size), out);
  fuzz::check_diagnostics(out);
  for (const auto& d : out) {
    if (d.severity == Severity::error) return 0;
  }
  std::vector<Diagnostic> again;
  (void)parse_contacts(contacts_to_toml(table), again);
  for (const auto& d : again) fuzz::require(d.severity != Severity::error, "a valid table rewrites to a valid table");
  return 0;
}
