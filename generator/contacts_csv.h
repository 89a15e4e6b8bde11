// The contact table's Excel round trip: `mamori contacts export` and `import`.
//
//   最終確認日,2025-05-01                              <- row 1: the table's reviewed date
//   区分,相談内容,相談先,URL,電話番号,メール,備考       <- row 2: the header (any column order)
//   県内の窓口,経済安全保障全般,愛知県 …,https://…,052-954-6370,,
//
// Export writes UTF-8 with a BOM and CRLF, which Excel opens correctly. Import reads
// UTF-8 (with or without BOM) or CP932, CRLF or LF; every problem is reported by CSV row
// and column; contacts.toml is rewritten only when every row is valid.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "contacts.h"
#include "diagnostic.h"

namespace mamori {

std::string contacts_to_csv(const ContactTable& table);

// Parses the CSV bytes of an import (pure). Problems carry row:column positions.
ContactTable contacts_from_csv(std::string_view bytes, std::vector<Diagnostic>& out);

// What an import would change, one line each ("changed: …", "added: …", "removed: …").
std::vector<std::string> describe_changes(const ContactTable& before, const ContactTable& after);

struct ImportResult {
  std::vector<Diagnostic> diagnostics;  // paths set; errors mean nothing was written
  std::vector<std::string> changes;
  bool written = false;
  std::filesystem::path backup;  // the previous contacts.toml, when one was kept
};

// Reads `csv_file`, validates it, and (unless dry_run) replaces ROOT/content/contacts.toml,
// keeping the previous file as contacts.toml.bak. Environment problems (unreadable file)
// are reported as diagnostics without a line.
ImportResult import_contacts(const std::filesystem::path& root, const std::filesystem::path& csv_file, bool dry_run);

// Parses a date as Excel may write it: 2025-05-01, 2025/5/1, 2025年5月1日.
std::optional<Date> parse_loose_date(std::string_view text);

}  // namespace mamori
