#include "core/toml_reader.h"

#include <algorithm>
#include <exception>

#include "core/i18n.h"
#include "core/spellcheck.h"
#include "core/text.h"

namespace mamori {
namespace {

// A linear, non-recursive walk over TOML text that tracks only how deep the structure
// nests. It is not a validator: on text toml++ would refuse it may go on scanning in a
// sensible state (it only has to make progress), but on valid TOML it follows the structure
// exactly, so it never reports a false depth there. Depth counts containers: `a = 1` is at
// level 1, `a.b = 1` and `a = [1]` and `[t] a = 1` at level 2.
class NestingScan {
 public:
  NestingScan(std::string_view text, int limit) : text_(text), limit_(limit) {}

  // The byte offset where the nesting first exceeds the limit, or nullopt.
  std::optional<size_t> run() {
    Expect expect = Expect::line_start;
    while (pos_ < text_.size() && !too_deep_) {
      switch (expect) {
        case Expect::line_start:
          expect = line_start();
          break;
        case Expect::key:
          expect = key_value();
          break;
        case Expect::value:
          expect = value();
          break;
        case Expect::after_value:
          expect = after_value();
          break;
      }
    }
    return too_deep_;
  }

 private:
  enum class Expect { line_start, key, value, after_value };
  struct Frame {
    char open;  // '[' (a list) or '{' (an inline table)
    int depth;  // the level of the list's items, or of the inline table itself
  };

  bool at(char c) const { return pos_ < text_.size() && text_[pos_] == c; }
  bool in_list() const { return !stack_.empty() && stack_.back().open == '['; }
  int base() const { return stack_.empty() ? header_depth_ : stack_.back().depth; }

  void deeper(int depth, size_t where) {
    if (depth > limit_ && !too_deep_) too_deep_ = where;
  }

  // Spaces and tabs; with `lines`, also line breaks and comments (inside lists).
  void skip_space(bool lines) {
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == ' ' || c == '\t' || (lines && (c == '\n' || c == '\r'))) {
        ++pos_;
      } else if (lines && c == '#') {
        skip_line();
      } else {
        return;
      }
    }
  }

  // To the next line break (not consumed).
  void skip_line() {
    const size_t nl = text_.find('\n', pos_);
    pos_ = nl == std::string_view::npos ? text_.size() : nl;
  }

