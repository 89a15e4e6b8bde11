#include "site/mustache_data.h"

#include <string>
#include <utility>

namespace mamori {

namespace km = kainjow::mustache;

namespace {

// Puts `value` under `name` in `object`. kainjow's set() deep-copies, which made the
// conversion cost grow with nesting: a cheap placeholder is set instead, and the value
// moved into its slot (a slot of a non-const object, so writing through it is sound).
void put(km::data& object, const std::string& name, km::data&& value) {
  object.set(name, km::data{false});
  *const_cast<km::data*>(object.get(name)) = std::move(value);  // NOLINT(cppcoreguidelines-pro-type-const-cast)
}

// A list of converted items. Placeholders first: a growing vector copies its elements
// (kainjow's move is not noexcept), and copying placeholders is cheap.
km::data list_data(const nlohmann::json& array) {
  km::data out{km::data::type::list};
  for (size_t i = 0; i < array.size(); ++i) out.push_back(km::data{false});
  const km::list& slots = out.list_value();
  for (size_t i = 0; i < array.size(); ++i) {
    const_cast<km::data&>(slots[i]) = to_mustache_data(array[i]);  // NOLINT(cppcoreguidelines-pro-type-const-cast)
  }
  return out;
}

}  // namespace

km::data to_mustache_data(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::object: {
      km::data out{km::data::type::object};
      for (auto it = value.begin(); it != value.end(); ++it) put(out, it.key(), to_mustache_data(*it));
      return out;
    }
    case nlohmann::json::value_t::array:
      return list_data(value);
    case nlohmann::json::value_t::string: {
      // kainjow would take "" as true.
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

}  // namespace mamori
