// A theme: Mustache templates, partials and static assets under themes/NAME/.
//
//   templates/home.mustache section.mustache page.mustache 404.mustache
//   partials/*.mustache      ({{> name}} in templates)
//   assets/**                copied to the site's assets/ folder
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "core/diagnostic.h"
#include "core/result.h"

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
};

// The templates every theme must have.
const std::vector<std::string>& required_templates();

// Loads and validates a theme: every required template present and parseable, no
// template, partial or stylesheet that loads anything from outside the site, no asset
// that is a symlink leading out of the theme's real folder (the folder itself may be a
// symlink). Problems
// in the theme's files are diagnostics; a missing theme folder is a LoadFailure.
Result<Theme> load_theme(const std::filesystem::path& root, const std::string& name, Diagnostics& diagnostics);

}  // namespace mamori
