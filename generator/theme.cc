#include "theme.h"

#include <algorithm>
#include <system_error>

#include "files.h"
#include "resource_scan.h"
#include "template_engine.h"
#include "text.h"

namespace fs = std::filesystem;

namespace mamori {
namespace {

void report_external(const std::string& path, std::string_view text, const std::vector<ExternalResource>& found,
                     Diagnostics& diagnostics) {
  for (const auto& resource : found) {
    const TextPosition pos = position_of(text, resource.offset);
    Diagnostic d = error_at(pos.line, pos.column,
                            "'" + resource.url + "' (" + resource.what +
                                ") would be loaded from outside the site: put the file in the theme's assets/ folder");
    d.path = path;
    d.source_line = std::string(line_of(text, pos.line));
    diagnostics.add(std::move(d));
  }
}

std::map<std::string, std::string> read_templates(const fs::path& dir, const std::string& shown_dir,
                                                  Diagnostics& diagnostics) {
  std::map<std::string, std::string> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    if (p.extension() != ".mustache") continue;
    const std::string shown = shown_dir + "/" + p.filename().string();
    auto read = read_file(p);
    if (auto* error = std::get_if<FileError>(&read)) {
      Diagnostic d = error_at(0, 0, error->message);
      d.path = shown;
      diagnostics.add(std::move(d));
      continue;
    }
    std::string text = std::move(std::get<std::string>(read));
    std::vector<Diagnostic> problems;
    if (!check_text_file(text, problems)) {
      diagnostics.add_all(std::move(problems), shown);
      continue;
    }
    report_external(shown, text, find_external_resources_in_html(text), diagnostics);
    out.emplace(p.stem().string(), std::move(text));
  }
  return out;
}

}  // namespace

const std::vector<std::string>& required_templates() {
  static const std::vector<std::string> names = {"home", "section", "page", "404"};
  return names;
}

std::variant<Theme, LoadFailure> load_theme(const fs::path& root, const std::string& name, Diagnostics& diagnostics) {
  const fs::path dir = root / "themes" / name;
  const std::string shown = "themes/" + name;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return LoadFailure{"theme '" + name + "' not found: no folder " + shown + " (set 'theme' in mamori.toml)"};
  }
  Theme theme;
  theme.name = name;
  theme.templates = read_templates(dir / "templates", shown + "/templates", diagnostics);
  theme.partials = read_templates(dir / "partials", shown + "/partials", diagnostics);
  // Templates are checked with their partials in place, as they will be rendered.
  for (const auto& [template_name, text] : theme.templates) {
    const std::string path = shown + "/templates/" + template_name + ".mustache";
    const Expanded expanded = expand_partials(text, theme.partials);
    std::optional<std::string> error = expanded.error;
    if (!error) error = template_syntax_error(expanded.text);
    if (error) {
      Diagnostic d = error_at(0, 0, "template error: " + *error);
      d.path = path;
      diagnostics.add(std::move(d));
    }
  }
  for (const auto& required : required_templates()) {
    if (theme.templates.contains(required)) continue;
    Diagnostic d = error_at(0, 0, "the theme has no '" + required + "' template");
    d.path = shown + "/templates/" + required + ".mustache";
    diagnostics.add(std::move(d));
  }
  const fs::path assets = dir / "assets";
  if (fs::is_directory(assets, ec)) {
    for (fs::recursive_directory_iterator it(assets, ec), end; !ec && it != end; it.increment(ec)) {
      if (!it->is_regular_file(ec)) continue;
      const std::string rel = generic(it->path().lexically_relative(assets));
      if (rel.starts_with('.') || rel.find("/.") != std::string::npos) continue;
      theme.assets.push_back(ThemeAsset{"assets/" + rel, it->path()});
      if (it->path().extension() == ".css") {
        auto read = read_file(it->path());
        if (auto* text = std::get_if<std::string>(&read)) {
          report_external(shown + "/assets/" + rel, *text, find_external_resources_in_css(*text), diagnostics);
        }
      }
    }
  }
  std::sort(theme.assets.begin(), theme.assets.end(),
            [](const ThemeAsset& a, const ThemeAsset& b) { return a.output < b.output; });
  return theme;
}

}  // namespace mamori
