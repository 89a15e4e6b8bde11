// Mustache plans against kainjow: for any template (bytes up to the first NUL) and view
// (the JSON after it, or a fixed view when that does not parse), a template has a plan
// exactly when kainjow parses it (set delimiters and partial tags aside), and the plan
// renders what kainjow renders.
#include <string>

#include <nlohmann/json.hpp>

#include "fuzz_support.h"
#include "site/mustache_data.h"
#include "site/mustache_plan.h"

namespace {

const nlohmann::json& fixed_view() {
  static const nlohmann::json view = nlohmann::json::parse(R"({
    "title": "見出し <&\"'>", "empty": "", "none": null, "yes": true, "no": false, "n": 3,
    "list": [{"title": "a", "url": "x.html"}, {"title": "", "list": []}, "s", 1.5, null],
    "page": {"title": "p", "nav": {"items": [{"current": true}]}}, "x": {"x": {"x": "deep"}}
  })");
  return view;
}

// Set delimiters need a '=', partial tags a '>', and sections nested deeper than a plan
// goes (mustache_plan.cc) more than a thousand bytes.
bool uses_what_plans_do_not(const std::string& text) {
  return text.find_first_of(">=") != std::string::npos || text.size() > 1000;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mamori;
  const std::string_view input = fuzz::as_text(data, size);
  const size_t nul = input.find('\0');
  const std::string text(input.substr(0, nul));
  nlohmann::json view = fixed_view();
  if (nul != std::string_view::npos) {
    auto parsed = nlohmann::json::parse(input.substr(nul + 1), nullptr, false);
    if (!parsed.is_discarded()) view = std::move(parsed);
  }
  kainjow::mustache::mustache reference{text};
  const auto plan = MustachePlan::compile(text);
  if (!reference.is_valid()) {
    fuzz::require(!plan.has_value(), "a template kainjow refuses has no plan");
    return 0;
  }
  if (!plan) {
    fuzz::require(uses_what_plans_do_not(text), "a template kainjow parses has a plan");
    return 0;
  }
  const std::string want = reference.render(to_mustache_data(view));
  fuzz::require(plan->render(view) == want, "the plan renders what kainjow renders");
  return 0;
}
