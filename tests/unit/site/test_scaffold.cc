#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "helpers.h"
#include "quiz/bank_patterns.h"
#include "quiz/quiz.h"
#include "site/front_matter.h"
#include "site/page_meta.h"
#include "site/scaffold.h"

using namespace mamori;
using mamori::testing::TempDir;
using mamori::testing::write_minimal_project;

namespace {

std::string read_text(const std::filesystem::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A project with a section whose page has a heading to cite.
void write_quiz_project(const TempDir& dir) {
  write_minimal_project(dir);
  dir.write("content/cyber/_index.md", "+++\ntitle = \"サイバー\"\n+++\n\n## まず読むページ {#start-here}\n\n本文\n");
  dir.write("content/cyber/a.md", "+++\ntitle = \"A\"\n+++\n\n## 初動対応の手順\n\n本文\n");
}

}  // namespace

TEST_SUITE("scaffold") {
  TEST_CASE("a new page has valid front matter") {
    const std::string text = new_page_text("バックアップ", 30, Date{2026, 11, 23});
    const auto result = split_front_matter(text);
    const auto& split = std::get<FrontMatterSplit>(result);
    std::vector<Diagnostic> problems;
    const PageMeta meta = parse_page_meta(split.toml, split.toml_first_line, problems);
    CHECK(problems.empty());
    CHECK(meta.title == "バックアップ");
    CHECK(meta.weight == 30);
    CHECK(meta.reviewed->value == Date{2026, 11, 23});
    CHECK(meta.draft);
  }

  TEST_CASE("pages are placed after their siblings and never overwrite") {
    TempDir dir;
    write_minimal_project(dir);
    dir.write("content/cyber/_index.md", "+++\ntitle = \"サイバー\"\n+++\n");
    dir.write("content/cyber/a.md", "+++\ntitle = \"A\"\nweight = 40\n+++\n");
    auto made = scaffold_page(dir.path(), "content/cyber/backup", Date{2026, 11, 23});
    REQUIRE(made.has_value());
    std::ifstream in(dir.path() / "content/cyber/backup.md");
    std::stringstream text;
    text << in.rdbuf();
    CHECK(text.str().find("weight = 50") != std::string::npos);
    auto again = scaffold_page(dir.path(), "cyber/backup.md", Date{2026, 11, 23});
    REQUIRE(!again.has_value());
    CHECK(again.error().message == "content/cyber/backup.md already exists; nothing was written");
  }

  TEST_CASE("paths outside content/ are refused") {
    TempDir dir;
    write_minimal_project(dir);
    auto made = scaffold_page(dir.path(), "../evil.md", Date{2026, 11, 23});
    REQUIRE(!made.has_value());
    CHECK(made.error().message == "'../evil.md' must be a path inside content/, like cyber/backup.md");
  }

  // Regression (a tester's report): `new page ""` wrote content/.md, which no build reads.
  TEST_CASE("names the build skips as an editor's files are refused") {
    TempDir dir;
    write_minimal_project(dir);
    for (const char* name : {"", ".hidden.md", "cyber/.x/a.md", "old~/a.md", "#x#/a.md", "a.bak/b.md"}) {
      CAPTURE(std::string(name));
      const auto made = scaffold_page(dir.path(), name, Date{2026, 11, 23});
      REQUIRE(!made.has_value());
      CHECK(made.error().message.find("would never be built") != std::string::npos);
    }
    CHECK(scaffold_page(dir.path(), "", Date{2026, 11, 23}).error().message ==
          "'.md' would never be built: the build skips names that start with '.' and the backup files of editors (~, "
          ".bak, .swp, .tmp, #…#)");
    CHECK_FALSE(std::filesystem::exists(dir.path() / "content/.md"));
    // A blank name would give a blank title, which the next build refuses.
    for (const char* name : {" .md", "cyber/ ", "\u3000"}) {
      CAPTURE(std::string(name));
      const auto made = scaffold_page(dir.path(), name, Date{2026, 11, 23});
      REQUIRE(!made.has_value());
      CHECK(made.error().message.find("is not a usable page name") != std::string::npos);
    }
  }

  TEST_CASE("a page in a new folder says that the folder needs an _index.md") {
    TempDir dir;
    write_minimal_project(dir);
    auto made = scaffold_page(dir.path(), "newsection/first.md", Date{2026, 11, 23});
    REQUIRE(made.has_value());
    CHECK(made.value().notice ==
          "The page is a draft: set draft = false to publish it. The folder is new: add its _index.md with "
          "`mamori new page newsection/_index.md`.");
  }

  TEST_CASE("a new page after the largest possible weight saturates instead of overflowing") {
    TempDir dir;
    write_minimal_project(dir);
    dir.write("content/cyber/_index.md", "+++\ntitle = \"サイバー\"\n+++\n");
    dir.write("content/cyber/last.md", "+++\ntitle = \"最後\"\nweight = 9223372036854775807\n+++\n");
    auto made = scaffold_page(dir.path(), "cyber/next.md", Date{2026, 11, 23});
    REQUIRE(made.has_value());
    std::ifstream in(dir.path() / "content/cyber/next.md");
    std::stringstream text;
    text << in.rdbuf();
    CHECK(text.str().find("weight = 9223372036854775807 ") != std::string::npos);
  }

  TEST_CASE("a dangling symlink or a symlinked folder never leads a new page out of content/") {
    TempDir dir;
    TempDir outside;
    write_minimal_project(dir);
    std::filesystem::create_symlink(outside.path() / "evil.md", dir.path() / "content/trap.md");
    auto made = scaffold_page(dir.path(), "trap.md", Date{2026, 11, 23});
    REQUIRE(!made.has_value());
    CHECK(made.error().message == "content/trap.md already exists; nothing was written");
    CHECK_FALSE(std::filesystem::exists(outside.path() / "evil.md"));
    std::filesystem::create_directory_symlink(outside.path(), dir.path() / "content/away");
    made = scaffold_page(dir.path(), "away/sub/page.md", Date{2026, 11, 23});
    REQUIRE(!made.has_value());
    CHECK(made.error().message ==
          "content/away/sub/page.md: the folder leads out of content/ (through a symlink); nothing was written");
    CHECK(std::filesystem::is_empty(outside.path()));
  }

  TEST_CASE("a new quiz is a valid bank with three example questions and no pattern warnings") {
    const std::string text = new_quiz_text("phishing", "cyber", "../content/cyber/_index.md#start-here");
    std::vector<Diagnostic> problems;
    const Quiz quiz = parse_quiz("phishing", text, problems);
    CHECK(problems.empty());
    CHECK(bank_pattern_warnings(quiz).empty());
    CHECK(quiz.title == "理解度チェック（phishing）");
    CHECK(quiz.section.value == "cyber");
    REQUIRE(quiz.questions.size() == 3);
    CHECK(quiz.questions[0].type == QuestionType::single);
    CHECK(quiz.questions[1].type == QuestionType::multiple);
    CHECK(quiz.questions[2].type == QuestionType::true_false);
    for (const auto& question : quiz.questions) {
      CHECK(question.text.starts_with("（例の問題です。差し替えてください）"));
      CHECK(question.source.value == "../content/cyber/_index.md#start-here");
    }
    std::vector<Diagnostic> without_section;
    CHECK(parse_quiz("x", new_quiz_text("x", "", "../content/_index.md#a"), without_section).section.value.empty());
    CHECK(without_section.empty());
  }

  TEST_CASE("new quiz writes quizzes/ID.toml citing the section's first heading, and says what to do next") {
    TempDir dir;
    write_quiz_project(dir);
    auto made = scaffold_quiz(dir.path(), "cyber/phishing");
    REQUIRE(made.has_value());
    CHECK(made.value().file == dir.path() / "quizzes/phishing.toml");
    CHECK(made.value().notice ==
          "The quiz is listed under 理解度チェック from the next build: replace the three example questions first. "
          "To link it from a page, add quiz = \"phishing\" to that page's front matter.");
    const std::string text = read_text(dir.path() / "quizzes/phishing.toml");
    CHECK(text.find("source = \"../content/cyber/_index.md#start-here\"") != std::string::npos);
    CHECK(text.find("section = \"cyber\"") != std::string::npos);

    // Without a heading on the section's page, its next page's heading is cited (GitHub-style id).
    dir.write("content/cyber/_index.md", "+++\ntitle = \"サイバー\"\n+++\n\n本文だけ\n");
    CHECK(new_quiz_source(dir.path(), "cyber").url == "../content/cyber/a.md#初動対応の手順");
    // Without a section, the home page first, then every page, shallow before deep.
    CHECK(new_quiz_source(dir.path(), "").url == "../content/cyber/a.md#初動対応の手順");
    // No heading anywhere: a heading to replace, and the notice says so.
    TempDir bare_project;
    write_minimal_project(bare_project);
    auto bare = scaffold_quiz(bare_project.path(), "quizzes/intro.toml");
    REQUIRE(bare.has_value());
    CHECK(bare.value().file == bare_project.path() / "quizzes/intro.toml");
    CHECK(bare.value().notice.ends_with(
        " No page to cite was found: point each question's source at the page and heading that teach it, like "
        "../content/_index.md#見出し."));
  }

  TEST_CASE("new quiz refuses a bad id, an unknown section, an existing file and a quizzes/ outside the project") {
    TempDir dir;
    write_quiz_project(dir);
    auto bad = scaffold_quiz(dir.path(), "フィッシング");
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.error().message ==
          "'フィッシング' is not a usable quiz id: use ASCII letters, digits, '-' or '_', like phishing");
    CHECK_FALSE(scaffold_quiz(dir.path(), "../x").has_value());
    auto section = scaffold_quiz(dir.path(), "cyberr/phishing");
    REQUIRE_FALSE(section.has_value());
    CHECK(section.error().message ==
          "'cyberr' is not a folder of content/: write the quiz as SECTION/ID, like cyber/phishing (did you mean "
          "'cyber'?)");
    REQUIRE(scaffold_quiz(dir.path(), "phishing").has_value());
    auto again = scaffold_quiz(dir.path(), "cyber/phishing");
    REQUIRE_FALSE(again.has_value());
    CHECK(again.error().message == "quizzes/phishing.toml already exists; nothing was written");

    TempDir other;
    TempDir outside;
    write_quiz_project(other);
    std::filesystem::create_directory_symlink(outside.path(), other.path() / "quizzes");
    auto away = scaffold_quiz(other.path(), "phishing");
    REQUIRE_FALSE(away.has_value());
    CHECK(away.error().message ==
          "quizzes/phishing.toml: the folder leads out of the project (through a symlink); nothing was written");
    CHECK(std::filesystem::is_empty(outside.path()));
  }

  TEST_CASE("outside a project, new page and new quiz name the folder they looked in") {
    TempDir dir;
    const std::string expected = "no content/ folder in " + dir.path().string() +
                                 ": run mamori in the project folder (the one holding mamori.toml) or pass --root DIR";
    auto page = scaffold_page(dir.path(), "a.md", Date{2026, 11, 23});
    REQUIRE_FALSE(page.has_value());
    CHECK(page.error().message == expected);
    auto quiz = scaffold_quiz(dir.path(), "a");
    REQUIRE_FALSE(quiz.has_value());
    CHECK(quiz.error().message == expected);
    CHECK_FALSE(std::filesystem::exists(dir.path() / "quizzes"));
  }
}
