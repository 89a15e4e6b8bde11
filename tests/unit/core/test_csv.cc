#include <doctest/doctest.h>

#include "core/csv.h"
#include "helpers.h"

using namespace mamori;
using mamori::testing::formatted;

namespace {
std::vector<std::vector<std::string>> rows(std::string_view text) {
  std::vector<Diagnostic> out;
  std::vector<std::vector<std::string>> result;
  for (auto& record : parse_csv(text, out)) result.push_back(record.fields);
  REQUIRE(out.empty());
  return result;
}
}  // namespace

TEST_SUITE("csv") {
  TEST_CASE("quoted fields hold commas, quotes and line breaks") {
    CHECK(rows("a,\"b,c\",\"say \"\"hi\"\"\"\r\n\"two\nlines\",x,\r\n") ==
          std::vector<std::vector<std::string>>{{"a", "b,c", "say \"hi\""}, {"two\nlines", "x", ""}});
  }

  TEST_CASE("LF, CRLF and a missing final line break") {
    CHECK(rows("a,b\nc,d") == std::vector<std::vector<std::string>>{{"a", "b"}, {"c", "d"}});
    CHECK(rows("a,b\r\nc,d\r\n\r\n") == std::vector<std::vector<std::string>>{{"a", "b"}, {"c", "d"}});
  }

  TEST_CASE("records are numbered as Excel numbers rows, lines as an editor does") {
    std::vector<Diagnostic> out;
    const auto records = parse_csv("h\n\"x\ny\"\nz\n", out);
    REQUIRE(records.size() == 3);
    CHECK(records[2].number == 3);
    CHECK(records[2].line == 4);
  }

  TEST_CASE("an unclosed quote is reported where its field starts") {
    std::vector<Diagnostic> out;
    const auto records = parse_csv("a,b\nc,\"d\ne\n", out);
    CHECK(records.size() == 1);
    CHECK(formatted(out) ==
          std::vector<std::string>{"2:3: error: a quoted field is never closed: add the missing '\"'"});
    out.clear();
    parse_csv("\"複数\n行\",相談\"窓口\",\"x\n", out);  // columns count characters, from the quote's own line
    CHECK(formatted(out) ==
          std::vector<std::string>{"2:11: error: a quoted field is never closed: add the missing '\"'"});
  }

  TEST_CASE("writing quotes only what needs it and ends records with CRLF") {
    CHECK(csv_record({"a", "b,c", "d\"e", "f\ng", ""}) == "a,\"b,c\",\"d\"\"e\",\"f\ng\",\r\n");
    const std::string text = csv_record({"x", "y,z", "複数\n行"});
    CHECK(rows(text) == std::vector<std::vector<std::string>>{{"x", "y,z", "複数\n行"}});
  }
}
