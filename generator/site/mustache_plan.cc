#include "site/mustache_plan.h"

#include <limits>

namespace mamori {

namespace {

using Json = nlohmann::json;

// kainjow trims tag contents with std::isspace in the "C" locale (core/text.h trim() also
// takes U+3000, and neither \v nor \f).
bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

std::string_view trim_tag(std::string_view text) {
  while (!text.empty() && is_space(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_space(text.back())) text.remove_suffix(1);
  return text;
}

// Deeper sections are left to kainjow: the renderer recurses once per level.
constexpr size_t kMaxDepth = 256;

}  // namespace

// Builds the plan step by step as kainjow's parser reads the text: "{{" opens a tag (and
// "{{{" one closed by "}}}"), "\r\n", "\n" and "\r" are newlines, anything else is text.
class MustachePlan::Parser {
 public:
  Parser(std::string_view in, MustachePlan& plan) : in_(in), plan_(plan) {}

  bool parse() {
    size_t text_start = 0;
    size_t pos = 0;
    while (pos < in_.size()) {
      const char c = in_[pos];
      if (c != '{' && c != '\r' && c != '\n') {
        ++pos;
        continue;
      }
      if (c == '{' && (pos + 1 >= in_.size() || in_[pos + 1] != '{')) {
        ++pos;
        continue;
      }
      add_text(Kind::text, in_.substr(text_start, pos - text_start));
      if (c == '{') {
        if (!tag(pos)) return false;
      } else {
        const size_t size = c == '\r' && pos + 1 < in_.size() && in_[pos + 1] == '\n' ? 2 : 1;
        add_text(Kind::newline, in_.substr(pos, size));
        pos += size;
      }
      text_start = pos;
    }
    add_text(Kind::text, in_.substr(text_start));
    return open_.empty() && fits(plan_.ops_.size()) && fits(plan_.texts_.size());
  }

 private:
  static bool fits(size_t n) { return n <= std::numeric_limits<uint32_t>::max(); }

  void add_text(Kind kind, std::string_view text) {
    if (text.empty()) return;
    plan_.ops_.push_back({kind, static_cast<uint32_t>(plan_.texts_.size()), static_cast<uint32_t>(text.size())});
    plan_.texts_.append(text);
  }

  void add_named(Kind kind, std::string_view name) {
    plan_.ops_.push_back({kind, static_cast<uint32_t>(plan_.names_.size()), 0});
    plan_.names_.push_back(split_name(name));
    names_.emplace_back(name);
  }

  // kainjow splits with std::getline on '.': "a..b" is a, "", b and "a." is a alone.
  static Name split_name(std::string_view name) {
    Name out;
    if (name == ".") {
      out.dot = true;
      return out;
    }
    size_t start = 0;
    while (start < name.size()) {
      const size_t dot = name.find('.', start);
      const size_t end = dot == std::string_view::npos ? name.size() : dot;
      out.parts.emplace_back(name.substr(start, end - start));
      start = end + 1;
    }
    if (name.empty()) out.parts.emplace_back();
    return out;
  }

  // The tag at `pos` (at "{{"); moves `pos` past it. False when kainjow would refuse the
  // template or the tag is one a plan does not do.
  bool tag(size_t& pos) {
    size_t contents = pos + 2;
    const bool triple = contents < in_.size() && in_[contents] == '{';
    if (triple) ++contents;
    const std::string_view close = triple ? "}}}" : "}}";
    const size_t end = in_.find(close, contents);
    if (end == std::string_view::npos) return false;
    const std::string_view body = trim_tag(in_.substr(contents, end - contents));
    pos = end + close.size();
    if (!body.empty() && body.front() == '=') return false;  // set delimiters
    if (triple || body.empty()) {
      add_named(triple ? Kind::raw_variable : Kind::variable, body);
      return true;
    }
    const std::string_view rest = trim_tag(body.substr(1));
    switch (body.front()) {
      case '#':
        return open(Kind::section, rest);
      case '^':
        return open(Kind::inverted, rest);
      case '/':
        return close_section(rest);
      case '>':
        return false;  // partials are expanded before
      case '&':
        add_named(Kind::raw_variable, rest);
        return true;
      case '!':
        return true;
      default:
        add_named(Kind::variable, body);
        return true;
    }
  }

  bool open(Kind kind, std::string_view name) {
    open_.push_back(plan_.ops_.size());
    add_named(kind, name);
    return open_.size() <= kMaxDepth;
  }

  bool close_section(std::string_view name) {
    if (open_.empty()) return false;
    Op& op = plan_.ops_[open_.back()];
    if (names_[op.at] != name) return false;
    op.size = static_cast<uint32_t>(plan_.ops_.size());
    open_.pop_back();
    return true;
  }