  // A string of any of the four kinds, starting at its quote.
  void skip_string() {
    const char q = text_[pos_];
    const std::string_view triple = q == '"' ? std::string_view("\"\"\"") : std::string_view("'''");
    const bool multi_line = text_.substr(pos_, 3) == triple;
    pos_ += multi_line ? 3 : 1;
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '\\' && q == '"') {
        pos_ += 2;
      } else if (multi_line && text_.substr(pos_, 3) == triple) {
        size_t run = 3;  // """"" ends the string with two quotes in it
        while (run < 5 && pos_ + run < text_.size() && text_[pos_ + run] == q) ++run;
        pos_ += run;
        return;
      } else if (!multi_line && (c == q || c == '\n')) {
        if (c == q) ++pos_;
        return;
      } else {
        ++pos_;
      }
    }
    pos_ = std::min(pos_, text_.size());
  }

  // A dotted key (bare or quoted parts); returns the number of parts.
  int dotted_key(int depth) {
    static constexpr std::string_view kNotBare = " \t\r\n=.[]{},#\"'";
    int parts = 0;
    while (pos_ < text_.size()) {
      skip_space(false);
      const size_t start = pos_;
      if (at('"') || at('\'')) {
        skip_string();
      } else {
        while (pos_ < text_.size() && kNotBare.find(text_[pos_]) == std::string_view::npos) ++pos_;
      }
      if (pos_ == start) break;
      deeper(depth + ++parts, start);
      skip_space(false);
      if (!at('.')) break;
      ++pos_;
    }
    return parts;
  }

  Expect line_start() {
    skip_space(true);
    if (pos_ >= text_.size()) return Expect::line_start;
    if (at('[')) {  // [table] or [[array.of.tables]]
      ++pos_;
      const bool array = at('[');
      if (array) ++pos_;
      header_depth_ = (array ? 1 : 0) + dotted_key(array ? 1 : 0);
      skip_line();  // the rest is "]" or "]]" and a comment, or an error toml++ reports
      return Expect::line_start;
    }
    return key_value();
  }

  // A key and '=' (at the start of a line or inside an inline table).
  Expect key_value() {
    if (!stack_.empty()) {
      skip_space(true);
      if (at('}') || at(',')) return after_value();  // after_value consumes them
    }
    const size_t start = pos_;
    const int parts = dotted_key(base());
    skip_space(false);
    if (at('=')) {
      ++pos_;
      value_depth_ = base() + parts;
      return Expect::value;
    }
    if (pos_ == start) ++pos_;  // not a key: step over it (toml++ reports the error)
    if (stack_.empty()) {
      skip_line();
      return Expect::line_start;
    }
    return Expect::after_value;
  }

  Expect value() {
    skip_space(in_list());
    if (pos_ >= text_.size()) return Expect::value;
    const char c = text_[pos_];
    if (c == '[') {
      deeper(value_depth_ + 1, pos_);
      stack_.push_back({'[', value_depth_ + 1});
      ++pos_;
      value_depth_ += 1;
      return Expect::value;
    }
    if (c == '{') {
      stack_.push_back({'{', value_depth_});
      ++pos_;
      return Expect::key;
    }
    if (c == ']' && in_list()) return Expect::after_value;  // [] or a trailing comma
    if (c == '"' || c == '\'') {
      skip_string();
    } else {
      // Numbers, dates, booleans: up to a delimiter ("1979-05-27 07:32:00" continues in
      // after_value, which steps over the rest).
      static constexpr std::string_view kEnd = " \t\r\n,[]{}#";
      const size_t start = pos_;
      while (pos_ < text_.size() && kEnd.find(text_[pos_]) == std::string_view::npos) ++pos_;
      if (pos_ == start) ++pos_;
    }
    return Expect::after_value;
  }

  Expect after_value() {
    skip_space(in_list());
    if (pos_ >= text_.size()) return Expect::after_value;
    if (stack_.empty()) {  // a top-level value ends its line
      skip_line();
      return Expect::line_start;
    }
    const char c = text_[pos_];
    const char open = stack_.back().open;
    if (c == (open == '[' ? ']' : '}')) {
      ++pos_;
      stack_.pop_back();
      return Expect::after_value;
    }
    if (c == ',') ++pos_;
    if (open == '{') return Expect::key;
    value_depth_ = stack_.back().depth;
    return Expect::value;
  }

  std::string_view text_;
  int limit_;
  size_t pos_ = 0;
  int header_depth_ = 0;  // the level of the table the last [header] opened
  int value_depth_ = 0;   // the level of the value being read
  std::vector<Frame> stack_;
  std::optional<size_t> too_deep_;
};

}  // namespace

std::optional<Diagnostic> check_toml_nesting(std::string_view text, int limit) {
  const std::optional<size_t> offset = NestingScan(text, limit).run();
  if (!offset) return std::nullopt;
  const TextPosition pos = position_of(text, *offset);
  return error_at(pos.line, pos.column,
                  format(tr("TOML nested too deeply: more than {0} levels of tables, dotted keys and lists inside each "
                            "other; flatten the structure"),
                         limit));
}

