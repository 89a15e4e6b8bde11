#include <doctest/doctest.h>

#include "helpers.h"
#include "site/loader.h"

using namespace mamori;
using mamori::testing::formatted;
using mamori::testing::TempDir;
using mamori::testing::write_minimal_project;

namespace {

// A quiz of one true/false question, in `section` (none when empty).
std::string quiz_in(std::string_view section) {
  std::string toml = section.empty() ? "" : "section = \"" + std::string(section) + "\"\n";
  return toml +
         "title = \"Q\"\n[[questions]]\nid = \"a\"\ntype = \"true_false\"\ntext = \"t\"\nanswer = true\n"
         "explanation = \"e\"\nsource = \"../content/_index.md#x\"\n";
}

// Three top-level sections in the navigation's order primer, cyber, approaches (by weight,
// not by name), and a subsection.
void write_sections(const TempDir& dir) {
  write_minimal_project(dir);
  dir.write("content/primer/_index.md", "+++\ntitle = \"入門\"\nweight = 10\n+++\n");
  dir.write("content/cyber/_index.md", "+++\ntitle = \"サイバー\"\nweight = 20\n+++\n");
  dir.write("content/cyber/deep/_index.md", "+++\ntitle = \"深い\"\n+++\n");
  dir.write("content/approaches/_index.md", "+++\ntitle = \"接近\"\nweight = 30\n+++\n");
}

struct Loaded {
  Site site;
  std::vector<std::string> problems;
};

Loaded load(const TempDir& dir) {
  Diagnostics diagnostics;
  auto site = load_site(dir.path(), {}, diagnostics);
  REQUIRE(site.has_value());
  diagnostics.sort();
  return {std::move(*site), formatted(diagnostics)};
}

std::vector<std::string> ids(const Site& site) {
  std::vector<std::string> out;
  for (const auto& quiz : site.quizzes) out.push_back(quiz.id);
  return out;
}

}  // namespace

TEST_SUITE("quiz loading") {
  TEST_CASE("quizzes are in section order: the navigation's order of their sections, then id; none last") {
    TempDir dir;
    write_sections(dir);
    dir.write("quizzes/self.toml", quiz_in(""));
    dir.write("quizzes/approaches.toml", quiz_in("approaches"));
    dir.write("quizzes/cyber-b.toml", quiz_in("cyber"));
    dir.write("quizzes/cyber.toml", quiz_in("cyber"));  // "cyber" < "cyber-b", though "cyber-b.toml" < "cyber.toml"
    dir.write("quizzes/a-none.toml", quiz_in(""));
    dir.write("quizzes/zz-primer.toml", quiz_in("primer"));
    const Loaded loaded = load(dir);
    CHECK(loaded.problems.empty());
    CHECK(ids(loaded.site) ==
          std::vector<std::string>{"zz-primer", "cyber", "cyber-b", "approaches", "a-none", "self"});
    CHECK(loaded.site.quizzes[0].section.value == "primer");
  }

  TEST_CASE("a section that is not a top-level folder of content/ is an error at it, with a hint") {
    TempDir dir;
    write_sections(dir);
    dir.write("content/images/logo.png", "png");  // a folder of assets only is no section
    dir.write("quizzes/a.toml", quiz_in("cybr"));
    dir.write("quizzes/b.toml", quiz_in("cyber/deep"));
    dir.write("quizzes/c.toml", quiz_in("images"));
    dir.write("quizzes/d.toml", quiz_in("cyber"));
    const Loaded loaded = load(dir);
    CHECK(loaded.problems ==
          std::vector<std::string>{
              "quizzes/a.toml:1:11: error: section 'cybr' is not a section of content/ (did you mean 'cyber'?)",
              "quizzes/b.toml:1:11: error: section 'cyber/deep' is not a section of content/",
              "quizzes/c.toml:1:11: error: section 'images' is not a section of content/"});
    // A quiz whose section was refused has none: it goes last.
    CHECK(ids(loaded.site) == std::vector<std::string>{"d", "a", "b", "c"});
  }

  TEST_CASE("a section is compared in Unicode NFC, as folder names are") {
    TempDir dir;
    write_minimal_project(dir);
    dir.write("content/ガイド/_index.md", "+++\ntitle = \"ガイド\"\n+++\n");
    dir.write("quizzes/g.toml", quiz_in("カ\u3099イト\u3099"));  // decomposed
    const Loaded loaded = load(dir);
    CHECK(loaded.problems.empty());
    CHECK(loaded.site.quizzes[0].section.value == "ガイド");
  }
}
