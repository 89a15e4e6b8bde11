// The hints an editor gets from the contacts import and export (issue 16): an Excel
// workbook instead of CSV, full-width e-mail addresses, a 最終確認日 in the future, and a
// command run outside the project folder.
#include <doctest/doctest.h>

#include <clocale>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

#include "contacts/contacts.h"
#include "contacts/contacts_csv.h"
#include "contacts/export.h"
#include "contacts/import.h"
#include "contacts_fixture.h"
#include "core/i18n.h"
#include "helpers.h"
#include "i18n_guard.h"

using namespace mamori;
using mamori::testing::formatted;
using mamori::testing::kContactTable;
using mamori::testing::read_bytes;
using mamori::testing::TempDir;

namespace {

const std::string kXlsxHint =
    "error: this is an Excel workbook (.xlsx or .xls), not a CSV file: in Excel, choose File → Save As → CSV UTF-8 "
    "(Comma delimited), then import that file";

const std::string kHeader = "区分,相談内容,相談先,電話番号,メール\n";

}  // namespace

TEST_SUITE("contacts_editor_hints") {
  TEST_CASE("an Excel workbook gets one error saying how to save it as CSV, told by its bytes") {
    const std::string xlsx("PK\x03\x04\x14\x00\x06\x00[Content_Types].xml", 27);
    const std::string xls("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\x00\x00", 10);
    for (const std::string& bytes : {xlsx, xls}) {
      std::vector<Diagnostic> out;
      contacts_from_csv(bytes, out);
      CHECK(formatted(out) == std::vector<std::string>{kXlsxHint});
    }
    CHECK(is_spreadsheet_workbook(xlsx));
    CHECK(is_spreadsheet_workbook(xls));
    CHECK_FALSE(is_spreadsheet_workbook("最終確認日,2025-05-01\n"));
    CHECK_FALSE(is_spreadsheet_workbook("PK,a\n"));  // text that starts with PK is still CSV
  }

  TEST_CASE("a zip named .csv is refused as a workbook by the import, and nothing changes") {
    TempDir dir;
    dir.write("content/contacts.toml", kContactTable);
    dir.write("相談先.csv", std::string("PK\x03\x04rest of a zip", 17));
    const ImportResult result = import_contacts(dir.path(), dir.path() / "相談先.csv", false);
    CHECK_FALSE(result.written);
    CHECK(formatted(result.diagnostics) ==
          std::vector<std::string>{(dir.path() / "相談先.csv").string() + ": " + kXlsxHint});
    CHECK(read_bytes(dir.path() / "content/contacts.toml") == kContactTable);
  }

  TEST_CASE("full-width e-mail addresses are stored as ASCII; one still invalid keeps its error") {
    std::vector<Diagnostic> out;
    const ContactTable table = contacts_from_csv(
        "最終確認日,2025-05-01\n" + kHeader + "県内,a,b,052-954-6370,ｓｏｕｄａｎ＿１＠ｅｘａｍｐｌｅ．ｃｏ．ｊｐ\n" +
            "県内,c,d,052-954-6370,info－desk＠example.jp\n" + "県内,e,f,052-954-6370,相談＠窓口\n",
        out);
    REQUIRE(table.contacts.size() == 3);
    CHECK(table.contacts[0].email == "soudan_1@example.co.jp");
    CHECK(table.contacts[1].email == "info-desk@example.jp");
    CHECK(formatted(out) ==
          std::vector<std::string>{"5:5: error: column E (メール): email '相談@窓口' is not an e-mail address"});
    std::vector<Diagnostic> toml_out;
    const ContactTable from_toml = parse_contacts(
        "reviewed = 2025-05-01\n[[contact]]\nid = \"a\"\ngroup = \"g\"\ntopic = \"t\"\norganization = \"o\"\n"
        "phone = \"052-954-6370\"\nemail = \"ａ＠ｂ．ｊｐ\"\n",
        toml_out);
    CHECK(toml_out.empty());
    CHECK(from_toml.contacts.at(0).email == "a@b.jp");
  }

  TEST_CASE("a 最終確認日 in the future is refused, with today's date; tomorrow is allowed") {
    TempDir dir;
    dir.write("content/contacts.toml", kContactTable);
    std::vector<Diagnostic> ignored;
    std::string csv = contacts_to_csv(parse_contacts(kContactTable, ignored));
    const FixedClock clock(Date{2026, 12, 31});
    const auto with_date = [&](const std::string& date) {
      std::string text = csv;
      text.replace(text.find("2025-05-01"), 10, date);
      dir.write("a.csv", text);
      return import_contacts(dir.path(), dir.path() / "a.csv", true, &clock);
    };
    CHECK(formatted(with_date("2027-01-02").diagnostics) ==
          std::vector<std::string>{(dir.path() / "a.csv").string() +
                                   ":1:2: error: 最終確認日 (reviewed) 2027-01-02 is in the future: today is "
                                   "2026-12-31; write the date the table was last checked"});
    // An editor in JST may be a day ahead of a machine on UTC.
    CHECK_FALSE(with_date("2027-01-01").diagnostics.has_errors());
    CHECK_FALSE(with_date("2026-12-31").diagnostics.has_errors());

    const ContactTable table = parse_contacts(kContactTable, ignored);
    CHECK_FALSE(reviewed_in_future(table, Date{2025, 4, 30}));
    const auto future = reviewed_in_future(table, Date{2025, 4, 29});
    REQUIRE(future);
    CHECK(format_diagnostic(*future) ==
          "1:12: error: 最終確認日 (reviewed) 2025-05-01 is in the future: today is 2025-04-29; write the date the "
          "table was last checked");
  }

  TEST_CASE("export and import outside a project name the folder they looked in") {
    TempDir dir;
    const std::string expected = "no content/contacts.toml in " + dir.path().string() +
                                 ": run mamori in the project folder (the one holding mamori.toml) or pass --root DIR";
    const auto exported = export_contacts(dir.path(), dir.path() / "a.csv");
    REQUIRE_FALSE(exported.has_value());
    CHECK(exported.error().message == expected);
    dir.write("a.csv", "最終確認日,2025-05-01\n" + kHeader);
    const ImportResult imported = import_contacts(dir.path(), dir.path() / "a.csv", false);
    CHECK(imported.diagnostics.empty());
    CHECK(imported.environment_error == expected);
    CHECK_FALSE(std::filesystem::exists(dir.path() / "content"));
    CHECK(missing_table_message(dir.path() / "sub" / "..") == expected);
  }

  // Found by a user test: a line break typed with Alt+Enter was called an invisible character.
  TEST_CASE("a line break in a cell is named as such, in English and Japanese") {
    const std::string csv = "最終確認日,2025-05-01\n" + kHeader + "県内,a,b,052-954-6370,\"x@example.jp\"\n" +
                            "県内,\"c\nc\",d,052-954-6370,y@example.jp\n";
    std::vector<Diagnostic> out;
    contacts_from_csv(csv, out);
    CHECK(formatted(out) == std::vector<std::string>{"4:2: error: column B (相談内容): 相談内容 (topic) holds a line "
                                                     "break (Alt+Enter in Excel): write it on one line"});
    const JapaneseMessages ja;
    out.clear();
    contacts_from_csv(csv, out);
    CHECK(formatted(out) ==
          std::vector<std::string>{"4:2: error: B列（相談内容）: 相談内容（topic）に改行があります（Excel の "
                                   "Alt+Enter）。1行で書いてください"});
  }

  TEST_CASE("the workbook hint and the future date read in Japanese") {
    const JapaneseMessages ja;
    std::vector<Diagnostic> out;
    contacts_from_csv(std::string("PK\x03\x04", 4), out);
    REQUIRE(out.size() == 1);
    CHECK(out[0].message ==
          "このファイルは CSV ではなく、Excel のブック（.xlsx・.xls）です。Excel で「ファイル → 名前を付けて保存 → "
          "CSV UTF-8（コンマ区切り）」を選んで保存し、そのファイルを取り込んでください。");
    std::vector<Diagnostic> ignored;
    const auto future = reviewed_in_future(parse_contacts(kContactTable, ignored), Date{2025, 4, 1});
    REQUIRE(future);
    CHECK(future->message ==
          "最終確認日（reviewed）の 2025-05-01 は未来の日付です。今日は 2025-04-01 です。表を最後に確かめた日を"
          "書いてください。");
  }
}
