// Mustache rendering (kainjow mustache) of JSON view models.
//
// {{name}} is HTML-escaped (& < > " '), {{{name}}} is inserted as it is and is used only
// for HTML the generator made itself (the rendered Markdown body). Empty strings, null and
// false skip {{#sections}}.
#pragma once

#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.h"
#include "site/shared_blocks.h"

namespace mamori {

struct Theme;

// Whether `text` parses as a template; the parse error if not.
Result<void> check_template_syntax(std::string_view text);

// A template with its partials in place. Expansion always yields a text: what cannot be
// expanded is left out, and the first such problem is kept for the theme's diagnostics.
struct Expanded {
  std::string text;
  std::optional<std::string> problem;  // an unknown partial, or partials that include each other
};

// Replaces every {{> name}} with the text of partial `name`, recursively. Partials are
// expanded once, when a theme is loaded, instead of being parsed again for every page.
Expanded expand_partials(std::string_view text, const std::map<std::string, std::string>& partials);

// Renders the theme's templates. One engine is not safe for concurrent use: give each
// worker thread its own.
class TemplateEngine {
 public:
  explicit TemplateEngine(const Theme& theme);
  ~TemplateEngine();
  TemplateEngine(const TemplateEngine&) = delete;
  TemplateEngine& operator=(const TemplateEngine&) = delete;

  // Renders template `name` ("page", "section", …) with `view`; an error when there is no
  // such template or it fails to parse or render.
  Result<std::string> render(const std::string& name, const nlohmann::json& view);

  // The same as render() with `view` holding list.shape.name = list.make(), but the
  // template's shared lines (shared_blocks.h) are rendered once per list key and kept
  // (up to 32 MiB per engine); the list is built only when some are not kept. `view`
  // must not hold the list itself.
  Result<std::string> render(const std::string& name, const nlohmann::json& view, const SharedList& list);

 private:
  struct Compiled;
  std::unique_ptr<Compiled> compiled_;
};

}  // namespace mamori
