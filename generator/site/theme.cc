#include "site/theme.h"

#include <algorithm>
#include <system_error>

#include "core/files.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/text_file.h"
#include "core/toml_reader.h"
#include "site/resource_scan.h"
#include "site/templates.h"

namespace fs = std::filesystem;

namespace mamori {
namespace {

void report_external(const std::string& path, std::string_view text, const std::vector<ExternalResource>& found,
                     Diagnostics& diagnostics) {
  for (const auto& resource : found) {
    const TextPosition pos = position_of(text, resource.offset);
    // A navigation (meta refresh) leaves the site; everything else would be loaded from outside.
    const bool navigates = resource.what.find("navigate") != std::string::npos;
    Diagnostic d = error_at(pos.line, pos.column,
                            format(navigates ? tr("'{0}' ({1}): the site must not send readers elsewhere by itself: "
                                                  "link to it instead")
                                             : tr("'{0}' ({1}) would be loaded from outside the site: put the file in "
                                                  "the theme's assets/ folder"),
                                   resource.url, resource.what));
    d.path = path;
    d.source_line = std::string(line_of(text, pos.line));
    diagnostics.add(std::move(d));
  }
}

// Templates and partials are published in every page: one that is a symlink out of the
// theme is refused like an asset (checked on the opened file).
std::map<std::string, std::string> read_templates(const fs::path& dir, const fs::path& real_theme,
                                                  const std::string& shown_theme, const std::string& shown_dir,
                                                  Diagnostics& diagnostics) {
  std::map<std::string, std::string> out;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return out;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    if (p.extension() != ".mustache") continue;
    const std::string shown = shown_dir + "/" + p.filename().string();
    auto read = read_file_inside(p, real_theme, shown_theme);
    if (!read) {
      diagnostics.error(shown, 0, 0, read.error().message);
      continue;
    }
    std::string text = std::move(*read);
    std::vector<Diagnostic> problems;
    if (!check_text_file(text, problems, TextFileKind::theme_template)) {
      diagnostics.add_all(std::move(problems), shown);
      continue;
    }
    report_external(shown, text, find_external_resources_in_html(text), diagnostics);
    out.emplace(p.stem().string(), std::move(text));
  }
  return out;
}

// The files under assets/ (hidden ones left out). A symlink is refused unless it leads to
// a file inside the theme; copying checks the opened file again (OutputTree::copy).
void list_assets(Theme& theme, const fs::path& assets, const std::string& shown, Diagnostics& diagnostics) {
  std::error_code ec;
  if (!fs::is_directory(assets, ec)) return;
  for (fs::recursive_directory_iterator it(assets, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string rel = generic(it->path().lexically_relative(assets));
    if (rel.starts_with('.') || rel.find("/.") != std::string::npos) continue;
    const std::string path = shown + "/assets/" + rel;
    std::error_code link_ec;
    if (it->is_symlink(link_ec) && !is_within(fs::canonical(it->path(), link_ec), theme.real_dir)) {
      if (!link_ec)
        diagnostics.error(path, 0, 0, format(tr("symlink points outside {0}: copy the file in instead"), shown));
      continue;  // a dangling symlink is skipped, as before
    }
    if (!it->is_regular_file(link_ec)) continue;
    theme.assets.push_back(ThemeAsset{"assets/" + rel, it->path()});
    // CSS and SVG can load from outside (url(), @import; <image href>, <use>, <style>).
    const std::string extension = to_lower(it->path().extension().string());
    if (extension != ".css" && extension != ".svg") continue;
    auto read = read_file_inside(it->path(), theme.real_dir, shown);
    if (read) {
      report_external(
          path, *read,
          extension == ".css" ? find_external_resources_in_css(*read) : find_external_resources_in_html(*read),
          diagnostics);
    } else {
      diagnostics.error(path, 0, 0, read.error().message);
    }
  }
}

// Templates are checked with their partials in place, as they will be rendered; every
// required template must be there.
void check_templates(const Theme& theme, const std::string& shown, Diagnostics& diagnostics) {
  for (const auto& [template_name, text] : theme.templates) {
    const std::string path = shown + "/templates/" + template_name + ".mustache";
    const Expanded expanded = expand_partials(text, theme.partials);
    if (expanded.problem) {
      diagnostics.error(path, 0, 0, format(tr("template error: {0}"), *expanded.problem));
    } else if (auto parsed = check_template_syntax(expanded.text); !parsed) {
      diagnostics.error(path, 0, 0, format(tr("template error: {0}"), parsed.error().message));
    }
  }
  for (const auto& required : required_templates()) {
    if (theme.templates.contains(required)) continue;
    diagnostics.error(shown + "/templates/" + required + ".mustache", 0, 0,
                      format(tr("the theme has no '{0}' template"), required));
  }
}

// themes/NAME/theme.toml, when there is one (read like a template: not through a symlink
// out of the theme).
ReservedIds load_settings(const fs::path& dir, const fs::path& real_theme, const std::string& shown,
                          Diagnostics& diagnostics) {
  const fs::path file = dir / "theme.toml";
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(file, ec))) return {};
  const std::string shown_file = shown + "/theme.toml";
  auto read = read_file_inside(file, real_theme, shown);
  if (!read) {
    diagnostics.error(shown_file, 0, 0, read.error().message);
    return {};
  }
  std::vector<Diagnostic> problems;
  ReservedIds ids;
  if (auto text = check_text_file(*read, problems, TextFileKind::theme_settings)) {
    ids = parse_theme_settings(*text, problems);
    attach_source_lines(problems, *text);
  }
  diagnostics.add_all(std::move(problems), shown_file);
  return ids;
}

}  // namespace

