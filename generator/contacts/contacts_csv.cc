#include "contacts/contacts_csv.h"

#include <algorithm>
#include <set>

#include "core/csv.h"
#include "core/encoding.h"
#include "core/i18n.h"
#include "core/spellcheck.h"
#include "core/text.h"

namespace mamori {
namespace {

constexpr std::string_view kReviewedLabel = "最終確認日";

std::vector<std::string> header_labels() {
  std::vector<std::string> labels;
  for (const auto& field : contact_fields()) labels.emplace_back(field.label);
  return labels;
}

}  // namespace

std::optional<Date> parse_loose_date(std::string_view text) {
  text = trim(text);
  if (auto iso = parse_iso_date(text)) return iso;
  // Split into three numbers on '/', '-', '.', or 年/月/日.
  std::vector<int> parts;
  int value = -1;
  for (size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c >= '0' && c <= '9') {
      value = (value < 0 ? 0 : value * 10) + (c - '0');
      if (value > 9999) return std::nullopt;
      ++i;
      continue;
    }
    if (value >= 0) parts.push_back(value);
    value = -1;
    if (c == '/' || c == '-' || c == '.') {
      ++i;
    } else if (text.substr(i, 3) == "年" || text.substr(i, 3) == "月" || text.substr(i, 3) == "日") {
      i += 3;
    } else {
      return std::nullopt;
    }
  }
  if (value >= 0) parts.push_back(value);
  if (parts.size() != 3 || !is_valid_date(parts[0], parts[1], parts[2])) return std::nullopt;
  return Date{parts[0], parts[1], parts[2]};
}

std::string contacts_to_csv(const ContactTable& table) {
  std::string out = "\xEF\xBB\xBF";
  out += csv_record({std::string(kReviewedLabel), table.reviewed ? to_iso(*table.reviewed) : ""});
  out += csv_record(header_labels());
  for (const auto& contact : table.contacts) {
    std::vector<std::string> row;
    for (const std::string* value : contact.values()) row.push_back(neutralize_cell(*value));
    out += csv_record(row);
  }
  return out;
}

namespace {

// Row 1: 最終確認日,2025-05-01.
void read_reviewed_row(const CsvRecord& first, ContactTable& table, std::vector<Diagnostic>& out) {
  if (first.fields.size() < 2 || trim(first.fields[0]) != kReviewedLabel) {
    out.push_back(
        error_at(first.number, 1, tr("row 1 must hold the date the table was checked, like 最終確認日,2025-05-01")));
  } else if (auto date = parse_loose_date(first.fields[1])) {
    table.reviewed = *date;
    table.reviewed_line = first.number;
    table.reviewed_column = 2;
  } else {
    out.push_back(
        error_at(first.number, 2, format(tr("'{0}' is not a date: write it like 2025-05-01"), first.fields[1])));
  }
}

// Row 2: the header, in any order. Returns the field of each column (-1: none, reported).
std::vector<int> read_header(const CsvRecord& header, std::vector<Diagnostic>& out) {
  const std::vector<std::string> labels = header_labels();
  std::vector<int> field_of_column(header.fields.size(), -1);
  std::vector<bool> present(labels.size(), false);
  for (size_t c = 0; c < header.fields.size(); ++c) {
    const std::string name(trim(header.fields[c]));
    if (name.empty()) continue;
    const auto it = std::find(labels.begin(), labels.end(), name);
    if (it == labels.end()) {
      out.push_back(error_at(header.number, static_cast<int>(c) + 1,
                             format(tr("unknown column '{0}'{1}"), name, did_you_mean(name, labels))));
      continue;
    }
    const auto f = static_cast<size_t>(it - labels.begin());
    if (present[f]) {
      out.push_back(error_at(header.number, static_cast<int>(c) + 1, format(tr("column '{0}' appears twice"), name)));
      continue;
    }
    present[f] = true;
    field_of_column[c] = static_cast<int>(f);
  }
  for (const size_t f : {kGroupField, kTopicField, kOrganizationField}) {  // ID may be left out: import.h
    if (!present[f]) out.push_back(error_at(header.number, 0, format(tr("the header has no '{0}' column"), labels[f])));
  }
  return field_of_column;
}

bool is_blank(const CsvRecord& row) {
  return std::all_of(row.fields.begin(), row.fields.end(), [](const std::string& v) { return trim(v).empty(); });
}

// A value right of the header, where no field is: refused unless blank.
void check_headerless_cell(const CsvRecord& row, size_t c, std::vector<Diagnostic>& out) {
  if (trim(row.fields[c]).empty()) return;
  const int column = static_cast<int>(c) + 1;
  out.push_back(error_at(row.number, column,
                         format(tr("row {0} has a value in column {1}, which has no header"), row.number, column)));
}

// The value of cell `c` of a row, or nullopt when it is refused (reported): a formula, or a
// control character.
std::optional<std::string> read_cell(const CsvRecord& row, size_t c, std::vector<Diagnostic>& out) {
  const int column = static_cast<int>(c) + 1;
  auto cell = unneutralize_cell(row.fields[c]);
  if (!cell) {
    out.push_back(error_at(row.number, column, cell.error().message));
    return std::nullopt;
  }
  if (const std::string control = first_control_character(*cell); !control.empty()) {
    out.push_back(error_at(
        row.number, column,
        format(tr("the cell holds a control character ({0}), which cannot be shown on a page: remove it"), control)));
    return std::nullopt;
  }
  return std::move(*cell);
}

// "E": the letter Excel shows above a column (1 → A, 27 → AA).
std::string column_letters(int column) {
  std::string letters;
  for (; column > 0; column = (column - 1) / 26)
    letters.insert(letters.begin(), static_cast<char>('A' + (column - 1) % 26));
  return letters;
}

// Names the column of each problem in a row as Excel and the header show it, "column E
// (電話番号): …", so that staff find the cell without counting columns.
void name_columns(std::vector<Diagnostic>& out, size_t first, const CsvRecord& header) {
  for (size_t i = first; i < out.size(); ++i) {
    Diagnostic& d = out[i];
    if (d.column <= 0 || static_cast<size_t>(d.column) > header.fields.size()) continue;
    const std::string name(trim(header.fields[static_cast<size_t>(d.column) - 1]));
    d.message = name.empty() ? format(tr("column {0}: {1}"), column_letters(d.column), d.message)
                             : format(tr("column {0} ({1}): {2}"), column_letters(d.column), name, d.message);
  }
}

// Rows 3…: one contact, or nullopt for a blank row (Excel keeps empty rows).
std::optional<Contact> read_contact(const CsvRecord& row, const CsvRecord& header,
                                    const std::vector<int>& field_of_column, std::vector<Diagnostic>& out) {
  if (is_blank(row)) return std::nullopt;
  const size_t first_problem = out.size();
  Contact contact;
  std::array<Position, Contact::kFields> fields{};
  // A value left out of a short row is missing in its header's column.
  for (size_t c = 0; c < field_of_column.size(); ++c) {
    if (field_of_column[c] >= 0)
      fields[static_cast<size_t>(field_of_column[c])] = Position{row.number, static_cast<int>(c) + 1};
  }
  const auto targets = contact.values();
  std::set<int> refused;  // columns of cells already reported
  for (size_t c = 0; c < row.fields.size(); ++c) {
    if (c >= field_of_column.size()) {
      check_headerless_cell(row, c, out);
      continue;
    }
    if (field_of_column[c] < 0) continue;
    auto value = read_cell(row, c, out);
    if (!value) {
      refused.insert(static_cast<int>(c) + 1);
      continue;
    }
    *targets[static_cast<size_t>(field_of_column[c])] = std::move(*value);
  }
  const size_t validated = out.size();
  validate_contact(contact, Position{row.number, 0}, fields, out);
  // A refused cell is left empty: no second complaint about it (a missing value).
  const auto again = [&](const Diagnostic& d) { return refused.contains(d.column); };
  out.erase(std::remove_if(out.begin() + static_cast<std::ptrdiff_t>(validated), out.end(), again), out.end());
  name_columns(out, first_problem, header);
  return contact;
}

}  // namespace

