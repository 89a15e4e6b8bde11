#include <doctest/doctest.h>

#include <string>

#include "helpers.h"
#include "site/markdown.h"
#include "site/markdown_limits.h"

using namespace mamori;
using mamori::testing::formatted;
using mamori::testing::repeat;

namespace {

std::string problem(std::string_view body) {
  const auto d = check_markdown_limits(body);
  return d ? format_diagnostic(*d) : std::string("(none)");
}

class NoLinks final : public LinkResolver {
 public:
  Result<ResolvedLink> resolve(std::string_view, bool, int, int) const override {
    return ResolvedLink{"x.html", std::nullopt};
  }
};

// "|a|a|…|\n|-|-|…|\n" with `columns` columns, then `rows` rows of "|x|x|…|".
std::string table(size_t columns, size_t rows) {
  return repeat("|a", columns) + "|\n" + repeat("|-", columns) + "|\n" + repeat(repeat("|x", columns) + "|\n", rows);
}

}  // namespace

TEST_SUITE("markdown limits") {
  TEST_CASE("render_markdown refuses a page over a limit before parsing, at the file position") {
    static const NoLinks resolver;
    const auto r = render_markdown("段落\n\n" + repeat("![[]()", 50000), 5, resolver, ReservedIds{});
    CHECK(r.html.empty());
    CHECK(
        formatted(r.diagnostics) ==
        std::vector<std::string>{
            "7:26830: error: "
            "too many images and links in long paragraphs (each '](' counts the '![' before it in its paragraph: more "
            "than 10000000 in all); split the paragraphs"});
  }

  TEST_CASE("tables: at most 100 columns, 100 cells in a row, 50,000 cells on the page") {
    CHECK(problem(table(100, 3)) == "(none)");
    CHECK(problem("前の段落\n\n" + table(101, 3)) ==
          "4:1: error: a table may have at most 100 columns, this one has 101");
    CHECK(problem(table(5000, 100)) == "2:1: error: a table may have at most 100 columns, this one has 5000");
    CHECK(problem("|a|b|\n|-|-|\n|x|y|\n" + repeat("|x", 200) + "|\n") ==
          "4:1: error: a table row may have at most 100 cells, this one has 200");
    // Short rows are padded to the header's width, so they count as wide as the table.
    CHECK(problem(table(100, 498)) == "(none)");
    CHECK(problem(table(100, 498) + "x\n") ==
          "501:1: error: the page's tables have more than 50000 cells; split them over several pages");
    // Escaped pipes are text; a blank line ends the table.
    CHECK(problem("|a|b|\n|-|-|\n" + repeat("\\|", 300) + "\n\n" + repeat("|", 300) + "\n") == "(none)");
  }

  TEST_CASE("images inside unclosed brackets: the cost of each link is bounded per paragraph") {
    CHECK(problem(repeat("![a](b.png) ", 4000)) == "(none)");  // 8 million
    CHECK(problem(repeat("[", 50000) + repeat("](", 20000)) == "(none)");
    // Blank lines start a new paragraph: 10 × (1 + … + 1400) is under the limit, one paragraph of 14,000 is not.
    CHECK(problem(repeat(repeat("![[]()", 1400) + "\n\n", 10)) == "(none)");
    CHECK(problem(repeat("![[]()", 14000)) != "(none)");
    CHECK(problem(repeat("![[]()", 5000)) ==
          "1:26830: error: "
          "too many images and links in long paragraphs (each '](' counts the '![' before it in its paragraph: more "
          "than 10000000 in all); split the paragraphs");
    // A lone CR ends a line for cmark-gfm, and so for the position.
    CHECK(problem("一行目\r二行目\r\n\r" + repeat("![[]()", 5000) + "\r最後\r") ==
          "4:26830: error: "
          "too many images and links in long paragraphs (each '](' counts the '![' before it in its paragraph: more "
          "than 10000000 in all); split the paragraphs");
  }

  TEST_CASE("long words full of 'www.', ':' or '@' are refused") {
    CHECK(problem(repeat("www.example.jp/a ", 20000)) == "(none)");
    CHECK(problem("本文 " + repeat("www._", 20000)) ==
          "1:4: error: too much text without spaces that looks like web or e-mail addresses ('www.', ':' or '@' "
          "over and over): add spaces or split the page");
  }

  TEST_CASE("at most 5,000 '@', 100,000 markup characters, 100,000 lines, 8 MiB") {
    CHECK(problem(repeat("x@y.jp ", 5000)) == "(none)");
    CHECK(problem(repeat("x@y.jp ", 5001)) ==
          "1:35002: error: the page has more than 5000 '@' characters (each may start an e-mail address); split "
          "it into several pages");
    CHECK(problem(repeat("- ", 100000)) == "(none)");
    CHECK(problem(repeat("- ", 100001)) ==
          "1:200001: error: the page has more than 100000 Markdown markup characters ([ ] ( ) ! < > * _ ~ ` | \\ & @ "
          "- + .); split it into several pages");
    CHECK(problem(repeat("a\n", 100000)) == "(none)");
    CHECK(problem(repeat("a\r", 100001)) ==
          "100001:1: error: the page has more than 100000 lines; split it into several pages");
    CHECK(problem(repeat("a\r\n", 100001)) ==
          "100001:1: error: the page has more than 100000 lines; split it into several pages");
    CHECK(problem(std::string(size_t{8} << 20, 'a')) == "(none)");
    CHECK(problem(std::string((size_t{8} << 20) + 1, 'a')) ==
          "1:1: error: the page is too long: 8388609 bytes, at most 8388608; split it into several pages");
  }

  TEST_CASE("inputs that are merely deep or long stay within the limits") {
    CHECK(problem(repeat(">", 50000) + " 深い\n") == "(none)");
    CHECK(problem(repeat("*a **b ", 30000)) == "(none)");
    CHECK(problem(repeat("[x](#no) ", 20000)) == "(none)");
    CHECK(problem(repeat("あ", 5 * 1024 * 1024 / 3)) == "(none)");
  }
}
