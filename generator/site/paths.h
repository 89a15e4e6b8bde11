// Where a project's sources are named and where the site's generated files go: the one
// place that spells these paths, so that a diagnostic, a claim on an output path and a
// link all agree.
#pragma once

#include <string>
#include <string_view>

namespace mamori {

// The folder of the pages, as diagnostics name the files in it ("content/a/b.md") and as
// links written in a quiz reach it ("../content/a/b.md").
inline constexpr std::string_view kContentPrefix = "content/";

// How diagnostics name the file at `content_path` (relative to content/).
inline std::string content_source(std::string_view content_path) {
  return std::string(kContentPrefix) + std::string(content_path);
}

// Where the quizzes index is built (relative to the site root).
inline constexpr std::string_view kQuizIndexPath = "quizzes/index.html";

// The source file of quiz `quiz_id`, as diagnostics name it: quizzes/ID.toml.
inline std::string quiz_source(std::string_view quiz_id) {
  return "quizzes/" + std::string(quiz_id) + ".toml";
}

// Where quizzes/ID.toml is built: quizzes/ID.html.
inline std::string quiz_output(std::string_view quiz_id) {
  return "quizzes/" + std::string(quiz_id) + ".html";
}

}  // namespace mamori
