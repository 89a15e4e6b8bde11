#include <doctest/doctest.h>

#include "helpers.h"
#include "results/project.h"

using namespace mamori;
using mamori::testing::TempDir;

namespace {

constexpr const char* kQuiz = R"(title = "サイバー"
pass_mark = 70
draw = 1

[[questions]]
id = "q1"
type = "true_false"
text = "一つ目"
answer = true
explanation = "説明"

[[questions]]
id = "q2"
type = "true_false"
text = "二つ目"
answer = false
explanation = "説明"
)";

constexpr const char* kSelfCheck = R"(title = "自己診断"
type = "self_check"

[[questions]]
id = "lock"
text = "鍵"

[[bands]]
min = -1
label = "これから"
)";

HandedIn of_quiz(std::string file, std::string quiz) {
  ResultRecord r;
  r.quiz_id = std::move(quiz);
  return {std::move(file), std::move(r)};
}

}  // namespace

TEST_SUITE("results: project") {
  TEST_CASE("today's quizzes: pass mark, questions per attempt, the bank's ids, bands") {
    TempDir dir;
    dir.write("mamori.toml", "title = \"x\"\n");
    dir.write("quizzes/cyber.toml", kQuiz);
    dir.write("quizzes/self.toml", kSelfCheck);
    const Project project = load_project(dir.path());
    CHECK(project.found);
    REQUIRE(project.quizzes.size() == 2);
    const CurrentQuiz& cyber = project.quizzes.at("cyber");
    CHECK(cyber.title == "サイバー");
    CHECK(cyber.kind == QuizKind::quiz);
    CHECK(cyber.pass_mark == 70);
    CHECK(cyber.questions_per_attempt == 1);
    CHECK(cyber.questions == std::set<std::string>{"q1", "q2"});
    CHECK(cyber.version.size() == 16);
    const CurrentQuiz& self = project.quizzes.at("self");
    CHECK(self.kind == QuizKind::self_check);
    CHECK(self.questions_per_attempt == 1);
    CHECK(self.bands == std::vector<std::pair<int64_t, std::string>>{{-1, "これから"}});
    CHECK(unchecked_note(project).empty());
  }

  TEST_CASE("today's quizzes are placed in the portal's order: by their sections' order, then the rest") {
    TempDir dir;
    mamori::testing::write_minimal_project(dir);
    dir.write("content/zeta/_index.md", "+++\ntitle = \"最初の章\"\nweight = 1\n+++\n\n本文。\n");
    dir.write("content/zeta/a.md", "+++\ntitle = \"ページ\"\n+++\n\n本文。\n");
    dir.write("content/alpha/_index.md", "+++\ntitle = \"次の章\"\nweight = 2\n+++\n\n本文。\n");
    dir.write("content/alpha/a.md", "+++\ntitle = \"ページ\"\n+++\n\n本文。\n");
    dir.write("quizzes/a-quiz.toml", "section = \"alpha\"\n" + std::string(kQuiz));
    dir.write("quizzes/z-quiz.toml", "section = \"zeta\"\n" + std::string(kQuiz));
    dir.write("quizzes/self.toml", kSelfCheck);
    const Project project = load_project(dir.path());
    REQUIRE(project.quizzes.size() == 3);
    CHECK(project.quizzes.at("z-quiz").order == 0);
    CHECK(project.quizzes.at("a-quiz").order == 1);
    CHECK(project.quizzes.at("self").order == 2);  // no section: after every section
  }

  TEST_CASE("in a project, a result of a quiz it does not have is skipped with the reason") {
    TempDir dir;
    dir.write("mamori.toml", "title = \"x\"\n");
    dir.write("quizzes/cyber.toml", kQuiz);
    std::vector<HandedIn> results = {of_quiz("a.json", "cyber"), of_quiz("b.json", "cybr"), of_quiz("c.json", "zz")};
    std::vector<std::string> skipped;
    keep_project_quizzes(load_project(dir.path()), results, skipped);
    REQUIRE(results.size() == 1);
    CHECK(results[0].file == "a.json");
    CHECK(skipped == std::vector<std::string>{
                         "b.json: quiz 'cybr' is not a quiz of this portal (did you mean 'cyber'?)",
                         "c.json: quiz 'zz' is not a quiz of this portal",
                     });
  }

  TEST_CASE("without a project: quiz ids are not checked (HR is told), and at most 50 different ones are taken") {
    TempDir dir;
    const Project project = load_project(dir.path() / "nowhere");
    CHECK_FALSE(project.found);
    CHECK(unchecked_note(project) ==
          "no mamori.toml at " + (dir.path() / "nowhere").string() +
              ": quiz ids are not checked, nor pass marks and question counts (give --root)");
    std::vector<HandedIn> results;
    for (int i = 0; i < 60; ++i) results.push_back(of_quiz(std::to_string(i) + ".json", "q" + std::to_string(i % 55)));
    std::vector<std::string> skipped;
    keep_project_quizzes(project, results, skipped);
    CHECK(results.size() == 55);  // q0–q49, and q0–q4 again
    REQUIRE(skipped.size() == 5);
    CHECK(skipped[0] ==
          "50.json: more than 50 different quizzes and no project to check them against: run in the "
          "project folder or give --root");
  }
}
