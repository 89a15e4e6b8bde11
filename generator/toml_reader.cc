#include "toml_reader.h"

#include "spellcheck.h"

namespace mamori {

std::optional<toml::table> parse_toml(std::string_view text, int line_offset, std::vector<Diagnostic>& out) {
  try {
    return toml::parse(text, std::string_view{});
  } catch (const toml::parse_error& e) {
    std::string description(e.description());
    // toml++ says "Error while parsing date: expected day …"; keep its substance.
    constexpr std::string_view kPrefix = "Error while parsing ";
    if (description.starts_with(kPrefix)) description.erase(0, kPrefix.size());
    const auto& begin = e.source().begin;
    out.push_back(error_at(static_cast<int>(begin.line) + line_offset, static_cast<int>(begin.column),
                           "invalid TOML: " + description));
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
          static constexpr char kHex[] = "0123456789ABCDEF";
          out += "\\u00";
          out += kHex[(static_cast<unsigned char>(c) >> 4) & 0xF];
          out += kHex[static_cast<unsigned char>(c) & 0xF];
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
      return "a string";
    case toml::node_type::integer:
      return "an integer";
    case toml::node_type::floating_point:
      return "a number with a fraction";
    case toml::node_type::boolean:
      return "true or false";
    case toml::node_type::date:
      return "a date";
    case toml::node_type::time:
      return "a time";
    case toml::node_type::date_time:
      return "a date with a time";
    case toml::node_type::array:
      return "a list";
    case toml::node_type::table:
      return "a table";
    case toml::node_type::none:
      break;
  }
  return "nothing";
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
    out_.push_back(error_at(line_, column_, "missing required key '" + qualified(key) + "'"));
  }
  return node;
}

void TomlReader::wrong_type(std::string_view key, const toml::node& node, std::string_view expected) {
  const auto pos = position_of(node);
  out_.push_back(error_at(
      pos.line, pos.column,
      "'" + qualified(key) + "' must be " + std::string(expected) + ", not " + std::string(describe_type(node))));
}

std::optional<Located<std::string>> TomlReader::string(std::string_view key, Need need) {
  const toml::node* node = find(key, need);
  if (node == nullptr) return std::nullopt;
  const auto pos = position_of(*node);
  if (const auto* s = node->as_string()) return Located<std::string>{s->get(), pos.line, pos.column};
  wrong_type(key, *node, "a string in quotes");
  return std::nullopt;
}

std::optional<Located<int64_t>> TomlReader::integer(std::string_view key, Need need) {
  const toml::node* node = find(key, need);
  if (node == nullptr) return std::nullopt;
  const auto pos = position_of(*node);
  if (const auto* i = node->as_integer()) return Located<int64_t>{i->get(), pos.line, pos.column};
  wrong_type(key, *node, "an integer");
  return std::nullopt;
}

std::optional<Located<bool>> TomlReader::boolean(std::string_view key, Need need) {
  const toml::node* node = find(key, need);
  if (node == nullptr) return std::nullopt;
  const auto pos = position_of(*node);
  if (const auto* b = node->as_boolean()) return Located<bool>{b->get(), pos.line, pos.column};
  wrong_type(key, *node, "true or false");
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
      out_.push_back(error_at(
          pos.line, pos.column,
          "'" + qualified(key) + "' must be a date without quotes, like " + qualified(key) + " = " + s->get()));
      return std::nullopt;
    }
  }
  wrong_type(key, *node, "a date like 2025-05-01");
  return std::nullopt;
}

std::optional<std::vector<Located<std::string>>> TomlReader::string_list(std::string_view key, Need need) {
  const toml::node* node = find(key, need);
  if (node == nullptr) return std::nullopt;
  const auto* array = node->as_array();
  if (array == nullptr) {
    wrong_type(key, *node, "a list of strings, like [\"…\", \"…\"]");
    return std::nullopt;
  }
  std::vector<Located<std::string>> values;
  bool ok = true;
  for (const toml::node& item : *array) {
    const auto pos = position_of(item);
    if (const auto* s = item.as_string()) {
      values.push_back({s->get(), pos.line, pos.column});
    } else {
      out_.push_back(
          error_at(pos.line, pos.column,
                   "'" + qualified(key) + "' must hold only strings, not " + std::string(describe_type(item))));
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return values;
}

const toml::array* TomlReader::table_list(std::string_view key, Need need) {
  const toml::node* node = find(key, need);
  if (node == nullptr) return nullptr;
  const auto* array = node->as_array();
  if (array == nullptr || !array->is_array_of_tables()) {
    wrong_type(key, *node, "a list of tables ([[" + std::string(key) + "]])");
    return nullptr;
  }
  return array;
}

const toml::table* TomlReader::table(std::string_view key, Need need) {
  const toml::node* node = find(key, need);
  if (node == nullptr) return nullptr;
  const auto* t = node->as_table();
  if (t == nullptr) wrong_type(key, *node, "a table ([" + std::string(key) + "])");
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
    out_.push_back(
        error_at(line, column, "unknown key '" + qualified(name) + "'" + did_you_mean(qualified(name), known)));
  }
}

}  // namespace mamori
