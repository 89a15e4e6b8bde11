#include "serve/preview_state.h"

#include <nlohmann/json.hpp>

#include "core/i18n.h"
#include "core/text.h"

namespace mamori {
namespace {

nlohmann::json problem_json(const Diagnostic& d) {
  return {{"path", printable_text(d.path)},
          {"line", d.line},
          {"column", d.column},
          {"message", printable_text(d.message)},
          {"text", format_diagnostic(d)}};
}

nlohmann::json labels_json() {
  return {{"title", tr("The preview could not be rebuilt")},
          {"hint", tr("This page shows the last good build. Fix the problems below and save the file; "
                      "the page then reloads by itself.")},
          {"close", tr("Close")}};
}

}  // namespace

void PreviewState::record(bool ok, const Diagnostics& diagnostics, bool changed) {
  const std::lock_guard lock(mutex_);
  ++builds_;
  ok_ = ok;
  if (changed) site_ = builds_;
  problems_ = Diagnostics();
  for (const Diagnostic& d : diagnostics.items()) {
    if (d.severity == Severity::error) problems_.add(d);
  }
}

void PreviewState::record_failure(const std::string& message) {
  Diagnostics diagnostics;
  diagnostics.add(Diagnostic{"", 0, 0, Severity::error, message, "", 1});
  record(false, diagnostics, false);
}

bool PreviewState::has_site() const {
  const std::lock_guard lock(mutex_);
  return site_ > 0;
}

int PreviewState::site() const {
  const std::lock_guard lock(mutex_);
  return site_;
}

int PreviewState::builds() const {
  const std::lock_guard lock(mutex_);
  return builds_;
}

std::string PreviewState::status_json() const {
  const std::lock_guard lock(mutex_);
  nlohmann::json problems = nlohmann::json::array();
  for (const Diagnostic& d : problems_.items()) problems.push_back(problem_json(d));
  const char* language = current_language() == Language::ja ? "ja" : "en";
  const nlohmann::json status = {{"build", builds_},     {"site", site_},        {"ok", ok_},
                                 {"language", language}, {"problems", problems}, {"labels", labels_json()}};
  return status.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace mamori
