#include <doctest/doctest.h>
#include <sys/stat.h>

#include <filesystem>

#include "helpers.h"
#include "site/loader.h"

using namespace mamori;
using mamori::testing::formatted;
using mamori::testing::TempDir;
using mamori::testing::write_minimal_project;

namespace {

std::vector<std::string> load_problems(const TempDir& dir, LoadOptions options = {}) {
  Diagnostics diagnostics;
  auto loaded = load_site(dir.path(), options, diagnostics);
  REQUIRE(loaded.has_value());
  diagnostics.sort();
  return formatted(diagnostics);
}

}  // namespace

TEST_SUITE("content loader") {
  TEST_CASE("a project without mamori.toml or content/ cannot be loaded") {
    TempDir dir;
    Diagnostics diagnostics;
    auto loaded = load_site(dir.path(), {}, diagnostics);
    REQUIRE(!loaded.has_value());
    CHECK(loaded.error().message.ends_with(": run mamori in the project folder or pass --root DIR"));
    dir.write("mamori.toml", "title = \"x\"\n");
    loaded = load_site(dir.path(), {}, diagnostics);
    CHECK(loaded.error().message.ends_with(": the pages live there"));
  }

  TEST_CASE("sections, ordering by weight then title, and output paths") {
    TempDir dir;
    write_minimal_project(dir);
    dir.write("content/cyber/_index.md", "+++\ntitle = \"サイバー\"\nweight = 20\n+++\n");
    dir.write("content/cyber/b.md", "+++\ntitle = \"い\"\nweight = 10\n+++\n");
    dir.write("content/cyber/a.md", "+++\ntitle = \"う\"\nweight = 10\n+++\n");
    dir.write("content/cyber/c.md", "+++\ntitle = \"あ\"\nweight = 30\n+++\n");
    dir.write("content/primer/_index.md", "+++\ntitle = \"基礎\"\nweight = 10\n+++\n");
    dir.write("content/glossary.md", "+++\ntitle = \"用語集\"\n+++\n");
    dir.write("content/cyber/figure.png", "PNG");
    Diagnostics diagnostics;
    const Site site = load_site(dir.path(), {}, diagnostics).value();
    CHECK(diagnostics.empty());
    std::vector<std::string> order;
    for (const PageId p : site.reading_order()) order.push_back(site.page(p).output);
    CHECK(order == std::vector<std::string>{"index.html", "glossary.html", "primer/index.html", "cyber/index.html",
                                            "cyber/b.html", "cyber/a.html", "cyber/c.html"});
    REQUIRE(site.assets.size() == 1);
    CHECK(site.assets[0].content_path == "cyber/figure.png");
  }

  TEST_CASE("drafts are left out unless asked for") {
    TempDir dir;
    write_minimal_project(dir);
    dir.write("content/draft.md", "+++\ntitle = \"下書き\"\ndraft = true\n+++\n");
    Diagnostics diagnostics;
    CHECK(load_site(dir.path(), {}, diagnostics).value().find_page("draft.md") == nullptr);
    CHECK(load_site(dir.path(), {true, 1}, diagnostics).value().find_page("draft.md") != nullptr);
  }

  TEST_CASE("empty, binary and non-UTF-8 files are reported") {
    TempDir dir;
    write_minimal_project(dir);
    dir.write("content/empty.md", "");
    dir.write("content/binary.md", std::string("+++\0\0", 5));
    dir.write("content/sjis.md", "+++\ntitle = \"\x8E\xE7\x82\xE8\"\n+++\n");
    dir.write("content/nofm.md", "# 見出し\n");
    CHECK(load_problems(dir) ==
          std::vector<std::string>{
              "content/binary.md:1:1: error: binary file: a page must be UTF-8 text",
              "content/empty.md:1:1: error: file is empty: a page needs front matter with at least a title",
              "content/nofm.md:1:1: error: missing front matter: a page starts with a '+++' line, then TOML such as "
              "title = \"…\", then '+++'",
              "content/sjis.md:2:10: error: invalid UTF-8 (byte 0x8E): save the file as UTF-8 (is it Shift_JIS?)"});
  }

  TEST_CASE("a BOM and CRLF line endings are accepted") {
    TempDir dir;
    write_minimal_project(dir);
    dir.write("content/windows.md", "\xEF\xBB\xBF+++\r\ntitle = \"メモ帳で保存\"\r\n+++\r\n本文\r\n");
    CHECK(load_problems(dir).empty());
  }

  TEST_CASE("a folder with pages needs an _index.md") {
    TempDir dir;
    write_minimal_project(dir);
    dir.write("content/cases/k.md", "+++\ntitle = \"K社\"\n+++\n");
    dir.write("content/images/a.png", "PNG");  // no pages: not a section
    CHECK(load_problems(dir) ==
          std::vector<std::string>{
              "content/cases/_index.md: error: folder has pages but no _index.md: add one with the section's title"});
  }

  TEST_CASE("two sources for one output file are an error, letter case included") {
    TempDir dir;
    write_minimal_project(dir);
    dir.write("content/cyber/_index.md", "+++\ntitle = \"サイバー\"\n+++\n");
    dir.write("content/cyber/index.md", "+++\ntitle = \"別の索引\"\n+++\n");
    dir.write("content/cyber/Backup.md", "+++\ntitle = \"A\"\n+++\n");
    dir.write("content/cyber/backup.md", "+++\ntitle = \"B\"\n+++\n");
    dir.write("content/cyber/backup.html", "<p>");
    dir.write("content/assets/logo.png", "PNG");
    CHECK(load_problems(dir) ==
          std::vector<std::string>{
              "content/assets/logo.png: error: content/assets/ is reserved for the theme's files: use another folder "
              "name",
              "content/cyber/backup.html: error: output path 'cyber/backup.html' is also produced by "
              "content/cyber/Backup.md (names that differ only in letter case collide on Windows file shares)",
              "content/cyber/backup.md: error: output path 'cyber/backup.html' is also produced by "
              "content/cyber/Backup.md (names that differ only in letter case collide on Windows file shares)",
              "content/cyber/index.md: error: output path 'cyber/index.html' is also produced by "
              "content/cyber/_index.md"});
  }

  TEST_CASE("symlink loops and links out of content/ are reported, not followed") {
    TempDir dir;
    write_minimal_project(dir);
    dir.write("content/a/_index.md", "+++\ntitle = \"A\"\n+++\n");
    dir.write("secret.txt", "secret");
    std::filesystem::create_directory_symlink("..", dir.path() / "content/a/loop");
    std::filesystem::create_symlink("../secret.txt", dir.path() / "content/leak.txt");
    std::filesystem::create_symlink("missing.md", dir.path() / "content/broken.md");
    CHECK(
        load_problems(dir) ==
        std::vector<std::string>{"content/a/loop: error: symlink loop: this folder leads back to one that contains it",
                                 "content/broken.md: error: broken symlink: its target does not exist",
                                 "content/leak.txt: error: symlink points outside content/: copy the file in instead"});
  }

  // Regression (a tester's report): a FIFO in content/ was left out of the site with nothing said.
  TEST_CASE("a pipe in content/ is an error, not a page or file left out") {
    TempDir dir;
    write_minimal_project(dir);
    REQUIRE(mkfifo((dir.path() / "content/fifo.md").c_str(), 0600) == 0);
    REQUIRE(mkfifo((dir.path() / "content/data.pdf").c_str(), 0600) == 0);
    CHECK(load_problems(dir) ==
          std::vector<std::string>{
              "content/data.pdf: error: not a file or a folder (a pipe, socket or device): replace it with a file",
              "content/fifo.md: error: not a file or a folder (a pipe, socket or device): replace it with a file"});
  }

  TEST_CASE("a page's quiz must exist") {
    TempDir dir;
    write_minimal_project(dir);
    dir.write("quizzes/phishing.toml",
              "title = \"q\"\n[[questions]]\nid = \"a\"\ntype = \"true_false\"\ntext = \"t\"\nanswer = true\n"
              "explanation = \"e\"\nsource = \"../content/_index.md#x\"\n");
    dir.write("content/p.md", "+++\ntitle = \"P\"\nquiz = \"phising\"\n+++\n");
    CHECK(load_problems(dir) ==
          std::vector<std::string>{"content/p.md:3:8: error: quiz 'phising' does not exist (no quizzes/phising.toml) "
                                   "(did you mean 'phishing'?)"});
  }

  TEST_CASE("a quizzes/ folder that cannot be opened is an error (it was taken for no quizzes)") {
    TempDir dir;
    write_minimal_project(dir);
    std::filesystem::create_directory_symlink("quizzes", dir.path() / "quizzes");  // a symlink loop
    CHECK(load_problems(dir) ==
          std::vector<std::string>{"quizzes/: error: cannot open folder: Too many levels of symbolic links"});
  }

  TEST_CASE("no quizzes/ folder at all is fine") {
    TempDir dir;
    write_minimal_project(dir);
    CHECK(load_problems(dir).empty());
  }

  TEST_CASE("empty and binary files of every kind say what that file needs") {
    TempDir dir;
    write_minimal_project(dir);
    dir.write("mamori.toml", "");
    dir.write("content/contacts.toml", std::string("\0", 1));
    dir.write("quizzes/q.toml", "");
    CHECK(
        load_problems(dir) ==
        std::vector<std::string>{"content/contacts.toml:1:1: error: binary file: the contact table must be UTF-8 text",
                                 "mamori.toml:1:1: error: file is empty: mamori.toml needs at least the site's title",
                                 "quizzes/q.toml:1:1: error: file is empty: a quiz needs a title and [[questions]]"});
  }

  TEST_CASE("source lines are attached for the caret display") {
    TempDir dir;
    write_minimal_project(dir);
    dir.write("content/p.md", "+++\ntitle = \"P\"\nweigth = 1\n+++\n");
    Diagnostics diagnostics;
    REQUIRE(load_site(dir.path(), {}, diagnostics).has_value());
    REQUIRE(diagnostics.items().size() == 1);
    CHECK(format_with_caret(diagnostics.items()[0]) ==
          "content/p.md:3:1: error: unknown key 'weigth' (did you mean 'weight'?)\n 3 | weigth = 1\n   | ^");
  }
}
