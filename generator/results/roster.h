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
// white space (山田　太郎, 山田 太郎 and 山田太郎 are one name) and without characters that
// show nothing (default-ignorable: zero-width spaces and joiners, bidi marks, the soft
// hyphen, U+FEFF, variation selectors).
std::string name_key(std::string_view name);

// The same for an employee id: NFKC, case folded, without characters that show nothing,
// and, when it is all digits, without leading zeros (Excel drops them: 0042 becomes 42).
std::string employee_id_key(std::string_view id);

// Whether `text` holds a character that shows nothing (default-ignorable; variation
// selectors aside, which pick a glyph of a kanji in names): such a name can look like
// another one.
bool has_invisible_characters(std::string_view text);

}  // namespace mamori
