#include <doctest/doctest.h>

#include <filesystem>

#include "contacts/contacts.h"
#include "contacts/contacts_csv.h"
#include "contacts/export.h"
#include "contacts_fixture.h"
#include "core/text_file.h"
#include "helpers.h"

using namespace mamori;
using mamori::testing::formatted;
using mamori::testing::kContactTable;
using mamori::testing::read_bytes;
using mamori::testing::TempDir;

namespace {

Result<ExportResult> run_export(const TempDir& dir, const std::string& csv_name) {
  return export_contacts(dir.path(), dir.path() / csv_name);
}

}  // namespace

TEST_SUITE("contacts_export") {
  TEST_CASE("export writes the table as the CSV file Excel opens") {
    TempDir dir;
    dir.write("content/contacts.toml", kContactTable);
    const auto result = run_export(dir, "相談先.CSV");  // any case
    REQUIRE(result.has_value());
    CHECK(result->diagnostics.empty());
    CHECK(result->contacts == 2);
    std::vector<Diagnostic> out;
    CHECK(read_bytes(dir.path() / "相談先.CSV") == contacts_to_csv(parse_contacts(kContactTable, out)));
  }

  TEST_CASE("export writes only to a .csv name: never over the table, mamori.toml or a page") {
    TempDir dir;
    dir.write("content/contacts.toml", kContactTable);
    for (const std::string target : {"content/contacts.toml", "mamori.toml", "x.txt", "csv"}) {
      CAPTURE(target);
      const auto result = run_export(dir, target);
      REQUIRE_FALSE(result.has_value());
      CHECK(result.error().message == (dir.path() / target).string() +
                                          ": the export writes a CSV file; give a name that ends in .csv (nothing "
                                          "was written)");
    }
    CHECK(read_bytes(dir.path() / "content/contacts.toml") == kContactTable);
    CHECK_FALSE(std::filesystem::exists(dir.path() / "x.txt"));
    CHECK(is_csv_name("a.Csv"));
    CHECK_FALSE(is_csv_name("a.csv.txt"));
  }

  TEST_CASE("export without a table to read is an error naming it") {
    TempDir dir;
    dir.write("content/_index.md", "x");
    const auto result = run_export(dir, "a.csv");
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().message.starts_with("no content/contacts.toml in " + dir.path().string() + ": "));
    CHECK_FALSE(std::filesystem::exists(dir.path() / "a.csv"));
  }

  TEST_CASE("export of a table with errors reports them, with their lines, and writes nothing") {
    TempDir dir;
    dir.write("content/contacts.toml",
              "reviewed = 2025-05-01\n[[contact]]\ngroup = \"県内\"\ntopic = \"a\"\nid = \"a\"\n");
    const auto result = run_export(dir, "a.csv");
    REQUIRE(result.has_value());
    CHECK(formatted(result->diagnostics) ==
          std::vector<std::string>{"content/contacts.toml:3:1: error: missing 相談先 (organization)"});
    CHECK(result->diagnostics.items()[0].source_line == "group = \"県内\"");
    CHECK(result->contacts == 0);
    CHECK_FALSE(std::filesystem::exists(dir.path() / "a.csv"));
  }

  TEST_CASE("export checks the table's bytes first: a binary file is not parsed") {
    TempDir dir;
    dir.write("content/contacts.toml", std::string("reviewed = 2025-05-01\n\0", 23));
    const auto result = run_export(dir, "a.csv");
    REQUIRE(result.has_value());
    CHECK(formatted(result->diagnostics) ==
          std::vector<std::string>{
              "content/contacts.toml:1:1: error: binary file: the contact table must be UTF-8 text"});
  }

  TEST_CASE("export that cannot write the CSV file says why") {
    TempDir dir;
    dir.write("content/contacts.toml", kContactTable);
    std::filesystem::create_directories(dir.path() / "taken.csv");
    const auto result = run_export(dir, "taken.csv");
    REQUIRE_FALSE(result.has_value());
    CHECK_FALSE(result.error().message.empty());
  }
}
