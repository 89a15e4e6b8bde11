// Typed, validating access to a TOML table, with positions for every complaint.
//
// A reader remembers which keys were asked for; finish() then reports every other key as
// unknown, with a "did you mean" hint. Positions come from toml++ and are shifted by
// `line_offset` (front matter starts on line 2 of its file).
#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "date.h"
#include "diagnostic.h"

namespace mamori {

template <typename T>
struct Located {
  T value;
  int line = 0;
  int column = 0;
};

enum class Need { optional, required };

// Parses TOML text. On a syntax error returns nullopt and adds the error (position from
// toml++, shifted by line_offset) to `out`.
std::optional<toml::table> parse_toml(std::string_view text, int line_offset, std::vector<Diagnostic>& out);

class TomlReader {
 public:
  // `where` names the table in messages ("" for the root, "questions[2]" for others);
  // `line`/`column` is where a missing required key is reported.
  TomlReader(const toml::table& table, int line_offset, std::vector<Diagnostic>& out, std::string where = {},
             int line = 1, int column = 1);

  std::optional<Located<std::string>> string(std::string_view key, Need need = Need::optional);
  std::optional<Located<int64_t>> integer(std::string_view key, Need need = Need::optional);
  std::optional<Located<bool>> boolean(std::string_view key, Need need = Need::optional);
  std::optional<Located<Date>> date(std::string_view key, Need need = Need::optional);
  std::optional<std::vector<Located<std::string>>> string_list(std::string_view key, Need need = Need::optional);
  // An array of tables ([[key]]); nullptr when absent or of another type (reported).
  const toml::array* table_list(std::string_view key, Need need = Need::optional);
  // A sub-table ([key]); nullptr when absent or of another type (reported).
  const toml::table* table(std::string_view key, Need need = Need::optional);

  // Marks a key as known without reading it (read by other means).
  void accept(std::string_view key) { known_.insert(std::string(key)); }

  // Reports keys that were never asked for or accepted.
  void finish();

  Located<std::monostate> position_of(const toml::node& node) const;
  int line_offset() const { return line_offset_; }
  std::vector<Diagnostic>& diagnostics() { return out_; }

 private:
  const toml::node* find(std::string_view key, Need need);
  void wrong_type(std::string_view key, const toml::node& node, std::string_view expected);
  std::string qualified(std::string_view key) const;

  const toml::table& table_;
  int line_offset_;
  std::vector<Diagnostic>& out_;
  std::string where_;
  int line_;
  int column_;
  std::set<std::string> known_;
};

// The line of the first key of a table (toml++ gives no position to a [[table]] itself),
// or `fallback` for an empty table.
int first_key_line(const toml::table& table, int fallback);

// `text` as a TOML basic string, quoted and escaped ("…"), for files mamori writes.
std::string toml_basic_string(std::string_view text);

// "a string", "an integer", … as used in messages.
std::string_view describe_type(const toml::node& node);

}  // namespace mamori
