#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>

#include "helpers.h"
#include "site/theme.h"

using namespace mamori;
using mamori::testing::formatted;
using mamori::testing::TempDir;
using mamori::testing::write_minimal_project;

namespace fs = std::filesystem;

namespace {

// The ids written literally (id="…") in the default theme's templates and partials.
std::set<std::string> static_ids_in_default_theme() {
  std::set<std::string> ids;
  const auto theme = fs::path(MAMORI_SOURCE_DIR) / "themes" / "default";
  for (const auto& entry : fs::recursive_directory_iterator(theme)) {
    if (entry.path().extension() != ".mustache") continue;
    std::ifstream in(entry.path(), std::ios::binary);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (size_t at = text.find(" id=\""); at != std::string::npos; at = text.find(" id=\"", at + 1)) {
      const size_t start = at + 5;
      const std::string id = text.substr(start, text.find('"', start) - start);
      if (id.find("{{") == std::string::npos) ids.insert(id);  // "{{…}}": filled in per page
    }
  }
  return ids;
}

std::vector<std::string> settings_problems(std::string_view text) {
  std::vector<Diagnostic> out;
  (void)parse_theme_settings(text, out);
  return formatted(out);
}

}  // namespace

TEST_SUITE("theme") {
  TEST_CASE("the default theme reserves exactly the ids its templates use") {
    TempDir dir;
    write_minimal_project(dir);
    Diagnostics diagnostics;
    const auto theme = load_theme(dir.path(), "default", diagnostics);
    REQUIRE(theme.has_value());
    CHECK(formatted(diagnostics).empty());
    const std::set<std::string> used = static_ids_in_default_theme();
    CHECK(used.size() > 20);
    CHECK(used.contains("m-quizzes"));
    const std::set<std::string> reserved(theme->reserved_ids.begin(), theme->reserved_ids.end());
    CHECK(reserved == used);
  }

  TEST_CASE("a theme without theme.toml reserves nothing") {
    TempDir dir;
    write_minimal_project(dir);
    fs::remove(dir.path() / "themes/default/theme.toml");
    Diagnostics diagnostics;
    const auto theme = load_theme(dir.path(), "default", diagnostics);
    REQUIRE(theme.has_value());
    CHECK(diagnostics.empty());
    CHECK(theme->reserved_ids.empty());
  }

  TEST_CASE("theme.toml: ids must be valid and listed once; unknown keys and bad files are errors") {
    CHECK(settings_problems("reserved_ids = [\"m-main\", \"quiz-app\"]\n").empty());
    CHECK(settings_problems("reserved_ids = [\"m-main\", \"2x\", \"m-main\"]\n") ==
          std::vector<std::string>{"1:27: error: reserved id '2x' is not an id a heading could take: use ASCII "
                                   "letters, digits, '-' and '_', starting with a letter",
                                   "1:33: error: reserved id 'm-main' is listed twice"});
    const auto unknown = settings_problems("reserved = [\"m-main\"]\n");
    REQUIRE(unknown.size() == 1);
    CHECK(unknown[0].find("reserved") != std::string::npos);
    CHECK(settings_problems("reserved_ids = [\n").size() == 1);

    std::vector<Diagnostic> out;
    const ReservedIds kept = parse_theme_settings("reserved_ids = [\"ok\", \"not ok\"]\n", out);
    CHECK(kept == ReservedIds{"ok"});
  }

  TEST_CASE("problems in theme.toml carry its path; an empty one says what it is for") {
    TempDir dir;
    write_minimal_project(dir);
    dir.write("themes/default/theme.toml", "");
    Diagnostics diagnostics;
    REQUIRE(load_theme(dir.path(), "default", diagnostics).has_value());
    CHECK(formatted(diagnostics) ==
          std::vector<std::string>{"themes/default/theme.toml:1:1: error: file is empty: theme.toml lists the ids the "
                                   "theme's templates use (reserved_ids = [...])"});
  }

  TEST_CASE("a theme.toml that is a symlink out of the theme is refused") {
    TempDir dir;
    TempDir elsewhere;
    write_minimal_project(dir);
    elsewhere.write("secret.toml", "reserved_ids = [\"x\"]\n");
    fs::remove(dir.path() / "themes/default/theme.toml");
    fs::create_symlink(elsewhere.path() / "secret.toml", dir.path() / "themes/default/theme.toml");
    Diagnostics diagnostics;
    const auto theme = load_theme(dir.path(), "default", diagnostics);
    REQUIRE(theme.has_value());
    CHECK(theme->reserved_ids.empty());
    const auto lines = formatted(diagnostics);
    REQUIRE(lines.size() == 1);
    CHECK(lines[0].starts_with("themes/default/theme.toml: error: "));
  }

  TEST_CASE("a missing theme folder is an error; missing and broken templates are diagnostics") {
    TempDir dir;
    write_minimal_project(dir);
    Diagnostics diagnostics;
    const auto missing = load_theme(dir.path(), "corporate", diagnostics);
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().message ==
          "theme 'corporate' not found: no folder themes/corporate (set 'theme' in mamori.toml)");

    fs::remove(dir.path() / "themes/default/templates/404.mustache");
    dir.write("themes/default/templates/page.mustache", "{{#page}}{{> nowhere}}");
    dir.write("themes/default/templates/section.mustache", "{{#open}}");
    REQUIRE(load_theme(dir.path(), "default", diagnostics).has_value());
    diagnostics.sort();
    const auto lines = formatted(diagnostics);
    REQUIRE(lines.size() == 3);
    CHECK(lines[0] == "themes/default/templates/404.mustache: error: the theme has no '404' template");
    CHECK(lines[1] ==
          "themes/default/templates/page.mustache: error: template error: unknown partial 'nowhere' (no "
          "partials/nowhere.mustache)");
    CHECK(lines[2].starts_with("themes/default/templates/section.mustache: error: template error: "));
  }

  TEST_CASE("templates and partials are text: empty and binary ones say what they are") {
    TempDir dir;
    write_minimal_project(dir);
    dir.write("themes/default/partials/empty.mustache", "");
    dir.write("themes/default/partials/binary.mustache", std::string("a\0b", 3));
    Diagnostics diagnostics;
    REQUIRE(load_theme(dir.path(), "default", diagnostics).has_value());
    diagnostics.sort();
    CHECK(formatted(diagnostics) ==
          std::vector<std::string>{
              "themes/default/partials/binary.mustache:1:1: error: binary file: a template or partial must be UTF-8 "
              "text",
              "themes/default/partials/empty.mustache:1:1: error: file is empty: a template or partial needs the HTML "
              "it renders"});
  }

  TEST_CASE("assets are listed in order; hidden files are left out") {
    TempDir dir;
    write_minimal_project(dir);
    dir.write("themes/default/assets/.hidden.css", "x");
    dir.write("themes/default/assets/img/a.png", "PNG");
    Diagnostics diagnostics;
    const auto theme = load_theme(dir.path(), "default", diagnostics);
    REQUIRE(theme.has_value());
    std::vector<std::string> outputs;
    for (const auto& asset : theme->assets) outputs.push_back(asset.output);
    CHECK(std::is_sorted(outputs.begin(), outputs.end()));
    CHECK(std::find(outputs.begin(), outputs.end(), "assets/img/a.png") != outputs.end());
    CHECK(std::find(outputs.begin(), outputs.end(), "assets/.hidden.css") == outputs.end());
    CHECK(std::find(outputs.begin(), outputs.end(), "assets/style.css") != outputs.end());
  }
}