std::optional<toml::table> parse_toml(std::string_view text, int line_offset, std::vector<Diagnostic>& out) {
  if (auto too_deep = check_toml_nesting(text)) {
    too_deep->line += line_offset;
    out.push_back(std::move(*too_deep));
    return std::nullopt;
  }
  try {
    return toml::parse(text, std::string_view{});
  } catch (const toml::parse_error& e) {
    std::string description(e.description());
    // toml++ says "Error while parsing date: expected day …"; keep its substance.
    constexpr std::string_view kPrefix = "Error while parsing ";
    if (description.starts_with(kPrefix)) description.erase(0, kPrefix.size());
    const auto& begin = e.source().begin;
    out.push_back(error_at(static_cast<int>(begin.line) + line_offset, static_cast<int>(begin.column),
                           format(tr("invalid TOML: {0}"), description)));
    return std::nullopt;
  } catch (const std::exception& e) {  // out of memory on a huge file: still a diagnostic, never a throw
    out.push_back(error_at(0, 0, format(tr("cannot read the TOML: {0}"), e.what())));
    return std::nullopt;
  }
}

int first_key_line(const toml::table& table, int fallback) {
  int line = 0;
  for (const auto& [key, value] : table) {
    const int l = static_cast<int>(key.source().begin.line);
    if (l > 0 && (line == 0 || l < line)) line = l;
  }
  return line == 0 ? fallback : line;
}

std::string toml_basic_string(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
          out += "\\u00";
          out += hex_digit(static_cast<unsigned char>(c) >> 4);
          out += hex_digit(static_cast<unsigned char>(c) & 0xF);
        } else {
          out += c;
        }
    }
  }
  return out + "\"";
}

std::string_view describe_type(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::string:
      return tr("a string");
    case toml::node_type::integer:
      return tr("an integer");
    case toml::node_type::floating_point:
      return tr("a number with a fraction");
    case toml::node_type::boolean:
      return tr("true or false");
    case toml::node_type::date:
      return tr("a date");
    case toml::node_type::time:
      return tr("a time");
    case toml::node_type::date_time:
      return tr("a date with a time");
    case toml::node_type::array:
      return tr("a list");
    case toml::node_type::table:
      return tr("a table");
    case toml::node_type::none:
      break;
  }
  return tr("nothing");
}

TomlReader::TomlReader(const toml::table& table, int line_offset, std::vector<Diagnostic>& out, std::string where,
                       int line, int column)
    : table_(table), line_offset_(line_offset), out_(out), where_(std::move(where)), line_(line), column_(column) {}

Located<std::monostate> TomlReader::position_of(const toml::node& node) const {
  const auto& begin = node.source().begin;
  if (begin.line == 0) return {{}, line_, column_};
  return {{}, static_cast<int>(begin.line) + line_offset_, static_cast<int>(begin.column)};
}

std::string TomlReader::qualified(std::string_view key) const {
  return where_.empty() ? std::string(key) : where_ + "." + std::string(key);
}

const toml::node* TomlReader::find(std::string_view key, Need need) {
  known_.insert(std::string(key));
  const toml::node* node = table_.get(key);
  if (node == nullptr && need == Need::required) {
    out_.push_back(error_at(line_, column_, format(tr("missing required key '{0}'"), qualified(key))));
  }
  return node;
}

void TomlReader::wrong_type(std::string_view key, const toml::node& node, std::string_view expected) {
  const auto pos = position_of(node);
  out_.push_back(error_at(pos.line, pos.column,
                          format(tr("'{0}' must be {1}, not {2}"), qualified(key), expected, describe_type(node))));
}

std::optional<Located<std::string>> TomlReader::string(std::string_view key, Need need) {
  const toml::node* node = find(key, need);
  if (node == nullptr) return std::nullopt;
  const auto pos = position_of(*node);
  if (const auto* s = node->as_string()) {
    if (!printable(key, s->get(), pos.line, pos.column)) return std::nullopt;
    return Located<std::string>{s->get(), pos.line, pos.column};
  }
  wrong_type(key, *node, tr("a string in quotes"));
  return std::nullopt;
}

bool TomlReader::printable(std::string_view key, std::string_view value, int line, int column) {
  const std::string control = first_control_character(value);
  if (control.empty()) return true;
  out_.push_back(
      error_at(line, column,
               format(tr("'{0}' holds a control character ({1}), which cannot be shown on a page: remove it"),
                      qualified(key), control)));
  return false;
}

