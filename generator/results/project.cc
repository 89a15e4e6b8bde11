#include "results/project.h"

#include <algorithm>
#include <set>

#include "core/files.h"
#include "core/i18n.h"
#include "core/spellcheck.h"
#include "core/text.h"
#include "quiz/choice_order.h"
#include "quiz/quiz.h"
#include "site/loader.h"

namespace mamori {
namespace {

namespace fs = std::filesystem;

CurrentQuiz current_of(const Quiz& quiz) {
  CurrentQuiz q;
  q.title = quiz.title;
  q.version = quiz.version;
  q.kind = quiz.type == QuizType::self_check ? QuizKind::self_check : QuizKind::quiz;
  q.pass_mark = static_cast<int>(quiz.pass_mark);
  q.questions_per_attempt = static_cast<int>(quiz.draw.value_or(static_cast<int64_t>(quiz.questions.size())));
  if (q.kind == QuizKind::self_check) q.questions_per_attempt = static_cast<int>(quiz.questions.size());
  for (const Question& question : quiz.questions) {
    q.questions.insert(question.id);
    if (q.kind == QuizKind::self_check) continue;
    std::vector<std::string> ids = all_choice_ids(question);
    std::vector<std::string> right = correct_choice_ids(quiz.id, question);
    std::sort(ids.begin(), ids.end());
    std::sort(right.begin(), right.end());
    q.choice_ids[question.id] = std::move(ids);
    q.right_answers[question.id] = std::move(right);
  }
  for (const Band& band : quiz.bands) q.bands.emplace_back(band.min, band.label);
  return q;
}

// Places today's quizzes in the portal's order: the build's (site/quiz_loading.h: by the
// navigation order of their sections), read with the build's loader. Problems in the
// project are `mamori check`'s to report; when it cannot be loaded, the order stays unknown.
void place_quizzes(const fs::path& root, Project& project) {
  Diagnostics ignored;
  const auto site = load_site(root, {}, ignored);
  if (!site) return;
  int place = 0;
  for (const Quiz& quiz : site->quizzes) {
    const auto it = project.quizzes.find(quiz.id);
    if (it != project.quizzes.end()) it->second.order = place++;
  }
}

}  // namespace

Project load_project(const fs::path& root) {
  Project project;
  std::error_code ec;
  project.root = printable_text(fs::absolute(root, ec).lexically_normal().string());
  if (!fs::exists(root / "mamori.toml", ec)) return project;
  project.found = true;
  for (fs::directory_iterator it(root / "quizzes", ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() != ".toml") continue;
    auto text = read_file(it->path(), size_t{4} << 20);
    if (!text) continue;
    std::vector<Diagnostic> ignored;  // `mamori check` reports them
    const Quiz quiz = parse_quiz(it->path().stem().string(), strip_bom(*text), ignored);
    project.quizzes[quiz.id] = current_of(quiz);
  }
  place_quizzes(root, project);
  return project;
}

void keep_project_quizzes(const Project& project, std::vector<HandedIn>& results, std::vector<std::string>& skipped) {
  std::vector<std::string> ids;
  for (const auto& [id, quiz] : project.quizzes) ids.push_back(id);
  std::set<std::string> taken;  // without a project: the quiz ids let in so far
  std::vector<HandedIn> kept;
  kept.reserve(results.size());
  for (HandedIn& h : results) {
    const std::string& id = h.record.quiz_id;
    if (project.found && !project.quizzes.contains(id)) {
      skipped.push_back(h.file + ": " + format(tr("quiz '{0}' is not a quiz of this portal"), printable_text(id)) +
                        printable_text(did_you_mean(id, ids)));
    } else if (!project.found && !taken.contains(id) && taken.size() >= kMaxUnknownQuizzes) {
      skipped.push_back(h.file + ": " +
                        format(tr("more than {0} different quizzes and no project to check them against: run in the "
                                  "project folder or give --root"),
                               kMaxUnknownQuizzes));
    } else {
      taken.insert(id);
      kept.push_back(std::move(h));
    }
  }
  results = std::move(kept);
}

std::string unchecked_note(const Project& project) {
  return project.found ? ""
                       : format(tr("no mamori.toml at {0}: quiz ids are not checked, nor pass marks and question "
                                   "counts (give --root)"),
                                project.root);
}

}  // namespace mamori
