#include "core/csv.h"

#include "core/i18n.h"
#include "core/text.h"

namespace mamori {

namespace {

// Reads CSV text field by field, keeping count of lines for the diagnostics.
struct CsvCursor {
  std::string_view text;
  size_t i = 0;
  int line = 1;
  size_t line_start = 0;  // where `line` starts: for the column of a quote never closed

  void take_unquoted(std::string& field) {
    while (i < text.size() && text[i] != ',' && text[i] != '\n' && text[i] != '\r') field += text[i++];
  }

  // A quoted field from its opening quote; false (after an error) when it is never closed.
  bool take_quoted(std::string& field, std::vector<Diagnostic>& out) {
    const int quote_line = line;
    const int quote_column = static_cast<int>(count_code_points(text.substr(line_start, i - line_start))) + 1;
    ++i;
    while (i < text.size()) {
      const char c = text[i++];
      if (c == '"' && i < text.size() && text[i] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        take_unquoted(field);  // text after the closing quote (a"b"c) is kept, as Excel does
        return true;
      } else {
        if (c == '\n') {
          ++line;
          line_start = i;
        }
        field += c;
      }
    }
    out.push_back(error_at(quote_line, quote_column, tr("a quoted field is never closed: add the missing '\"'")));
    return false;
  }

  // Past the ',' or line end after a field; true at the end of a record.
  bool end_of_record() {
    if (i >= text.size()) return true;
    if (text[i] == ',') {
      ++i;
      return false;
    }
    if (text[i] == '\r') ++i;
    if (i < text.size() && text[i] == '\n') ++i;
    ++line;
    line_start = i;
    return true;
  }
};

}  // namespace

std::vector<CsvRecord> parse_csv(std::string_view text, std::vector<Diagnostic>& out) {
  std::vector<CsvRecord> records;
  CsvCursor cursor{text};
  int number = 0;
  while (cursor.i < text.size()) {
    CsvRecord record;
    record.number = ++number;
    record.line = cursor.line;
    do {
      std::string field;
      if (cursor.i < text.size() && text[cursor.i] == '"') {
        if (!cursor.take_quoted(field, out)) return records;
      } else {
        cursor.take_unquoted(field);
      }
      record.fields.push_back(std::move(field));
    } while (!cursor.end_of_record());
    records.push_back(std::move(record));
  }
  // Trailing blank lines are not records.
  while (!records.empty() && records.back().fields.size() == 1 && records.back().fields[0].empty()) records.pop_back();
  return records;
}

std::string csv_record(const std::vector<std::string>& fields) {
  std::string out;
  for (size_t f = 0; f < fields.size(); ++f) {
    if (f > 0) out += ',';
    const std::string& value = fields[f];
    if (value.find_first_of(",\"\r\n") == std::string::npos) {
      out += value;
      continue;
    }
    out += '"';
    for (const char c : value) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  return out + "\r\n";
}

namespace {

// How a formula-like first character is named in messages.
std::string describe_formula_start(char c) {
  if (c == '\t') return tr("a tab");
  if (c == '\r') return tr("a carriage return");
  return std::string("'") + c + "'";
}

}  // namespace

bool starts_like_formula(std::string_view cell) {
  return !cell.empty() && std::string_view("=+-@\t\r").find(cell.front()) != std::string_view::npos;
}

std::string neutralize_cell(std::string_view value) {
  const bool quoted_formula =
      value.starts_with('\'') && (starts_like_formula(value.substr(1)) || value.substr(1).starts_with('\''));
  if (starts_like_formula(value) || quoted_formula) return "'" + std::string(value);
  return std::string(value);
}

Result<std::string> unneutralize_cell(std::string_view cell) {
  const std::string_view value = trim(cell);
  if (value.starts_with('\'') && (starts_like_formula(value.substr(1)) || value.substr(1).starts_with('\''))) {
    return std::string(value.substr(1));
  }
  if (!starts_like_formula(value)) return std::string(value);
  const std::string start = describe_formula_start(value.front());
  return Error{format(tr("'{0}' starts with {1}, which Excel runs as a formula: remove it, or write an apostrophe "
                         "before it ('{2}…) to keep it as text, as mamori contacts export does"),
                      value, start, value.substr(0, 1))};
}

}  // namespace mamori
