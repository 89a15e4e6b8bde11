#include "results/roster.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "core/csv.h"
#include "core/encoding.h"
#include "core/i18n.h"
#include "core/spellcheck.h"
#include "core/text.h"

namespace mamori {
namespace {

enum class Column { employee_id, name, department };

const std::map<std::string, Column>& header_names() {
  static const std::map<std::string, Column> kNames = {{"社員番号", Column::employee_id},
                                                       {"職員番号", Column::employee_id},
                                                       {"employee_id", Column::employee_id},
                                                       {"氏名", Column::name},
                                                       {"名前", Column::name},
                                                       {"name", Column::name},
                                                       {"所属", Column::department},
                                                       {"部署", Column::department},
                                                       {"department", Column::department}};
  return kNames;
}

struct Layout {
  std::map<Column, size_t> at;  // column → field index
};

std::optional<Layout> read_header(const CsvRecord& header, std::vector<Diagnostic>& out) {
  Layout layout;
  std::vector<std::string> known;
  for (const auto& [name, column] : header_names()) known.push_back(name);
  for (size_t i = 0; i < header.fields.size(); ++i) {
    const std::string key = nfkc_casefold(trim(header.fields[i]));
    if (auto it = header_names().find(key); it != header_names().end() && !layout.at.contains(it->second)) {
      layout.at[it->second] = i;
    } else if (auto near = closest_match(key, known); near && it == header_names().end()) {
      out.push_back(
          warning_at(header.line, static_cast<int>(i) + 1,
                     format(tr("column '{0}' is ignored; did you mean '{1}'?"), trim(header.fields[i]), *near)));
    }
  }
  if (layout.at.contains(Column::name) || layout.at.contains(Column::employee_id)) return layout;
  out.push_back(error_at(header.line, 0, tr("the first row must name the columns: 社員番号 and/or 氏名 (and 所属)")));
  return std::nullopt;
}

std::string field(const CsvRecord& row, const Layout& layout, Column column) {
  const auto it = layout.at.find(column);
  if (it == layout.at.end() || it->second >= row.fields.size()) return {};
  return std::string(trim(row.fields[it->second]));
}

}  // namespace

std::string name_key(std::string_view name) {
  // U+3000 becomes an ASCII space here; zero-width and bidi characters show nothing, so
  // they do not tell two names apart.
  std::string folded = without_default_ignorables(nfkc_casefold(name));
  std::string out;
  for (const char c : folded) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') out += c;
  }
  return out;
}

std::string employee_id_key(std::string_view id) {
  std::string key = without_default_ignorables(nfkc_casefold(trim(id)));
  if (key.empty() || key.find_first_not_of("0123456789") != std::string::npos) return key;
  const size_t first = std::min(key.find_first_not_of('0'), key.size() - 1);
  return key.substr(first);
}

bool has_invisible_characters(std::string_view text) {
  for (size_t i = 0; i < text.size();) {
    const auto cp = code_point_at(text, i);
    if (!cp) return false;
    const bool variation_selector = (*cp >= 0xFE00 && *cp <= 0xFE0F) || (*cp >= 0xE0100 && *cp <= 0xE01EF);
    if (is_default_ignorable(*cp) && !variation_selector) return true;
    i += utf8_sequence_length(text, i);
  }
  return false;
}

std::vector<RosterEntry> parse_roster(std::string_view bytes, std::vector<Diagnostic>& out) {
  const auto decoded = decode_utf8_or_cp932(bytes);
  if (!decoded) {
    out.push_back(error_at(0, 0, tr("the roster is neither UTF-8 nor CP932 (Shift_JIS): save it from Excel as CSV")));
    return {};
  }
  const auto records = parse_csv(decoded->text, out);
  if (records.empty()) return {};
  const auto layout = read_header(records.front(), out);
  if (!layout) return {};
  std::vector<RosterEntry> roster;
  std::set<std::string> ids;
  for (size_t r = 1; r < records.size(); ++r) {
    const CsvRecord& row = records[r];
    RosterEntry entry{field(row, *layout, Column::employee_id), field(row, *layout, Column::name),
                      field(row, *layout, Column::department), row.line};
    if (entry.employee_id.empty() && entry.name.empty()) {
      const bool blank =
          std::all_of(row.fields.begin(), row.fields.end(), [](const auto& f) { return trim(f).empty(); });
      if (!blank) out.push_back(error_at(row.line, 0, tr("this row has neither 社員番号 nor 氏名")));
      continue;
    }
    if (!entry.employee_id.empty() && !ids.insert(employee_id_key(entry.employee_id)).second) {
      out.push_back(error_at(row.line, 0, format(tr("社員番号 '{0}' is on the roster twice"), entry.employee_id)));
      continue;
    }
    roster.push_back(std::move(entry));
  }
  return roster;
}

}  // namespace mamori
