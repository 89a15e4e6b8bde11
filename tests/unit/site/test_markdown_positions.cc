#include <doctest/doctest.h>

#include "site/markdown_positions.h"

using namespace mamori;

TEST_SUITE("markdown positions") {
  TEST_CASE("body lines and byte columns become file lines and code point columns") {
    const Positions positions("一行目\nab[x](y)\n", 5);
    CHECK(positions.line_text(1) == "一行目");
    CHECK(positions.line_text(2) == "ab[x](y)");
    CHECK(positions.line_text(3).empty());
    CHECK(positions.line_text(0).empty());
    CHECK(positions.file_line(2) == 6);
    CHECK(positions.column(1, 4) == 2);  // byte 4 starts the second character
    CHECK(positions.column(1, 7) == 3);
    CHECK(positions.column(1, 1) == 1);  // an earlier byte counts again from the start
    CHECK(positions.column(2, 3) == 3);
  }

  TEST_CASE("LF, CRLF and a lone CR each end a line, as cmark-gfm counts them") {
    const Positions positions("a\rbar [x](y)\r\nc\nd\r", 1);
    CHECK(positions.line_text(1) == "a");
    CHECK(positions.line_text(2) == "bar [x](y)");
    CHECK(positions.line_text(3) == "c");
    CHECK(positions.line_text(4) == "d");
    CHECK(positions.line_text(5).empty());
    CHECK(positions.column(2, 5) == 5);
    CHECK(positions.find("[x]", 1, 1, 4) == std::pair{2, 5});
  }

  TEST_CASE("text is found from a line and column on, within a range of lines") {
    const Positions positions("x@y.jp x@y.jp\n\nx@y.jp\n", 1);
    CHECK(positions.find("x@y.jp", 1, 1, 3) == std::pair{1, 1});
    CHECK(positions.find("x@y.jp", 1, 2, 3) == std::pair{1, 8});
    CHECK(positions.find("x@y.jp", 1, 9, 3) == std::pair{3, 1});
    CHECK(positions.find("x@y.jp", 1, 9, 2) == std::pair{0, 0});
  }
}
