// JSON view models as kainjow mustache data, for the templates a MustachePlan does not
// render (mustache_plan.h) and as the reference the plan is tested against.
#pragma once

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

namespace mamori {

// `value` as kainjow data. Empty strings and null are false, as in JavaScript Mustache
// ({{#url}}…{{/url}} is skipped when there is no URL; {{url}} still renders ""), and
// numbers are their JSON text.
kainjow::mustache::data to_mustache_data(const nlohmann::json& value);

}  // namespace mamori
