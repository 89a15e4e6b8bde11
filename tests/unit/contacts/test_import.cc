#include <doctest/doctest.h>

#include <filesystem>
#include <utility>

#include "contacts/contacts.h"
#include "contacts/contacts_csv.h"
#include "contacts/import.h"
#include "contacts_fixture.h"
#include "helpers.h"

using namespace mamori;
using mamori::testing::formatted;
using mamori::testing::kContactTable;
using mamori::testing::read_bytes;
using mamori::testing::TempDir;

TEST_SUITE("contacts_import") {
  TEST_CASE("import replaces contacts.toml only when every row is valid, keeping a backup") {
    TempDir dir;
    std::vector<Diagnostic> out;
    const std::string original = contacts_to_toml(parse_contacts(kContactTable, out));
    dir.write("content/contacts.toml", original);
    dir.write("bad.csv", "最終確認日,2026-01-01\n区分,相談内容,相談先,電話番号\n県内,x,y,12\n");
    ImportResult bad = import_contacts(dir.path(), dir.path() / "bad.csv", false);
    CHECK_FALSE(bad.written);
    REQUIRE(bad.diagnostics.items().size() == 1);
    CHECK(bad.diagnostics.items()[0].path == (dir.path() / "bad.csv").string());
    CHECK(read_bytes(dir.path() / "content/contacts.toml") == original);

    std::string csv = contacts_to_csv(parse_contacts(original, out));
    const size_t at = csv.find("052-954-6370");
    csv.replace(at, 12, "052-954-6371");
    dir.write("good.csv", csv);
    ImportResult dry = import_contacts(dir.path(), dir.path() / "good.csv", true);
    CHECK(dry.changes ==
          std::vector<std::string>{
              "changed: 愛知県 経済産業局（経済安全保障全般） 電話番号 '052-954-6370' → '052-954-6371'"});
    CHECK_FALSE(dry.written);
    CHECK(read_bytes(dir.path() / "content/contacts.toml") == original);
    ImportResult done = import_contacts(dir.path(), dir.path() / "good.csv", false);
    CHECK(done.written);
    CHECK(read_bytes(dir.path() / "content/contacts.toml.bak") == original);
    CHECK(read_bytes(dir.path() / "content/contacts.toml").find("052-954-6371") != std::string::npos);
  }

  TEST_CASE("the changes of an import: the date, added, changed and removed rows, and the order") {
    std::vector<Diagnostic> out;
    const ContactTable before = parse_contacts(kContactTable, out);
    ContactTable after = before;
    CHECK(describe_changes(before, after).empty());
    std::swap(after.contacts[0], after.contacts[1]);
    CHECK(describe_changes(before, after) == std::vector<std::string>{"changed: the order of the rows"});
    after = before;
    after.reviewed = Date{2026, 1, 2};
    after.contacts[1].topic = "別の相談";
    after.contacts[0].note = "平日のみ";
    CHECK(describe_changes(before, after) ==
          std::vector<std::string>{"changed: 最終確認日 2025-05-01 → 2026-01-02",
                                   "changed: 愛知県 経済産業局（経済安全保障全般） 備考 '' → '平日のみ'",
                                   "added: 中部公安調査局（別の相談）",
                                   "removed: 中部公安調査局（経済安全保障に関するご相談）"});
  }

  TEST_CASE("import neither shows nor replaces a table linked out of content/") {
    TempDir outside;
    outside.write("secret.toml", kContactTable);
    TempDir dir;
    dir.write("content/_index.md", "x");
    std::filesystem::create_symlink(outside.path() / "secret.toml", dir.path() / "content/contacts.toml");
    std::vector<Diagnostic> out;
    dir.write("a.csv", contacts_to_csv(parse_contacts(kContactTable, out)));
    const ImportResult result = import_contacts(dir.path(), dir.path() / "a.csv", false);
    CHECK_FALSE(result.written);
    CHECK(result.changes.empty());
    REQUIRE(result.diagnostics.items().size() == 1);
    CHECK(formatted(result.diagnostics.items())[0].starts_with("content/contacts.toml: error: symlink"));
    CHECK(formatted(result.diagnostics.items())[0].ends_with("; nothing was changed"));
    CHECK(std::filesystem::is_symlink(dir.path() / "content/contacts.toml"));
  }
}