  std::string_view in_;
  MustachePlan& plan_;
  std::vector<size_t> open_;        // the sections not closed yet, by step
  std::vector<std::string> names_;  // names_[i] is the text of plan_.names_[i]
};

// Renders the plan into `out`, keeping where the current line starts there instead of
// buffering it as kainjow does.
class MustachePlan::Renderer {
 public:
  Renderer(const MustachePlan& plan, const Json& view, std::string& out)
      : plan_(plan), out_(out), line_start_(out.size()) {
    stack_.push_back(&view);
  }

  void run(size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) {
      const Op& op = plan_.ops_[i];
      switch (op.kind) {
        case Kind::text:
          out_.append(plan_.texts_, op.at, op.size);
          break;
        case Kind::newline:
          newline(std::string_view(plan_.texts_).substr(op.at, op.size));
          break;
        case Kind::variable:
        case Kind::raw_variable:
          if (const Json* value = find(plan_.names_[op.at])) append(*value, op.kind == Kind::variable);
          break;
        case Kind::section:
        case Kind::inverted: {
          const Json* value = find(plan_.names_[op.at]);
          if ((op.kind == Kind::section) == (value != nullptr && !is_false(*value))) section(value, i + 1, op.size);
          i = op.size - 1;
          break;
        }
      }
    }
  }

  // The last line, which has no newline.
  void finish() {
    if (section_tag_ && blank_line()) out_.resize(line_start_);
  }

 private:
  static bool is_false(const Json& value) {
    switch (value.type()) {
      case Json::value_t::null:
        return true;
      case Json::value_t::boolean:
        return !value.get<bool>();
      case Json::value_t::string:
        return value.get_ref<const std::string&>().empty();
      case Json::value_t::array:
        return value.empty();
      default:
        return false;
    }
  }

  static const Json* member(const Json& value, const std::string& key) {
    if (!value.is_object()) return nullptr;
    const auto found = value.find(key);
    return found == value.end() ? nullptr : &*found;
  }

  const Json* find(const Name& name) const {
    if (name.dot) return stack_.back();
    for (auto item = stack_.rbegin(); item != stack_.rend(); ++item) {
      const Json* value = *item;
      for (const std::string& part : name.parts) {
        value = member(*value, part);
        if (value == nullptr) break;
      }
      if (value != nullptr) return value;
    }
    return nullptr;
  }

  void append(const Json& value, bool escaped) {
    if (value.is_string()) {
      const auto& text = value.get_ref<const std::string&>();
      if (escaped) {
        append_escaped(text);
      } else {
        out_.append(text);
      }
    } else if (value.is_number()) {
      out_ += value.dump();
    }
  }

  void append_escaped(std::string_view text) {
    size_t run = 0;
    for (size_t i = 0; i < text.size(); ++i) {
      std::string_view entity;
      switch (text[i]) {
        case '&':
          entity = "&amp;";
          break;
        case '<':
          entity = "&lt;";
          break;
        case '>':
          entity = "&gt;";
          break;
        case '"':
          entity = "&quot;";
          break;
        case '\'':
          entity = "&apos;";
          break;
        default:
          continue;
      }
      out_.append(text.substr(run, i - run));
      out_.append(entity);
      run = i + 1;
    }
    out_.append(text.substr(run));
  }

  // A list renders its steps once per item, anything else once (pushed, when there is one).
  void section(const Json* value, size_t begin, size_t end) {
    if (value != nullptr && value->is_array() && !value->empty()) {
      for (const Json& item : *value) once(&item, begin, end);
    } else {
      once(value, begin, end);
    }
  }

  void once(const Json* value, size_t begin, size_t end) {
    section_tag_ = true;
    if (value != nullptr) stack_.push_back(value);
    run(begin, end);
    if (value != nullptr) stack_.pop_back();
    section_tag_ = true;
  }

  bool blank_line() const {
    for (size_t i = line_start_; i < out_.size(); ++i) {
      if (out_[i] != ' ' && out_[i] != '\t') return false;
    }
    return true;
  }

  void newline(std::string_view text) {
    if (section_tag_ && blank_line()) {
      out_.resize(line_start_);
    } else {
      out_.append(text);
    }
    line_start_ = out_.size();
    section_tag_ = false;
  }

  const MustachePlan& plan_;
  std::string& out_;
  std::vector<const Json*> stack_;  // innermost last
  size_t line_start_;
  bool section_tag_ = false;  // a section was rendered on the current line
};

std::optional<MustachePlan> MustachePlan::compile(std::string_view text) {
  MustachePlan plan;
  if (!Parser(text, plan).parse()) return std::nullopt;
  return plan;
}

void MustachePlan::render(const nlohmann::json& view, std::string& out) const {
  Renderer renderer(*this, view, out);
  renderer.run(0, ops_.size());
  renderer.finish();
}

std::string MustachePlan::render(const nlohmann::json& view) const {
  std::string out;
  out.reserve(texts_.size() * 2);
  render(view, out);
  return out;
}

}  // namespace mamori
