// The contact table as a CSV file for Excel: what `mamori contacts export` writes and
// `mamori contacts import` reads (export.h, import.h).
//
//   最終確認日,2025-05-01                                 <- row 1: the table's reviewed date
//   ID,区分,相談内容,相談先,URL,電話番号,メール,備考       <- row 2: the header (any column order)
//   aichi-general,県内の窓口,経済安全保障全般,愛知県 …,https://…,052-954-6370,,
//
// Export writes UTF-8 with a BOM and CRLF, which Excel opens correctly. Import reads
// UTF-8 (with or without BOM) or CP932, CRLF or LF; every problem is reported by CSV row
// and column. The ID column may be missing or a cell in it empty: the import then keeps the
// id of the entry of contacts.toml with the same 相談先 and 相談内容 (take_ids_from in
// contact_ids.h); contacts_from_csv leaves such ids empty.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "contacts/contacts.h"
#include "core/csv.h"
#include "core/diagnostic.h"
#include "core/result.h"

namespace mamori {

// Export neutralises every cell that a spreadsheet would run as a formula (OWASP "CSV
// Injection"): see neutralize_cell.
std::string contacts_to_csv(const ContactTable& table);

// Whether `bytes` are a spreadsheet workbook rather than CSV text: a zip (.xlsx) or an OLE2
// compound file (.xls), told by their first bytes, whatever the file is called.
bool is_spreadsheet_workbook(std::string_view bytes);

// Parses the CSV bytes of an import (pure). Problems carry row:column positions; a
// workbook (is_spreadsheet_workbook) gets one error saying how to save it as CSV.
ContactTable contacts_from_csv(std::string_view bytes, std::vector<Diagnostic>& out);

// Parses a date as Excel may write it: 2025-05-01, 2025/5/1, 2025年5月1日.
std::optional<Date> parse_loose_date(std::string_view text);

}  // namespace mamori
