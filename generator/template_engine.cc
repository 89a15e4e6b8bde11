#include "template_engine.h"

#include <kainjow/mustache.hpp>

#include "theme.h"

namespace mamori {

namespace km = kainjow::mustache;

struct TemplateEngine::Compiled {
  std::map<std::string, km::mustache> templates;
  std::map<std::string, std::string> partials;
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
    case nlohmann::json::value_t::string: return km::data{value.get_ref<const std::string&>()};
    case nlohmann::json::value_t::boolean: return km::data{value.get<bool>()};
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
    case nlohmann::json::value_t::number_float: return km::data{value.dump()};
    default: return km::data{false};  // null: sections over it render nothing
  }
}

}  // namespace

std::optional<std::string> template_syntax_error(std::string_view text) {
  km::mustache parsed{std::string(text)};
  if (parsed.is_valid()) return std::nullopt;
  return parsed.error_message();
}

TemplateEngine::TemplateEngine(const Theme& theme) : compiled_(std::make_unique<Compiled>()) {
  for (const auto& [name, text] : theme.templates) compiled_->templates.emplace(name, km::mustache{text});
  compiled_->partials = theme.partials;
}

TemplateEngine::~TemplateEngine() = default;

std::optional<std::string> TemplateEngine::render(const std::string& name, const nlohmann::json& view,
                                                  std::string& error) {
  const auto it = compiled_->templates.find(name);
  if (it == compiled_->templates.end()) {
    error = "no template '" + name + "'";
    return std::nullopt;
  }
  km::mustache& tmpl = it->second;
  if (!tmpl.is_valid()) {
    error = tmpl.error_message();
    return std::nullopt;
  }
  km::data data = to_data(view);
  for (const auto& [partial_name, text] : compiled_->partials) {
    // Mustache looks partials up among the data's names: a partial named like a view key
    // would hide that key.
    if (view.contains(partial_name)) {
      error = "partial '" + partial_name + "' has the name of a value in the page data; rename the partial";
      return std::nullopt;
    }
    const std::string* partial_text = &text;
    data.set(partial_name, km::partial{[partial_text] { return *partial_text; }});
  }
  std::string out = tmpl.render(data);
  if (!tmpl.is_valid()) {
    error = tmpl.error_message();
    return std::nullopt;
  }
  return out;
}

}  // namespace mamori
