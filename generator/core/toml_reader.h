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

#include "core/date.h"
#include "core/diagnostic.h"
#include "core/located.h"

namespace mamori {

enum class Need { optional, required };

// How deeply TOML may nest: levels of [table.headers], dotted.keys, [lists] and {inline
// tables} together. toml++ recurses once per level (and so does destroying its tree), so
// 50,000 levels overflow the stack; no real file needs more than a handful.
inline constexpr int kMaxTomlNesting = 32;

// The one entry point to toml++: every TOML file mamori reads goes through here. Parses TOML
// text; never throws. On an error returns nullopt and adds it to `out`, positioned in `text`
// (lines shifted by line_offset): nesting deeper than kMaxTomlNesting (checked before toml++
// sees the text), or toml++'s syntax error.
std::optional<toml::table> parse_toml(std::string_view text, int line_offset, std::vector<Diagnostic>& out);

// The cheap pre-scan parse_toml runs: the error at the first place where `text` nests deeper
// than `limit` levels, or nullopt. Understands strings, comments, headers, dotted keys, lists
// and inline tables well enough never to under-count valid TOML; runs in linear time, no
// recursion. Positions are in `text` (not shifted).
std::optional<Diagnostic> check_toml_nesting(std::string_view text, int limit = kMaxTomlNesting);

class TomlReader {
 public:
  // `where` names the table in messages ("" for the root, "questions[2]" for others);
  // `line`/`column` is where a missing required key is reported.
  TomlReader(const toml::table& table, int line_offset, std::vector<Diagnostic>& out, std::string where = {},
             int line = 1, int column = 1);

  // Strings and string lists refuse control characters other than tab and line breaks
  // (reported at the value): every string read here may end up on a page.
  std::optional<Located<std::string>> string(std::string_view key, Need need = Need::optional);
  std::optional<Located<int64_t>> integer(std::string_view key, Need need = Need::optional);
  std::optional<Located<bool>> boolean(std::string_view key, Need need = Need::optional);
  std::optional<Located<Date>> date(std::string_view key, Need need = Need::optional);
  // A list's items that are not strings, or hold control characters, are reported and left
  // out; the others are returned, so that their own problems are found in the same run.
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
  // False (and an error) when a string value holds a control character.
  bool printable(std::string_view key, std::string_view value, int line, int column);
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
