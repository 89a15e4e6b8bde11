#include <doctest/doctest.h>

#include "helpers.h"
#include "results/collect.h"

using namespace mamori;
using mamori::testing::TempDir;

namespace {

const char* const kResult = R"({"format": "mamori-quiz-result", "version": 1,
 "quiz": {"id": "cyber", "title": "T", "type": "quiz"},
 "attempt": {"date": "2026-11-23T01:02:03.000Z", "seed": 1}, "name": "A",
 "score": {"correct": 1, "total": 1, "percent": 100, "pass_mark": 80, "passed": true},
 "answers": [{"question": "q", "chosen": ["a"], "correct": true}]})";

}  // namespace

TEST_SUITE("results: collect") {
  TEST_CASE("folders are searched, bad files skipped with the reason, the rest read") {
    TempDir dir;
    dir.write("in/a.json", kResult);
    dir.write("in/sub/b.JSON", kResult);
    dir.write("in/notes.txt", "not looked at");
    dir.write("in/bad.json", "{\"format\": \"other\"}");
    dir.write("in/huge.json", std::string(kMaxResultFileBytes + 1, ' '));
    dir.write("named.txt", kResult);
    const auto collected = collect_results({dir.path() / "in", dir.path() / "named.txt", dir.path() / "gone"});
    REQUIRE(collected.results.size() == 3);
    CHECK(collected.results[0].file == (dir.path() / "in/a.json").string());
    REQUIRE(collected.skipped.size() == 3);
    CHECK(collected.skipped[0] ==
          (dir.path() / "in/bad.json").string() + ": not a result file: no \"format\": \"mamori-quiz-result\"");
    CHECK(collected.skipped[1].starts_with((dir.path() / "in/huge.json").string() + ": "));
    CHECK(collected.skipped[2] == (dir.path() / "gone").string() + ": no such file or folder");
  }

  TEST_CASE("a symlink loop between folders does not hang") {
    TempDir dir;
    dir.write("in/a.json", kResult);
    std::filesystem::create_directory_symlink(dir.path() / "in", dir.path() / "in/loop");
    const auto collected = collect_results({dir.path() / "in"});
    CHECK(collected.results.size() == 1);
  }
}
