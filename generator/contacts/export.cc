#include "contacts/export.h"

#include "core/text_file.h"

#include <string>
#include <system_error>

#include "contacts/contacts.h"
#include "contacts/contacts_csv.h"
#include "core/files.h"
#include "core/i18n.h"
#include "core/text.h"

namespace fs = std::filesystem;

namespace mamori {

bool is_csv_name(const fs::path& file) {
  return ascii_lower(file.extension().string()) == ".csv";
}

Result<ExportResult> export_contacts(const fs::path& root, const fs::path& csv_file) {
  if (!is_csv_name(csv_file)) {
    return Error{format(tr("{0}: the export writes a CSV file; give a name that ends in .csv (nothing was written)"),
                        csv_file.string())};
  }
  const fs::path content = root / "content";
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(content / "contacts.toml", ec))) return Error{missing_table_message(root)};
  auto read = read_file_inside(content / "contacts.toml", fs::canonical(content, ec), "content/");
  if (!read) return Error{format(tr("content/contacts.toml: {0}"), read.error().message)};
  const std::string& text = *read;
  std::vector<Diagnostic> problems;
  ContactTable table;
  if (auto checked = check_text_file(text, problems, TextFileKind::contacts))
    table = parse_contacts(*checked, problems);
  attach_source_lines(problems, text);
  ExportResult result;
  result.diagnostics.add_all(std::move(problems), "content/contacts.toml");
  if (result.diagnostics.has_errors()) return result;
  if (auto written = write_file_atomically(csv_file, contacts_to_csv(table)); !written) return written.error();
  result.contacts = table.contacts.size();
  return result;
}

}  // namespace mamori
