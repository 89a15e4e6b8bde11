#include "contacts/contacts_csv.h"

#include <algorithm>
#include <map>
#include <system_error>

#include "core/csv.h"
#include "core/encoding.h"
#include "core/files.h"
#include "core/spellcheck.h"
#include "core/text.h"

namespace fs = std::filesystem;

namespace mamori {
namespace {

constexpr std::string_view kReviewedLabel = "最終確認日";

std::vector<std::string> header_labels() {
  std::vector<std::string> labels;
  for (const auto& field : contact_fields()) labels.emplace_back(field.label);
  return labels;
}

// How a formula-like first character is named in messages.
std::string describe_formula_start(char c) {
  if (c == '\t') return "a tab";
  if (c == '\r') return "a carriage return";
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

std::variant<std::string, FormulaCell> unneutralize_cell(std::string_view cell) {
  const std::string_view value = trim(cell);
  if (value.starts_with('\'') && (starts_like_formula(value.substr(1)) || value.substr(1).starts_with('\''))) {
    return std::string(value.substr(1));
  }
  if (!starts_like_formula(value)) return std::string(value);
  const std::string start = describe_formula_start(value.front());
  return FormulaCell{"'" + std::string(value) + "' starts with " + start +
                     ", which Excel runs as a formula: remove it, or write an apostrophe before it ('" +
                     std::string(value.substr(0, 1)) + "…) to keep it as text, as mamori contacts export does"};
}

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
        error_at(first.number, 1, "row 1 must hold the date the table was checked, like 最終確認日,2025-05-01"));
  } else if (auto date = parse_loose_date(first.fields[1])) {
    table.reviewed = *date;
    table.reviewed_line = first.number;
    table.reviewed_column = 2;
  } else {
    out.push_back(error_at(first.number, 2, "'" + first.fields[1] + "' is not a date: write it like 2025-05-01"));
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
                             "unknown column '" + name + "'" + did_you_mean(name, labels)));
      continue;
    }
    const auto f = static_cast<size_t>(it - labels.begin());
    if (present[f]) {
      out.push_back(error_at(header.number, static_cast<int>(c) + 1, "column '" + name + "' appears twice"));
      continue;
    }
    present[f] = true;
    field_of_column[c] = static_cast<int>(f);
  }
  for (size_t f = 0; f < 3; ++f) {  // group, topic, organization
    if (!present[f]) out.push_back(error_at(header.number, 0, "the header has no '" + labels[f] + "' column"));
  }
  return field_of_column;
}

// Rows 3…: one contact, or nullopt for a blank row (Excel keeps empty rows).
std::optional<Contact> read_contact(const CsvRecord& row, const std::vector<int>& field_of_column,
                                    std::vector<Diagnostic>& out) {
  bool blank = true;
  for (const auto& value : row.fields) blank = blank && trim(value).empty();
  if (blank) return std::nullopt;
  Contact contact;
  std::array<Position, Contact::kFields> fields{};
  const auto targets = contact.values();
  for (size_t c = 0; c < row.fields.size(); ++c) {
    const int column = static_cast<int>(c) + 1;
    if (c >= field_of_column.size()) {
      if (!trim(row.fields[c]).empty()) {
        out.push_back(error_at(row.number, column,
                               "row " + std::to_string(row.number) + " has a value in column " +
                                   std::to_string(column) + ", which has no header"));
      }
      continue;
    }
    if (field_of_column[c] < 0) continue;
    auto cell = unneutralize_cell(row.fields[c]);
    if (auto* formula = std::get_if<FormulaCell>(&cell)) {
      out.push_back(error_at(row.number, column, std::move(formula->message)));
      continue;  // left empty: no second complaint about a missing value
    }
    if (const std::string control = first_control_character(std::get<std::string>(cell)); !control.empty()) {
      out.push_back(
          error_at(row.number, column,
                   "the cell holds a control character (" + control + "), which cannot be shown on a page: remove it"));
      continue;
    }
    const auto f = static_cast<size_t>(field_of_column[c]);
    *targets[f] = std::move(std::get<std::string>(cell));
    fields[f] = Position{row.number, column};
  }
  validate_contact(contact, Position{row.number, 0}, fields, out);
  return contact;
}

struct CurrentTable {
  ContactTable table;
  std::string text;  // "" when there is no contacts.toml yet
};

// The contacts.toml an import replaces. Checked on the opened file: one that is a symlink
// out of content/ is neither shown (a dry run lists the rows it holds) nor replaced. An
// invalid or unreadable table is simply replaced.
std::variant<CurrentTable, Diagnostic> read_current_table(const fs::path& root, const fs::path& toml_file) {
  CurrentTable current;
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(toml_file, ec))) return current;
  auto read = read_file_inside(toml_file, fs::canonical(root / "content", ec), "content/");
  if (!read && read.error().message.starts_with("symlink")) {
    Diagnostic d = error_at(0, 0, read.error().message + "; nothing was changed");
    d.path = "content/contacts.toml";
    return d;
  }
  if (read) {
    current.text = *read;
    std::vector<Diagnostic> ignored;
    current.table = parse_contacts(strip_bom(current.text), ignored);
  }
  return current;
}

}  // namespace