bool is_spreadsheet_workbook(std::string_view bytes) {
  constexpr std::string_view kZip("PK\x03\x04", 4);                         // .xlsx, .ods: a zip
  constexpr std::string_view kOle2("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8);  // .xls
  return bytes.starts_with(kZip) || bytes.starts_with(kOle2);
}

ContactTable contacts_from_csv(std::string_view bytes, std::vector<Diagnostic>& out) {
  ContactTable table;
  if (is_spreadsheet_workbook(bytes)) {
    out.push_back(error_at(0, 0,
                           tr("this is an Excel workbook (.xlsx or .xls), not a CSV file: in Excel, choose File → "
                              "Save As → CSV UTF-8 (Comma delimited), then import that file")));
    return table;
  }
  const auto decoded = decode_utf8_or_cp932(bytes);
  if (!decoded) {
    out.push_back(error_at(0, 0,
                           tr("the file is neither UTF-8 nor Shift_JIS (CP932): save it from Excel as "
                              "\"CSV UTF-8 (コンマ区切り)\"")));
    return table;
  }
  const auto records = parse_csv(decoded->text, out);
  if (records.empty()) {
    out.push_back(error_at(1, 1, tr("the file is empty: export the table first with `mamori contacts export`")));
    return table;
  }
  read_reviewed_row(records[0], table, out);
  if (records.size() < 2) {
    out.push_back(error_at(2, 1, tr("row 2 must be the header: ID,区分,相談内容,相談先,URL,電話番号,メール,備考")));
    return table;
  }
  const size_t before_header = out.size();
  const std::vector<int> field_of_column = read_header(records[1], out);
  // Without a required column every row would also be reported as missing its value: one
  // error per row for one mistake in the header. The header's own errors are enough.
  const auto lacks_column = [&](const Diagnostic& d) { return d.line == records[1].number && d.column == 0; };
  if (std::any_of(out.begin() + static_cast<std::ptrdiff_t>(before_header), out.end(), lacks_column)) return table;
  for (size_t r = 2; r < records.size(); ++r) {
    if (auto contact = read_contact(records[r], records[1], field_of_column, out))
      table.contacts.push_back(std::move(*contact));
  }
  check_duplicates(table.contacts, "row", out);
  return table;
}

}  // namespace mamori
