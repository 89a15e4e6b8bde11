#include <doctest/doctest.h>

#include "contacts/contact_ids.h"
#include "contacts/contacts.h"
#include "contacts/contacts_csv.h"
#include "contacts/import.h"
#include "contacts_fixture.h"
#include "core/i18n.h"
#include "helpers.h"

using namespace mamori;
using mamori::testing::formatted;
using mamori::testing::kContactTable;
using mamori::testing::read_bytes;
using mamori::testing::TempDir;

namespace {

// The fixture table with its ids, as `mamori contacts import` writes it.
std::string canonical_table() {
  std::vector<Diagnostic> out;
  return contacts_to_toml(parse_contacts(kContactTable, out));
}

}  // namespace

TEST_SUITE("contact_ids") {
  TEST_CASE("an id is lowercase letters, digits and '-'; a wrong one is named with a suggestion") {
    CHECK(contact_id_problem("aichi-police").empty());
    CHECK(contact_id_problem("ipa-2").empty());
    CHECK(contact_id_problem("Aichi Police") ==
          "id 'Aichi Police' may hold only lowercase letters a-z, digits and '-' (at most 64, not starting with "
          "'-'), like 'aichi-police'");
    CHECK(contact_id_problem("-x") ==
          "id '-x' may hold only lowercase letters a-z, digits and '-' (at most 64, not starting with '-'), like 'x'");
    CHECK(contact_id_problem("愛知県警") ==
          "id '愛知県警' may hold only lowercase letters a-z, digits and '-' (at most 64, not starting with '-')");
    CHECK_FALSE(contact_id_problem(std::string(65, 'a')).empty());
  }

  TEST_CASE("contacts.toml: a missing, malformed or repeated id is an error at its position") {
    std::vector<Diagnostic> out;
    const ContactTable table = parse_contacts(
        "reviewed = 2025-05-01\n"
        "[[contact]]\n"
        "group = \"g\"\n"
        "topic = \"a\"\n"
        "organization = \"o\"\n"
        "phone = \"03-1234-5678\"\n"
        "[[contact]]\n"
        "id = \"Aichi_Police\"\n"
        "group = \"g\"\n"
        "topic = \"b\"\n"
        "organization = \"o\"\n"
        "phone = \"03-1234-5678\"\n"
        "[[contact]]\n"
        "id = \"ipa\"\n"
        "group = \"g\"\n"
        "topic = \"c\"\n"
        "organization = \"o\"\n"
        "phone = \"03-1234-5678\"\n"
        "[[contact]]\n"
        "group = \"g\"\n"
        "topic = \"d\"\n"
        "organization = \"o\"\n"
        "phone = \"03-1234-5678\"\n"
        "id = \"ipa\"\n",
        out);
    CHECK(formatted(out) ==
          std::vector<std::string>{
              "8:6: error: id 'Aichi_Police' may hold only lowercase letters a-z, digits and '-' (at most 64, not "
              "starting with '-'), like 'aichi-police'",
              "3:1: error: missing id: every contact needs a stable id that pages refer to, like id = \"aichi-police\" "
              "(lowercase letters, digits and '-')",
              "24:6: error: id 'ipa' is already used at line 14: every contact needs an id of its own"});
    REQUIRE(table.contacts.size() == 4);
    CHECK(find_contact(table, "ipa") == &table.contacts[2]);
    CHECK(find_contact(table, "nobody") == nullptr);
    CHECK(contact_ids(table) == std::vector<std::string>{"Aichi_Police", "ipa", "ipa"});
  }

  TEST_CASE("export writes the ID column first, and import keeps the ids it reads") {
    std::vector<Diagnostic> out;
    const ContactTable table = parse_contacts(kContactTable, out);
    const std::string csv = contacts_to_csv(table);
    CHECK(csv.find("\r\naichi-general,県内の窓口,経済安全保障全般,") != std::string::npos);
    const ContactTable back = contacts_from_csv(csv, out);
    CHECK(formatted(out).empty());
    REQUIRE(back.contacts.size() == 2);
    CHECK(back.contacts[0].id == "aichi-general");
    CHECK(back.contacts[1].id == "chubu-psia");
  }

  TEST_CASE("import of a CSV without the ID column keeps the ids of the entries it matches") {
    TempDir dir;
    const std::string original = canonical_table();
    dir.write("content/contacts.toml", original);
    dir.write("old.csv",
              "最終確認日,2025-05-01\n"
              "区分,相談内容,相談先,URL,電話番号,備考\n"
              "県内の窓口,経済安全保障に関するご相談,中部公安調査局,https://www.moj.go.jp/psia/"
              "kouan_mail_keizaianpo.html,,左記URLよりお問い合わせください\n"
              "県内の窓口,経済安全保障全般,愛知県 経済産業局,https://www.pref.aichi.jp/soshiki/san-kagi/,"
              "052-954-6371,\n");
    const ImportResult result = import_contacts(dir.path(), dir.path() / "old.csv", false);
    CHECK(formatted(result.diagnostics.items()).empty());
    CHECK(result.written);
    CHECK(result.changes ==
          std::vector<std::string>{
              "changed: 愛知県 経済産業局（経済安全保障全般） 電話番号 '052-954-6370' → '052-954-6371'"});
    const std::string written = read_bytes(dir.path() / "content/contacts.toml");
    CHECK(written.find("id = \"chubu-psia\"\ngroup = \"県内の窓口\"\ntopic = \"経済安全保障に関するご相談\"") !=
          std::string::npos);
    CHECK(written.find("id = \"aichi-general\"\ngroup = \"県内の窓口\"\ntopic = \"経済安全保障全般\"") !=
          std::string::npos);
  }

  TEST_CASE("import refuses rows whose id it cannot tell, naming the row, and writes nothing") {
    TempDir dir;
    const std::string original = canonical_table();
    dir.write("content/contacts.toml", original);
    dir.write("new.csv",
              "最終確認日,2025-05-01\n"
              "ID,区分,相談内容,相談先,電話番号\n"
              ",県内の窓口,経済安全保障全般,愛知県 経済産業局,052-954-6370\n"
              ",国の窓口,サイバー,IPA,03-5978-7509\n"
              "ipa,国の窓口,サイバー2,IPA,03-5978-7509\n"
              "ipa,国の窓口,サイバー3,IPA,03-5978-7509\n"
              "IPA x,国の窓口,サイバー4,IPA,03-5978-7509\n");
    const ImportResult result = import_contacts(dir.path(), dir.path() / "new.csv", false);
    CHECK_FALSE(result.written);
    CHECK(formatted(result.diagnostics.items()) ==
          std::vector<std::string>{(dir.path() / "new.csv").string() +
                                   ":7:1: error: column A (ID): id 'IPA x' may hold only lowercase letters a-z, digits "
                                   "and '-' (at most 64, not "
                                   "starting with '-'), like 'ipa-x'"});
    dir.write("new.csv",
              "最終確認日,2025-05-01\n"
              "ID,区分,相談内容,相談先,電話番号\n"
              ",県内の窓口,経済安全保障全般,愛知県 経済産業局,052-954-6370\n"
              ",国の窓口,サイバー,IPA,03-5978-7509\n"
              "ipa,国の窓口,サイバー2,IPA,03-5978-7509\n"
              "ipa,国の窓口,サイバー3,IPA,03-5978-7509\n"
              ",県内の窓口,経済安全保障に関するご相談,中部公安調査局 総務課,052-954-6370\n");
    const ImportResult again = import_contacts(dir.path(), dir.path() / "new.csv", false);
    CHECK_FALSE(again.written);
    CHECK(formatted(again.diagnostics.items()) ==
          std::vector<std::string>{
              (dir.path() / "new.csv").string() +
                  ":4:1: error: row 4 ('サイバー' at 'IPA') has no ID, and content/contacts.toml has no entry with "
                  "the same 相談先 and 相談内容 to keep it from: write the contact's ID in the ID column (a new "
                  "contact: choose one, like aichi-police)",
              (dir.path() / "new.csv").string() +
                  ":7:1: error: row 7 ('経済安全保障に関するご相談' at '中部公安調査局 総務課') has no ID, and "
                  "content/contacts.toml has no entry with the same 相談先 and 相談内容 to keep it from: write the "
                  "contact's ID in the ID column (did you mean 'chubu-psia', the id of "
                  "中部公安調査局（経済安全保障に関するご相談）?)",
              (dir.path() / "new.csv").string() +
                  ":6:1: error: id 'ipa' is already used at row 5: every contact needs an id of its own"});
    CHECK(read_bytes(dir.path() / "content/contacts.toml") == original);
  }

  TEST_CASE("an id changed in the CSV file is listed among the changes") {
    std::vector<Diagnostic> out;
    const ContactTable before = parse_contacts(kContactTable, out);
    ContactTable after = before;
    after.contacts[1].id = "chubu-koan";
    CHECK(describe_changes(before, after) ==
          std::vector<std::string>{
              "changed: 中部公安調査局（経済安全保障に関するご相談） ID 'chubu-psia' → 'chubu-koan'"});
  }
}
