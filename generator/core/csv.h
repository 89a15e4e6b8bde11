// CSV as Excel reads and writes it (RFC 4180): fields separated by commas, quoted with
// '"' when they hold commas, quotes or line breaks ("" inside quotes is one quote),
// records ended by CRLF or LF.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"

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

}  // namespace mamori
