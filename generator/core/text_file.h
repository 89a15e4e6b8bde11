// The first check of every text file a project holds: not empty, not binary, valid UTF-8.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"

namespace mamori {

// What a text file is, so that the messages about it say what it needs.
enum class TextFileKind {
  page,            // content/**/*.md
  config,          // mamori.toml
  contacts,        // content/contacts.toml
  quiz,            // quizzes/ID.toml
  theme_template,  // themes/NAME/templates/*.mustache, partials/*.mustache
  theme_settings,  // themes/NAME/theme.toml
};

// Checks a text file's bytes: empty, binary (a NUL byte), invalid UTF-8. On success returns
// the text after a BOM; otherwise adds the problem to `out` (positions in the file) and
// returns nullopt. The front matter of a page is left in the text (see front_matter.h).
std::optional<std::string_view> check_text_file(std::string_view bytes, std::vector<Diagnostic>& out,
                                                TextFileKind kind = TextFileKind::page);

}  // namespace mamori
