#include <doctest/doctest.h>

#include <sys/stat.h>

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

const char* const kCsv =
    "\xEF\xBB\xBF小テストID,小テスト,問題の版,受験日時,氏名,社員番号,所属,記録番号,正解数,出題数,正答率(%),"
    "合格ライン(%),判定,問題ID,問題,回答,正誤\r\n"
    "cyber,T,,2026-12-01 08:30:00 +09:00,B,,,,1,1,100,80,合格,q,問,a,正解\r\n";

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

  TEST_CASE("the --out folder and the roster kept among the files handed in are passed over") {
    TempDir dir;
    dir.write("in/a.json", kResult);
    dir.write("in/report/completion.json", "{\"format\": \"mamori-completion\"}");
    dir.write("in/report/受講状況.csv", "\xEF\xBB\xBF所属,社員番号,氏名,名簿,小テスト,状況\r\n");
    dir.write("in/名簿.csv", "社員番号,氏名,所属\r\nE1,A,総務部\r\n");
    const auto collected =
        collect_results({dir.path() / "in"}, {dir.path() / "in/report/", dir.path() / "in/../in/名簿.csv"});
    CHECK(collected.results.size() == 1);
    CHECK(collected.skipped.empty());
    // Without them excluded, each is a file that is not a result.
    CHECK(collect_results({dir.path() / "in"}).skipped.size() == 3);
  }

  TEST_CASE("a symlink loop between folders does not hang") {
    TempDir dir;
    dir.write("in/a.json", kResult);
    std::filesystem::create_directory_symlink(dir.path() / "in", dir.path() / "in/loop");
    const auto collected = collect_results({dir.path() / "in"});
    CHECK(collected.results.size() == 1);
  }

  TEST_CASE("CSV downloads are read as CSV, by their extension") {
    TempDir dir;
    dir.write("in/a.json", kResult);
    dir.write("in/b.CSV", kCsv);
    dir.write("in/受講状況.csv", "\xEF\xBB\xBF所属,社員番号,氏名,名簿,小テスト,状況\r\n");
    dir.write("in/c.tsv", kCsv);
    dir.write("named.txt", kCsv);
    const auto collected = collect_results({dir.path() / "in", dir.path() / "named.txt"});
    REQUIRE(collected.results.size() == 2);
    CHECK(collected.results[1].record.source == RecordSource::csv);
    CHECK(collected.results[1].record.name == "B");
    REQUIRE(collected.skipped.size() == 2);
    CHECK(collected.skipped[0] == (dir.path() / "in/受講状況.csv").string() +
                                      ": not a quiz result CSV: this is a completion report (受講状況.csv, written by "
                                      "mamori results)");
    CHECK(collected.skipped[1] == (dir.path() / "named.txt").string() + ": not a result file: not JSON");
  }

  TEST_CASE("a symbolic link in a folder is not followed; one named on the command line is") {
    TempDir dir;
    dir.write("elsewhere/secret.json", kResult);
    dir.write("in/a.json", kResult);
    std::filesystem::create_symlink(dir.path() / "elsewhere/secret.json", dir.path() / "in/link.json");
    std::filesystem::create_symlink("/proc/self/environ", dir.path() / "in/env.json");
    std::filesystem::create_symlink(dir.path() / "elsewhere/secret.json", dir.path() / "named.json");
    const auto collected = collect_results({dir.path() / "in", dir.path() / "named.json"});
    REQUIRE(collected.results.size() == 2);
    CHECK(collected.results[0].file == (dir.path() / "in/a.json").string());
    CHECK(collected.results[1].file == (dir.path() / "named.json").string());
    CHECK(collected.skipped == std::vector<std::string>{
                                   (dir.path() / "in/env.json").string() + ": a symbolic link; not followed",
                                   (dir.path() / "in/link.json").string() + ": a symbolic link; not followed",
                               });
  }

  TEST_CASE("a FIFO named on the command line is skipped at once (no hang); in a folder it is passed over") {
    TempDir dir;
    dir.write("in/a.json", kResult);
    REQUIRE(::mkfifo((dir.path() / "in/fifo.json").c_str(), 0600) == 0);
    const auto collected = collect_results({dir.path() / "in", dir.path() / "in/fifo.json"});
    CHECK(collected.results.size() == 1);
    CHECK(collected.skipped ==
          std::vector<std::string>{(dir.path() / "in/fifo.json").string() + ": cannot read: not a regular file"});
  }
}
