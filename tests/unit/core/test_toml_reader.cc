#include <doctest/doctest.h>

#include "contacts/contacts.h"
#include "core/toml_reader.h"
#include "helpers.h"
#include "quiz/quiz.h"
#include "site/config.h"
#include "site/page_meta.h"

using namespace mamori;
using mamori::testing::formatted;
using mamori::testing::repeat;

namespace {

// "a.a.a…a = 1" with `parts` keys.
std::string dotted(size_t parts) {
  return "a" + repeat(".a", parts - 1) + " = 1\n";
}

std::vector<std::string> parse_problems(std::string_view text, int line_offset = 0) {
  std::vector<Diagnostic> out;
  CHECK_FALSE(parse_toml(text, line_offset, out).has_value());
  return formatted(out);
}

const std::string kTooDeep =
    "error: TOML nested too deeply: more than 32 levels of tables, dotted keys and lists inside each other; "
    "flatten the structure";

}  // namespace

TEST_SUITE("toml reader") {
  TEST_CASE("nesting up to the limit is read; one more level is refused where it starts") {
    std::vector<Diagnostic> out;
    CHECK(parse_toml(dotted(32), 0, out).has_value());
    CHECK(out.empty());
    // Part 33 starts at column 1 + 32 * 2.
    CHECK(parse_problems(dotted(33)) == std::vector<std::string>{"1:65: " + kTooDeep});
  }

  TEST_CASE("50,000 dotted keys, lists or inline tables are an error, not a crash") {
    CHECK(parse_problems("title = \"x\"\n" + dotted(50000), 1) == std::vector<std::string>{"3:65: " + kTooDeep});
    CHECK(parse_problems("a = " + repeat("[", 50000)) == std::vector<std::string>{"1:36: " + kTooDeep});
    CHECK(parse_problems("a = " + repeat("{b = ", 50000)) == std::vector<std::string>{"1:161: " + kTooDeep});
    CHECK(parse_problems("[" + repeat("a.", 50000) + "a]\n") == std::vector<std::string>{"1:66: " + kTooDeep});
    // A header cannot nest: toml++ stops at the third '['.
    CHECK(parse_problems(repeat("[", 50000)) ==
          std::vector<std::string>{
              "1:3: error: invalid TOML: key: expected bare key starting character or string delimiter, saw '['"});
  }

  TEST_CASE("levels add up across headers, dotted keys, lists and inline tables") {
    // [[t]] is 2 levels (the list and its table); each further part, list or table is one more.
    const std::string header = "[[" + repeat("t.", 9) + "t]]\n";  // 11 levels
    std::vector<Diagnostic> out;
    CHECK(parse_toml(header + "x.y = [{z = [" + repeat("[", 16) + "1" + repeat("]", 17) + "}]\n", 0, out));
    CHECK(formatted(out).empty());
    CHECK(parse_problems(header + "x.y = [{z = [" + repeat("[", 17) + "1" + repeat("]", 18) + "}]\n") ==
          std::vector<std::string>{"2:30: " + kTooDeep});
  }

  TEST_CASE("brackets, dots and braces in strings and comments do not count") {
    const std::string deep = repeat("[", 40) + repeat("{", 40) + repeat("a.", 40);
    const std::string text = "a = \"" + deep + "\\\"" + deep + "\"\n" +                 // basic string with an escape
                             "b = '" + deep + "'\n" +                                   // literal string
                             "c = \"\"\"\n" + deep + "\n\"\" " + deep + "\"\"\"\"\n" +  // multi-line, quotes inside
                             "d = '''\n" + deep + "\n'''\n" +                           // multi-line literal
                             "# " + deep + "\n" +                                       // comment
                             "e = [ # " + deep + "\n  1, # " + deep + "\n]\n" +         // comments in a list
                             "\"" + deep + "\".'" + deep + "' = 1\n" +                  // quoted keys
                             "f = 1979-05-27 07:32:00.999\n" +  // a date-time with a space and a dot
                             "g = { h = 1.5, i = [] }\n";
    std::vector<Diagnostic> out;
    CHECK(parse_toml(text, 0, out).has_value());
    CHECK(formatted(out).empty());
    CHECK_FALSE(check_toml_nesting(text, 3).has_value());
  }

  TEST_CASE("the pre-scan never hangs or reads past the end on broken TOML") {
    for (const std::string text : {"a = \"", "a = '''", "a = \"\"\"x\\", "[", "[[", "a.", "a = [", "a = {", "a = {b",
                                   "= = =", "]]]]", "}}}", "a = [1,}", "a = {]", "\"", "a = [ #", "a = 1 2 3 ["}) {
      CAPTURE(text);
      CHECK_FALSE(check_toml_nesting(text).has_value());
    }
    CHECK_FALSE(check_toml_nesting("a = {" + repeat("]", 100) + repeat("[", 40)).has_value());
    CHECK(check_toml_nesting("a = [" + repeat("}", 100) + repeat("[", 40)).has_value());
  }

  TEST_CASE("every TOML reader goes through the nesting check") {
    const std::string deep = dotted(50000);
    std::vector<Diagnostic> out;
    parse_config(deep, out);
    CHECK(formatted(out) == std::vector<std::string>{"1:65: " + kTooDeep});
    out.clear();
    parse_page_meta("title = \"x\"\n" + deep, 2, out);
    CHECK(formatted(out) == std::vector<std::string>{"3:65: " + kTooDeep});
    out.clear();
    parse_contacts(deep, out);
    CHECK(formatted(out) == std::vector<std::string>{"1:65: " + kTooDeep});
    out.clear();
    parse_quiz("q", deep, out);
    CHECK(formatted(out) == std::vector<std::string>{"1:65: " + kTooDeep});
  }

  TEST_CASE("strings with control characters are refused at the value") {
    std::vector<Diagnostic> out;
    const auto table = parse_toml(
        "a = \"x\\u0000y\"\nb = \"\\u001b[31m\"\nc = \"\\u007F\"\nd = \"\\u0085\"\nok = \"tab\\tnew\\nline\\r\"\n"
        "list = [\"fine\", \"\\u0007\"]\n",
        0, out);
    REQUIRE(table.has_value());
    TomlReader reader(*table, 0, out);
    CHECK_FALSE(reader.string("a").has_value());
    CHECK_FALSE(reader.string("b").has_value());
    CHECK_FALSE(reader.string("c").has_value());
    CHECK_FALSE(reader.string("d").has_value());
    CHECK(reader.string("ok").has_value());
    const auto list = reader.string_list("list");  // the bad item is left out, the others kept
    REQUIRE(list.has_value());
    REQUIRE(list->size() == 1);
    CHECK(list->front().value == "fine");
    CHECK(formatted(out) ==
          std::vector<std::string>{
              "1:5: error: 'a' holds a control character (U+0000), which cannot be shown on a page: remove it",
              "2:5: error: 'b' holds a control character (U+001B), which cannot be shown on a page: remove it",
              "3:5: error: 'c' holds a control character (U+007F), which cannot be shown on a page: remove it",
              "4:5: error: 'd' holds a control character (U+0085), which cannot be shown on a page: remove it",
              "6:17: error: 'list' holds a control character (U+0007), which cannot be shown on a page: remove it"});
  }
}