const std::vector<std::string>& required_templates() {
  static const std::vector<std::string> names = {"home", "section", "page", "404"};
  return names;
}

ReservedIds parse_theme_settings(std::string_view text, std::vector<Diagnostic>& out) {
  ReservedIds ids;
  const auto table = parse_toml(text, 0, out);
  if (!table) return ids;
  TomlReader reader(*table, 0, out);
  if (auto list = reader.string_list("reserved_ids")) {
    for (const auto& id : *list) {
      if (!is_valid_explicit_id(id.value)) {
        out.push_back(error_at(id.line, id.column,
                               format(tr("reserved id '{0}' is not an id a heading could take: use ASCII letters, "
                                         "digits, '-' and '_', starting with a letter"),
                                      id.value)));
      } else if (!ids.insert(id.value).second) {
        out.push_back(error_at(id.line, id.column, format(tr("reserved id '{0}' is listed twice"), id.value)));
      }
    }
  }
  reader.finish();
  return ids;
}

Result<Theme> load_theme(const fs::path& root, const std::string& name, Diagnostics& diagnostics) {
  const fs::path dir = root / "themes" / name;
  const std::string shown = "themes/" + name;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    return Error{format(tr("theme '{0}' not found: no folder {1} (set 'theme' in mamori.toml)"), name, shown)};
  }
  Theme theme;
  theme.name = name;
  theme.real_dir = fs::canonical(dir, ec);
  if (ec) return Error{format(tr("cannot resolve {0}: {1}"), shown, ec.message())};
  theme.templates = read_templates(dir / "templates", theme.real_dir, shown, shown + "/templates", diagnostics);
  theme.partials = read_templates(dir / "partials", theme.real_dir, shown, shown + "/partials", diagnostics);
  check_templates(theme, shown, diagnostics);
  list_assets(theme, dir / "assets", shown, diagnostics);
  std::sort(theme.assets.begin(), theme.assets.end(),
            [](const ThemeAsset& a, const ThemeAsset& b) { return a.output < b.output; });
  theme.reserved_ids = load_settings(dir, theme.real_dir, shown, diagnostics);
  return theme;
}

std::string template_path(const Theme& theme, const std::string& name) {
  return "themes/" + theme.name + "/templates/" + name + ".mustache";
}

}  // namespace mamori
