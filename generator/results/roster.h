// The roster HR exports from its personnel list (CSV from Excel, UTF-8 or CP932): who
// should take the training. Columns are found by their header, in Japanese or English:
//   社員番号 | employee_id      氏名 | name      所属 | department
// Other columns are ignored. A person needs a 氏名 or a 社員番号.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"

namespace mamori {

struct RosterEntry {
  std::string employee_id;
  std::string name;
  std::string department;
  int line = 0;  // where the row starts in the file, for diagnostics
};

// Parses roster bytes (a BOM, UTF-8 or CP932). Problems go to `out` positioned in the file
// (no path): an unknown encoding, no 氏名 or 社員番号 column (with "did you mean" for a near
// header), a row without either, an employee id given twice. Rows with problems are skipped.
std::vector<RosterEntry> parse_roster(std::string_view bytes, std::vector<Diagnostic>& out);

// The form in which two spellings of a name compare equal: NFKC, case folded, without any
// white space (山田　太郎, 山田 太郎 and 山田太郎 are one name).
std::string name_key(std::string_view name);

}  // namespace mamori
