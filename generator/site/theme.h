// A theme: Mustache templates, partials, static assets and settings under themes/NAME/.
//
//   templates/home.mustache section.mustache page.mustache 404.mustache
//             quiz.mustache quizzes.mustache (needed when the project has quizzes)
//   partials/*.mustache      ({{> name}} in templates)
//   assets/**                copied to the site's assets/ folder
//   theme.toml               optional settings, read by the generator only:
//                              reserved_ids = ["m-main", …]  the ids the templates use
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/result.h"
#include "site/slug.h"

namespace mamori {

struct ThemeAsset {
  std::string output;  // "assets/style.css"
  std::filesystem::path file;
};

struct Theme {
  std::string name;
  std::filesystem::path real_dir;                // fs::canonical(themes/NAME): assets must really lie inside it
  std::map<std::string, std::string> templates;  // "page" → text
  std::map<std::string, std::string> partials;   // "header" → text
  std::vector<ThemeAsset> assets;
  ReservedIds reserved_ids;  // theme.toml: ids no heading may take (none without the file)
};

// Where a template of the theme lives, as diagnostics name it ("themes/default/templates/page.mustache").
std::string template_path(const Theme& theme, const std::string& name);

// The templates every theme must have.
const std::vector<std::string>& required_templates();

// Parses the text of theme.toml. Problems go to `out` (positions in the file): TOML
// errors, unknown keys, and reserved ids that are not valid ids ({#id} syntax) or are
// listed twice; the ids that are valid are kept.
ReservedIds parse_theme_settings(std::string_view text, std::vector<Diagnostic>& out);

// Loads and validates a theme: every required template present and parseable, no
// template, partial or stylesheet that loads anything from outside the site, no asset
// that is a symlink leading out of the theme's real folder (the folder itself may be a
// symlink), a valid theme.toml when there is one. Problems in the theme's files are
// diagnostics; a missing theme folder is an Error.
Result<Theme> load_theme(const std::filesystem::path& root, const std::string& name, Diagnostics& diagnostics);

}  // namespace mamori