std::optional<Located<int64_t>> TomlReader::integer(std::string_view key, Need need) {
  const toml::node* node = find(key, need);
  if (node == nullptr) return std::nullopt;
  const auto pos = position_of(*node);
  if (const auto* i = node->as_integer()) return Located<int64_t>{i->get(), pos.line, pos.column};
  wrong_type(key, *node, tr("an integer"));
  return std::nullopt;
}

std::optional<Located<bool>> TomlReader::boolean(std::string_view key, Need need) {
  const toml::node* node = find(key, need);
  if (node == nullptr) return std::nullopt;
  const auto pos = position_of(*node);
  if (const auto* b = node->as_boolean()) return Located<bool>{b->get(), pos.line, pos.column};
  wrong_type(key, *node, tr("true or false"));
  return std::nullopt;
}

std::optional<Located<Date>> TomlReader::date(std::string_view key, Need need) {
  const toml::node* node = find(key, need);
  if (node == nullptr) return std::nullopt;
  const auto pos = position_of(*node);
  if (const auto* d = node->as_date()) {
    const toml::date v = d->get();
    return Located<Date>{Date{v.year, v.month, v.day}, pos.line, pos.column};
  }
  if (const auto* s = node->as_string()) {
    if (parse_iso_date(s->get())) {
      out_.push_back(
          error_at(pos.line, pos.column,
                   format(tr("'{0}' must be a date without quotes, like {0} = {1}"), qualified(key), s->get())));
      return std::nullopt;
    }
  }
  wrong_type(key, *node, tr("a date like 2025-05-01"));
  return std::nullopt;
}

std::optional<std::vector<Located<std::string>>> TomlReader::string_list(std::string_view key, Need need) {
  const toml::node* node = find(key, need);
  if (node == nullptr) return std::nullopt;
  const auto* array = node->as_array();
  if (array == nullptr) {
    wrong_type(key, *node, tr("a list of strings, like [\"…\", \"…\"]"));
    return std::nullopt;
  }
  std::vector<Located<std::string>> values;
  for (const toml::node& item : *array) {
    const auto pos = position_of(item);
    if (const auto* s = item.as_string()) {
      if (printable(key, s->get(), pos.line, pos.column)) values.push_back({s->get(), pos.line, pos.column});
    } else {
      out_.push_back(
          error_at(pos.line, pos.column,
                   format(tr("'{0}' must hold only strings, not {1}"), qualified(key), describe_type(item))));
    }
  }
  return values;
}

const toml::array* TomlReader::table_list(std::string_view key, Need need) {
  const toml::node* node = find(key, need);
  if (node == nullptr) return nullptr;
  const auto* array = node->as_array();
  if (array == nullptr || !array->is_array_of_tables()) {
    wrong_type(key, *node, format(tr("a list of tables ([[{0}]])"), key));
    return nullptr;
  }
  return array;
}

const toml::table* TomlReader::table(std::string_view key, Need need) {
  const toml::node* node = find(key, need);
  if (node == nullptr) return nullptr;
  const auto* t = node->as_table();
  if (t == nullptr) wrong_type(key, *node, format(tr("a table ([{0}])"), key));
  return t;
}

void TomlReader::finish() {
  std::vector<std::string> names(known_.begin(), known_.end());
  for (const auto& [key, value] : table_) {
    const std::string name(key.str());
    if (known_.contains(name)) continue;
    const auto& begin = key.source().begin;
    const int line = begin.line == 0 ? line_ : static_cast<int>(begin.line) + line_offset_;
    const int column = begin.line == 0 ? column_ : static_cast<int>(begin.column);
    std::vector<std::string> known;
    known.reserve(names.size());
    for (const auto& n : names) known.push_back(qualified(n));
    out_.push_back(error_at(line, column,
                            format(tr("unknown key '{0}'"), qualified(name)) + did_you_mean(qualified(name), known)));
  }
}

}  // namespace mamori
