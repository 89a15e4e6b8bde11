#include <doctest/doctest.h>

#include "core/encoding.h"
#include "helpers.h"
#include "results/roster.h"

using namespace mamori;
using mamori::testing::formatted;

TEST_SUITE("results: roster") {
  TEST_CASE("Japanese headers, any column order, extra columns ignored") {
    std::vector<Diagnostic> out;
    const auto roster = parse_roster(
        "\xEF\xBB\xBF所属,氏名,内線,社員番号\r\n総務部,山田　太郎,123,E0042\r\n製造部,佐藤 花子,,E0043\r\n", out);
    CHECK(out.empty());
    REQUIRE(roster.size() == 2);
    CHECK(roster[0].employee_id == "E0042");
    CHECK(roster[0].name == "山田　太郎");
    CHECK(roster[0].department == "総務部");
    CHECK(roster[0].line == 2);
    CHECK(roster[1].name == "佐藤 花子");
  }

  TEST_CASE("English headers and CP932 from Excel") {
    const auto sjis = encode_cp932("name,department\n鈴木 一郎,営業部\n");
    REQUIRE(sjis.has_value());
    std::vector<Diagnostic> out;
    const auto roster = parse_roster(*sjis, out);
    CHECK(out.empty());
    REQUIRE(roster.size() == 1);
    CHECK(roster[0].name == "鈴木 一郎");
    CHECK(roster[0].employee_id.empty());
  }

  TEST_CASE("problems are positioned and the other rows kept") {
    std::vector<Diagnostic> out;
    const auto roster = parse_roster("社員番号,氏名,所蔵\nE1,A\n,,\n,\nE1,B\n E2 ,C\n", out);
    REQUIRE(roster.size() == 2);
    CHECK(roster[1].employee_id == "E2");
    CHECK(formatted(out) == std::vector<std::string>{
                                "1:3: warning: column '所蔵' is ignored; did you mean '所属'?",
                                "5: error: 社員番号 'E1' is on the roster twice",
                            });
  }

  TEST_CASE("a roster without a name or id column, or not text, is refused") {
    std::vector<Diagnostic> out;
    CHECK(parse_roster("所属,内線\n総務部,1\n", out).empty());
    CHECK(formatted(out) ==
          std::vector<std::string>{"1: error: the first row must name the columns: 社員番号 and/or 氏名 (and 所属)"});
    out.clear();
    CHECK(parse_roster("\x81\xFF\xFF", out).empty());
    REQUIRE(out.size() == 1);
  }

  TEST_CASE("name_key: width, case and spaces do not matter") {
    CHECK(name_key("山田　太郎") == name_key("山田太郎"));
    CHECK(name_key(" 山田 太郎 ") == name_key("山田太郎"));
    CHECK(name_key("ＹＡＭＡＤＡ Taro") == name_key("yamadataro"));
    CHECK(name_key("ﾔﾏﾀﾞ") == name_key("ヤマダ"));
    CHECK(name_key("山田") != name_key("山本"));
  }

  TEST_CASE("name_key: characters that show nothing do not tell names apart") {
    CHECK(name_key("山田\u200B太郎") == name_key("山田太郎"));
    CHECK(name_key("\u202E山田\u200E太\u00AD郎\uFEFF") == name_key("山田 太郎"));
    CHECK(name_key("葛\U000E0100西") == name_key("葛西"));  // a variation selector picks a glyph only
    CHECK(has_invisible_characters("山田\u200B太郎"));
    CHECK(has_invisible_characters("\u00AD"));
    CHECK_FALSE(has_invisible_characters("葛\U000E0100西"));
    CHECK_FALSE(has_invisible_characters("山田　太郎"));
  }

  TEST_CASE("employee_id_key: width and case; leading zeros of an all-digit id, as Excel drops them") {
    CHECK(employee_id_key("0042") == employee_id_key("42"));
    CHECK(employee_id_key("０４２") == "42");
    CHECK(employee_id_key("e0042") == employee_id_key("E0042"));
    CHECK(employee_id_key("E0042") != employee_id_key("E42"));
    CHECK(employee_id_key("000") == "0");
    CHECK(employee_id_key("4\u200B2") == "42");
  }
}
