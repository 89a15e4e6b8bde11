#include "site/templates.h"

#include <kainjow/mustache.hpp>

#include "core/i18n.h"
#include "site/theme.h"

namespace mamori {

namespace km = kainjow::mustache;

struct TemplateEngine::Compiled {
  std::map<std::string, km::mustache> templates;
};

namespace {

km::data to_data(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      km::data out{km::data::type::object};
      for (const auto& [key, item] : value.items()) out.set(key, to_data(item));
      return out;
    }
    case nlohmann::json::value_t::array: {
      km::data out{km::data::type::list};
      for (const auto& item : value) out.push_back(to_data(item));
      return out;
    }
    case nlohmann::json::value_t::string: {
      // An empty string is false, as in JavaScript Mustache: {{#url}}…{{/url}} is skipped
      // when there is no URL (kainjow would take "" as true). {{url}} still renders "".
      const auto& text = value.get_ref<const std::string&>();
      return text.empty() ? km::data{false} : km::data{text};
    }
    case nlohmann::json::value_t::boolean:
      return km::data{value.get<bool>()};
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float:
      return km::data{value.dump()};
    default:
      return km::data{false};  // null: sections over it render nothing
  }
}

constexpr int kMaxPartialDepth = 16;

// The name in "{{> name }}" between `open` (at "{{>") and `close` (at "}}").
std::string partial_name(std::string_view text, size_t open, size_t close) {
  std::string_view name = text.substr(open + 3, close - open - 3);
  while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
  while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
  return std::string(name);
}

void expand_into(std::string_view text, const std::map<std::string, std::string>& partials, int depth, Expanded& out) {
  size_t pos = 0;
  while (pos < text.size()) {
    const size_t open = text.find("{{>", pos);
    if (open == std::string_view::npos) break;
    const size_t close = text.find("}}", open + 3);
    if (close == std::string_view::npos) break;
    out.text.append(text.substr(pos, open - pos));
    const std::string name = partial_name(text, open, close);
    const auto it = partials.find(name);
    if (it == partials.end()) {
      if (!out.problem) out.problem = format(tr("unknown partial '{0}' (no partials/{0}.mustache)"), name);
    } else if (depth >= kMaxPartialDepth) {
      if (!out.problem) {
        out.problem = format(tr("partials include each other more than {0} deep"), kMaxPartialDepth);
      }
    } else {
      expand_into(it->second, partials, depth + 1, out);
    }
    pos = close + 2;
  }
  out.text.append(text.substr(std::min(pos, text.size())));
}

}  // namespace

Expanded expand_partials(std::string_view text, const std::map<std::string, std::string>& partials) {
  Expanded result;
  expand_into(text, partials, 0, result);
  return result;
}

Result<void> check_template_syntax(std::string_view text) {
  const km::mustache parsed{std::string(text)};
  if (parsed.is_valid()) return {};
  return Error{parsed.error_message()};
}

TemplateEngine::TemplateEngine(const Theme& theme) : compiled_(std::make_unique<Compiled>()) {
  for (const auto& [name, text] : theme.templates) {
    compiled_->templates.emplace(name, km::mustache{expand_partials(text, theme.partials).text});
  }
}

TemplateEngine::~TemplateEngine() = default;

Result<std::string> TemplateEngine::render(const std::string& name, const nlohmann::json& view) {
  const auto it = compiled_->templates.find(name);
  if (it == compiled_->templates.end()) return Error{format(tr("no template '{0}'"), name)};
  km::mustache& tmpl = it->second;
  if (!tmpl.is_valid()) return Error{tmpl.error_message()};
  km::data data = to_data(view);
  std::string out = tmpl.render(data);
  if (!tmpl.is_valid()) return Error{tmpl.error_message()};
  return out;
}

}  // namespace mamori
