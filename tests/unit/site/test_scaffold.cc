#include <doctest/doctest.h>

#include <fstream>
#include <sstream>

#include "helpers.h"
#include "site/front_matter.h"
#include "site/page_meta.h"
#include "site/scaffold.h"

using namespace mamori;
using mamori::testing::TempDir;
using mamori::testing::write_minimal_project;

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
}
