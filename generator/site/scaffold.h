// `mamori new page PATH`: a new page with valid front matter.
#pragma once

#include <filesystem>
#include <string>
#include <variant>

#include "core/date.h"
#include "core/result.h"

namespace mamori {

struct Scaffolded {
  std::filesystem::path file;  // what was written
  std::string notice;          // what the author should do next (may be empty)
};

// PATH is relative to content/ ("cyber/backup.md"), or starts with "content/"; ".md" is
// added when missing. Never overwrites a file. The page starts as a draft, reviewed
// today, weighted after its siblings.
Result<Scaffolded> scaffold_page(const std::filesystem::path& root, std::string path, const Date& today);

// The text of a new page (pure, for tests).
std::string new_page_text(const std::string& title, long long weight, const Date& today);

}  // namespace mamori
