// `mamori new page PATH`: a new page with valid front matter; `mamori new quiz ID`: a new
// question bank with example questions that pass `mamori check`.
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

// `mamori new quiz [SECTION/]ID`: writes quizzes/ID.toml (ID as is_valid_quiz_id says;
// "quizzes/" and ".toml" may be written too) with a title, a description and three example
// questions (single, multiple, true_false) that say to replace them. SECTION, a top-level
// folder of content/, becomes the quiz's `section`. Every quiz is listed on the quizzes
// index, which the navigation links; the notice says how to link it from a page. Never
// overwrites a file, nor writes through a quizzes/ that leads out of the project.
Result<Scaffolded> scaffold_quiz(const std::filesystem::path& root, std::string path);

// The `source` of the example questions: the first heading of the first published page
// that has one, the section's _index.md first ("../content/cyber/_index.md#start-here");
// `found` false when no page has a heading (the url then names a heading to replace).
struct QuizSource {
  std::string url;
  bool found = false;
};
QuizSource new_quiz_source(const std::filesystem::path& root, const std::string& section);

// The text of a new quiz (pure, for tests).
std::string new_quiz_text(const std::string& id, const std::string& section, const std::string& source);

}  // namespace mamori
