#include <doctest/doctest.h>

#include "helpers.h"
#include "site/page_meta.h"

using namespace mamori;
using mamori::testing::formatted;

namespace {
std::vector<std::string> problems(std::string_view toml) {
  std::vector<Diagnostic> out;
  parse_page_meta(toml, 2, out);
  return formatted(out);
}
}  // namespace

TEST_SUITE("page meta") {
  TEST_CASE("every key is read") {
    std::vector<Diagnostic> out;
    const PageMeta meta = parse_page_meta(
        "title = \"標的型メールへの備え\"\n"
        "description = \"見分け方\"\n"
        "weight = 20\n"
        "reviewed = 2025-05-01\n"
        "sources = [\"https://www.meti.go.jp/policy/netsecurity/mng_guide.html\"]\n"
        "quiz = \"phishing\"\n"
        "draft = true\n",
        2, out);
    CHECK(out.empty());
    CHECK(meta.title == "標的型メールへの備え");
    CHECK(meta.description == "見分け方");
    CHECK(meta.weight == 20);
    REQUIRE(meta.reviewed.has_value());
    CHECK(meta.reviewed->value == Date{2025, 5, 1});
    CHECK(meta.reviewed->line == 5);
    REQUIRE(meta.sources.size() == 1);
    CHECK(meta.sources[0].value == "https://www.meti.go.jp/policy/netsecurity/mng_guide.html");
    CHECK(meta.sources[0].line == 6);
    CHECK(meta.quiz->value == "phishing");
    CHECK(meta.draft);
  }

  TEST_CASE("a missing title is reported at the opening fence") {
    CHECK(problems("weight = 1\n") == std::vector<std::string>{"1:1: error: missing required key 'title'"});
  }

  TEST_CASE("an empty title is refused") {
    CHECK(problems("title = \"\u3000\"\n") == std::vector<std::string>{"2:9: error: 'title' must not be empty"});
  }

  TEST_CASE("unknown keys get a did-you-mean hint") {
    CHECK(problems("title = \"x\"\nweigth = 10\ncolour = 1\n") ==
          std::vector<std::string>{"4:1: error: unknown key 'colour'",
                                   "3:1: error: unknown key 'weigth' (did you mean 'weight'?)"});
  }

  TEST_CASE("wrong types name the expected one") {
    CHECK(problems("title = 3\nweight = \"10\"\ndraft = \"no\"\n") ==
          std::vector<std::string>{"2:9: error: 'title' must be a string in quotes, not an integer",
                                   "3:10: error: 'weight' must be an integer, not a string",
                                   "4:9: error: 'draft' must be true or false, not a string"});
  }

  TEST_CASE("dates must be TOML dates") {
    CHECK(
        problems("title = \"x\"\nreviewed = \"2025-05-01\"\n") ==
        std::vector<std::string>{"3:12: error: 'reviewed' must be a date without quotes, like reviewed = 2025-05-01"});
    CHECK(problems("title = \"x\"\nreviewed = 2025-05-01T10:00:00\n") ==
          std::vector<std::string>{"3:12: error: 'reviewed' must be a date like 2025-05-01, not a date with a time"});
  }

  TEST_CASE("impossible dates are TOML errors with toml++'s position") {
    CHECK(
        problems("title = \"x\"\nreviewed = 2025-02-30\n") ==
        std::vector<std::string>{"3:22: error: invalid TOML: date: expected day between 1 and 28 (inclusive), saw 30"});
  }

  TEST_CASE("TOML syntax errors carry the file position") {
    CHECK(problems("title = \"x\"\nweight = 1x\n") ==
          std::vector<std::string>{"3:11: error: invalid TOML: decimal integer: expected digit, saw 'x'"});
  }

  TEST_CASE("sources must be absolute web URLs") {
    CHECK(problems("title = \"x\"\nsources = [\"../a.md\", 3, \"javascript:alert(1)\"]\n") ==
          std::vector<std::string>{
              "3:23: error: 'sources' must hold only strings, not an integer",
              "3:12: error: source '../a.md' must be an absolute https:// or http:// URL",
              "3:26: error: source 'javascript:alert(1)' must be an absolute https:// or http:// URL"});
    // Regression (a tester's report): a control character in one source hid the others' errors.
    CHECK(problems("title = \"x\"\nsources = [\"\\u0007\", \"javascript:x\", \"\", \"//evil.com\"]\n") ==
          std::vector<std::string>{
              "3:12: error: 'sources' holds a control character (U+0007), which cannot be shown on a page: remove it",
              "3:22: error: source 'javascript:x' must be an absolute https:// or http:// URL",
              "3:38: error: source '' must be an absolute https:// or http:// URL",
              "3:42: error: source '//evil.com' must be an absolute https:// or http:// URL"});
    CHECK(problems("title = \"x\"\nsources = [\"www.meti.go.jp\", \"javascript:alert(1)\"]\n") ==
          std::vector<std::string>{
              "3:12: error: source 'www.meti.go.jp' must be an absolute https:// or http:// URL",
              "3:30: error: source 'javascript:alert(1)' must be an absolute https:// or http:// URL"});
  }

  TEST_CASE("control characters never reach the page") {
    CHECK(problems("title = \"\\u0000\"\ndescription = \"a\\u001Bb\"\nsources = [\"https://x.example/\\u0007\"]\n") ==
          std::vector<std::string>{
              "2:9: error: 'title' holds a control character (U+0000), which cannot be shown on a page: remove it",
              "3:15: error: 'description' holds a control character (U+001B), which cannot be shown on a page: "
              "remove it",
              "4:12: error: 'sources' holds a control character (U+0007), which cannot be shown on a page: remove "
              "it"});
  }
}
