#include "site/quiz_render.h"

#include "core/files.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/url.h"
#include "site/quiz_page.h"
#include "site/templates.h"

namespace mamori {
namespace {

void render_quiz(BuildRun& run, TemplateEngine& engine, const Quiz& quiz, const HeadingIds& ids) {
  RenderedQuiz rendered = quiz_view(run.site, quiz, run.theme.reserved_ids);
  for (const auto& link : rendered.links) {
    const UrlKind kind = classify_url(link.url);
    if (kind == UrlKind::web || kind == UrlKind::contact) run.citations.cite(link.url, quiz.file, link.line);
  }
  std::vector<Diagnostic> problems = std::move(rendered.diagnostics);
  for (auto& d : check_anchors(run.site, rendered.pending, ids)) problems.push_back(std::move(d));
  if (auto html = engine.render("quiz", rendered.view)) {
    if (auto e = run.emit(quiz.file, quiz_output(quiz.id), *html); !e) {
      problems.push_back(error_at(0, 0, e.error().message));
    }
  } else if (run.theme.templates.contains("quiz")) {
    problems.push_back(error_at(0, 0, format(tr("template '{0}' failed: {1}"), "quiz", html.error().message)));
  }
  if (!problems.empty()) {
    auto read = read_file(run.site.root / quiz.file);
    if (read) attach_source_lines(problems, strip_bom(*read));
  }
  run.report.diagnostics.add_all(std::move(problems), quiz.file);
}

// quizzes/index.html. A template that fails is reported at the template (a missing one
// was reported already).
void render_quiz_index(BuildRun& run, TemplateEngine& engine) {
  auto html = engine.render("quizzes", quiz_index_view(run.site));
  if (!html) {
    if (run.theme.templates.contains("quizzes")) {
      run.report.diagnostics.error(template_path(run.theme, "quizzes"), 0, 0,
                                   format(tr("template '{0}' failed: {1}"), "quizzes", html.error().message));
    }
    return;
  }
  if (auto e = run.emit(std::string(kQuizIndexSource), std::string(kQuizIndexPath), *html); !e) {
    run.report.diagnostics.add(error_at(0, 0, e.error().message));
  }
}

}  // namespace

void render_quizzes(BuildRun& run, const HeadingIds& ids) {
  if (run.site.quizzes.empty()) return;
  for (const char* name : {"quiz", "quizzes"}) {
    if (run.theme.templates.contains(name)) continue;
    run.report.diagnostics.error(template_path(run.theme, name), 0, 0,
                                 format(tr("the theme has no '{0}' template, needed for quizzes/"), name));
  }
  TemplateEngine engine(run.theme);
  for (const auto& quiz : run.site.quizzes) render_quiz(run, engine, quiz, ids);
  render_quiz_index(run, engine);
}

}  // namespace mamori