ContactTable contacts_from_csv(std::string_view bytes, std::vector<Diagnostic>& out) {
  ContactTable table;
  const auto decoded = decode_utf8_or_cp932(bytes);
  if (!decoded) {
    out.push_back(error_at(0, 0,
                           "the file is neither UTF-8 nor Shift_JIS (CP932): save it from Excel as "
                           "\"CSV UTF-8 (コンマ区切り)\""));
    return table;
  }
  const auto records = parse_csv(decoded->text, out);
  if (records.empty()) {
    out.push_back(error_at(1, 1, "the file is empty: export the table first with `mamori contacts export`"));
    return table;
  }
  read_reviewed_row(records[0], table, out);
  if (records.size() < 2) {
    out.push_back(error_at(2, 1, "row 2 must be the header: 区分,相談内容,相談先,URL,電話番号,メール,備考"));
    return table;
  }
  const std::vector<int> field_of_column = read_header(records[1], out);
  for (size_t r = 2; r < records.size(); ++r) {
    if (auto contact = read_contact(records[r], field_of_column, out)) table.contacts.push_back(std::move(*contact));
  }
  check_duplicates(table.contacts, "row", out);
  return table;
}

std::vector<std::string> describe_changes(const ContactTable& before, const ContactTable& after) {
  std::vector<std::string> changes;
  if (before.reviewed != after.reviewed) {
    changes.push_back("changed: 最終確認日 " + (before.reviewed ? to_iso(*before.reviewed) : "(none)") + " → " +
                      (after.reviewed ? to_iso(*after.reviewed) : "(none)"));
  }
  std::map<std::string, const Contact*> old_by_key;
  for (const auto& c : before.contacts) old_by_key.emplace(c.key(), &c);
  std::map<std::string, const Contact*> new_by_key;
  for (const auto& c : after.contacts) new_by_key.emplace(c.key(), &c);
  auto name = [](const Contact& c) { return c.organization + "（" + c.topic + "）"; };
  for (const auto& contact : after.contacts) {
    const auto it = old_by_key.find(contact.key());
    if (it == old_by_key.end()) {
      changes.push_back("added: " + name(contact));
      continue;
    }
    const auto old_values = it->second->values();
    const auto new_values = contact.values();
    for (size_t f = 0; f < Contact::kFields; ++f) {
      if (*old_values[f] == *new_values[f]) continue;
      changes.push_back("changed: " + name(contact) + " " + std::string(contact_fields()[f].label) + " '" +
                        *old_values[f] + "' → '" + *new_values[f] + "'");
    }
  }
  for (const auto& contact : before.contacts) {
    if (!new_by_key.contains(contact.key())) changes.push_back("removed: " + name(contact));
  }
  // Same entries, other order.
  if (changes.empty() && before.contacts.size() == after.contacts.size()) {
    for (size_t i = 0; i < before.contacts.size(); ++i) {
      if (before.contacts[i].key() != after.contacts[i].key()) {
        changes.push_back("changed: the order of the rows");
        break;
      }
    }
  }
  return changes;
}

ImportResult import_contacts(const fs::path& root, const fs::path& csv_file, bool dry_run) {
  ImportResult result;
  const std::string csv_name = csv_file.string();
  auto read = read_file(csv_file, size_t{16} << 20);
  if (!read) {
    Diagnostic d = error_at(0, 0, read.error().message);
    d.path = csv_name;
    result.diagnostics.push_back(std::move(d));
    return result;
  }
  std::vector<Diagnostic> problems;
  const ContactTable imported = contacts_from_csv(*read, problems);
  for (auto& d : problems) d.path = csv_name;
  result.diagnostics = std::move(problems);
  for (const auto& d : result.diagnostics) {
    if (d.severity == Severity::error) return result;
  }

  const fs::path toml_file = root / "content" / "contacts.toml";
  auto current_read = read_current_table(root, toml_file);
  if (auto* error = std::get_if<Diagnostic>(&current_read)) {
    result.diagnostics.push_back(std::move(*error));
    return result;
  }
  const auto& [current, current_text] = std::get<CurrentTable>(current_read);
  result.changes = describe_changes(current, imported);
  const std::string new_text = contacts_to_toml(imported);
  if (new_text == current_text) return result;  // nothing to write
  if (result.changes.empty()) result.changes.push_back("changed: the layout of contacts.toml (same contents)");
  if (dry_run) return result;

  if (!current_text.empty()) {
    result.backup = toml_file.string() + ".bak";
    if (auto written = write_file_atomically(result.backup, current_text); !written) {
      Diagnostic d = error_at(0, 0, "cannot keep a backup: " + written.error().message + "; nothing was changed");
      d.path = "content/contacts.toml";
      result.diagnostics.push_back(std::move(d));
      return result;
    }
  }
  // write_file writes a new file and renames it into place: the table is never half-written.
  if (auto written = write_file_atomically(toml_file, new_text); !written) {
    Diagnostic d = error_at(0, 0, "cannot replace contacts.toml: " + written.error().message);
    d.path = "content/contacts.toml";
    result.diagnostics.push_back(std::move(d));
    return result;
  }
  result.written = true;
  return result;
}

}  // namespace mamori
