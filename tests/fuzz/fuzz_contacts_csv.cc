// A contact table saved by Excel (UTF-8 with or without BOM, or CP932), as
// `mamori contacts import` reads it; and the export of what was read.
#include "contacts/contacts_csv.h"
#include "core/csv.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mamori;
  const std::string_view bytes = fuzz::as_text(data, size);
  std::vector<Diagnostic> out;
  const ContactTable table = contacts_from_csv(bytes, out);
  fuzz::check_diagnostics(out);
  // What Excel opens must not start a cell with a formula character (OWASP: = + - @,
  // tab, CR). The export starts with a BOM.
  const std::string csv = contacts_to_csv(table);
  std::vector<Diagnostic> reread;
  for (const auto& record : parse_csv(strip_bom(csv), reread)) {
    for (const auto& field : record.fields) {
      fuzz::require(field.empty() || std::string_view("=+-@\t\r").find(field[0]) == std::string_view::npos,
                    "no exported cell starts with a formula character");
    }
  }
  std::vector<Diagnostic> raw;
  if (!find_invalid_utf8(bytes)) (void)parse_csv(bytes, raw);
  return 0;
}
