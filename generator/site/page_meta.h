// A page's front matter, validated.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/diagnostic.h"
#include "core/located.h"

namespace mamori {

struct PageMeta {
  std::string title;
  std::string description;
  int64_t weight = 0;
  std::optional<Located<Date>> reviewed;
  std::vector<Located<std::string>> sources;  // absolute http(s) URLs
  std::optional<Located<std::string>> quiz;   // a quiz id (quizzes/ID.toml)
  bool draft = false;
  std::optional<Located<bool>> contacts;  // true: the page shows the contact table
};

// Parses and validates front matter TOML that starts on file line `first_line`.
// Problems are added to `out` with file positions; the result is usable even then.
PageMeta parse_page_meta(std::string_view toml_text, int first_line, std::vector<Diagnostic>& out);

}  // namespace mamori
