#include "site/page_meta.h"

#include "core/toml_reader.h"

#include "core/i18n.h"
#include "core/text.h"
#include "core/url.h"

namespace mamori {

PageMeta parse_page_meta(std::string_view toml_text, int first_line, std::vector<Diagnostic>& out) {
  PageMeta meta;
  const int offset = first_line - 1;
  const auto table = parse_toml(toml_text, offset, out);
  if (!table) return meta;
  // A missing title is reported at the opening '+++' fence.
  TomlReader reader(*table, offset, out, {}, first_line - 1, 1);
  if (auto v = reader.string("title", Need::required)) {
    if (trim(v->value).empty()) {
      out.push_back(error_at(v->line, v->column, tr("'title' must not be empty")));
    }
    meta.title = v->value;
  }
  if (auto v = reader.string("description")) meta.description = v->value;
  if (auto v = reader.integer("weight")) meta.weight = v->value;
  meta.reviewed = reader.date("reviewed");
  if (auto list = reader.string_list("sources")) {
    for (auto& source : *list) {
      if (!is_web_url(source.value)) {
        out.push_back(error_at(source.line, source.column,
                               format(tr("source '{0}' must be an absolute https:// or http:// URL"), source.value)));
        continue;
      }
      meta.sources.push_back(std::move(source));
    }
  }
  if (auto v = reader.string("quiz")) {
    if (v->value.empty()) {
      out.push_back(error_at(v->line, v->column,
                             tr("'quiz' must name a quiz, like quiz = \"phishing\" for quizzes/phishing.toml")));
    } else {
      meta.quiz = std::move(*v);
    }
  }
  if (auto v = reader.boolean("draft")) meta.draft = v->value;
  meta.contacts = reader.boolean("contacts");
  reader.finish();
  return meta;
}

}  // namespace mamori
