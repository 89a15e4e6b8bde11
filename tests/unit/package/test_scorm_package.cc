#include <doctest/doctest.h>

#include "core/files.h"
#include "helpers.h"
#include "package/scorm_package.h"

using namespace mamori;
using mamori::testing::TempDir;

namespace {

std::string quiz(const std::string& title, int pass_mark) {
  return "title = \"" + title + "\"\npass_mark = " + std::to_string(pass_mark) +
         "\n\n[[questions]]\nid = \"q1\"\ntype = \"true_false\"\ntext = \"一つ目\"\nanswer = true\n"
         "explanation = \"説明\"\nsource = \"../content/_index.md#x\"\n";
}

constexpr const char* kSelfCheck =
    "title = \"自己診断\"\ntype = \"self_check\"\n[[questions]]\nid = \"lock\"\ntext = \"鍵\"\n"
    "[[bands]]\nmin = -1\nlabel = \"これから\"\nadvice = \"一つずつ\"\n";

void write_project(const TempDir& dir) {
  mamori::testing::write_minimal_project(dir);
  dir.write("content/_index.md", "+++\ntitle = \"ホーム\"\n+++\n\n## 基本 {#x}\n\nようこそ。\n");
  dir.write("quizzes/cyber.toml", quiz("サイバー", 70));
  dir.write("quizzes/basics.toml", quiz("基礎", 80));
  dir.write("quizzes/self.toml", kSelfCheck);
}

}  // namespace

TEST_SUITE("package: SCORM package") {
  TEST_CASE("every scored quiz is an item; the site is inside; nothing is left behind") {
    TempDir dir;
    write_project(dir);
    PackageOptions options;
    options.root = dir.path();
    const PackageRun run = package_scorm(options);
    REQUIRE(run.exit_status() == 0);
    CHECK(run.out == dir.path() / "scorm-1.2.zip");
    CHECK(run.items == std::vector<std::string>{"basics", "cyber"});
    const std::string zip = read_file(run.out).value();
    for (const char* name : {"imsmanifest.xml", "index.html", "quizzes/cyber.html", "quizzes/self.html"}) {
      CHECK_MESSAGE(zip.find(name) != std::string::npos, name);
    }
    CHECK(zip.find("sitemap.xml") == std::string::npos);
    CHECK_FALSE(std::filesystem::exists(dir.path() / "site"));  // built privately, not into ROOT/site
  }

  TEST_CASE("--quiz picks items; a wrong name or a self-check is refused and nothing is written") {
    TempDir dir;
    write_project(dir);
    PackageOptions options;
    options.root = dir.path();
    options.version = ScormVersion::v2004;
    options.quizzes = {"cyber"};
    PackageRun run = package_scorm(options);
    REQUIRE(run.exit_status() == 0);
    CHECK(run.out == dir.path() / "scorm-2004.zip");
    CHECK(run.items == std::vector<std::string>{"cyber"});

    options.out = dir.path() / "other.zip";
    options.quizzes = {"cybr"};
    run = package_scorm(options);
    CHECK(run.exit_status() == 2);
    CHECK(run.error == "--quiz 'cybr' is not a quiz of this portal (did you mean 'cyber'?)");
    options.quizzes = {"self"};
    run = package_scorm(options);
    CHECK(run.error ==
          "--quiz 'self' is a self-check: it has no score for an LMS to record (it is in the package as a page)");
    CHECK_FALSE(std::filesystem::exists(options.out));
  }

  TEST_CASE("a content error writes no package and keeps the previous one") {
    TempDir dir;
    write_project(dir);
    dir.write("scorm-1.2.zip", "the previous package");
    dir.write("content/broken.md", "+++\ntitel = \"x\"\n+++\n");
    PackageOptions options;
    options.root = dir.path();
    const PackageRun run = package_scorm(options);
    CHECK(run.exit_status() == 1);
    CHECK(run.build.diagnostics.has_errors());
    CHECK(read_file(dir.path() / "scorm-1.2.zip").value() == "the previous package");
  }

  TEST_CASE("a portal without a scored quiz has nothing to package") {
    TempDir dir;
    mamori::testing::write_minimal_project(dir);
    dir.write("quizzes/self.toml", kSelfCheck);
    PackageOptions options;
    options.root = dir.path();
    const PackageRun run = package_scorm(options);
    CHECK(run.exit_status() == 2);
    CHECK(run.error == "the portal has no scored quiz to package (quizzes/*.toml)");
  }
}
