#include <doctest/doctest.h>

#include "contacts/contacts.h"
#include "contacts_fixture.h"
#include "helpers.h"

using namespace mamori;
using mamori::testing::formatted;
using mamori::testing::kContactTable;

TEST_SUITE("contacts") {
  TEST_CASE("a valid table is read and its phone numbers normalised") {
    std::vector<Diagnostic> out;
    const ContactTable table = parse_contacts(kContactTable, out);
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
    CHECK(
        formatted(out) ==
        std::vector<std::string>{
            "1:1: error: missing required key 'reviewed'",
            "4:1: error: unknown key 'contact[1].organisation' (did you mean 'contact[1].organization'?)",
            "2:1: error: missing 相談先 (organization)",
            "5:7: error: URL 'ftp://x.jp/' must start with https:// or http://",
            "6:9: error: phone number '03-1234' is not a Japanese phone number: write it like 052-954-6370",
            "15:1: error: no phone number: give one, or say in 備考 (note) how to reach this window, e.g. "
            "\"ウェブサイトのフォームから問い合わせます\"",
            "15:1: error: duplicate entry: 'a' at 'b' is already listed at line 9",
            "2:1: error: missing id: every contact needs a stable id that pages refer to, like id = \"aichi-police\" "
            "(lowercase letters, digits and '-')",
            "9:1: error: missing id: every contact needs a stable id that pages refer to, like id = \"aichi-police\" "
            "(lowercase letters, digits and '-')",
            "15:1: error: missing id: every contact needs a stable id that pages refer to, like id = \"aichi-police\" "
            "(lowercase letters, digits and '-')"});
  }

  TEST_CASE("regression: a bidi override or a zero-width character in a field is an error at the field") {
    // An attacker's test: U+202E in 相談先 showed the phone number after it reversed.
    std::vector<Diagnostic> out;
    parse_contacts(
        "reviewed = 2025-05-01\n[[contact]]\nid = \"a\"\ngroup = \"県内\"\ntopic = \"相談\"\n"
        "organization = \"愛知\u202e県警\"\nphone = \"052-951-1611\"\nnote = \"受付\u200b時間\"\n",
        out);
    CHECK(formatted(out) ==
          std::vector<std::string>{"6:16: error: 相談先 (organization) holds the invisible character U+202E, which can "
                                   "reorder or hide text on the page; delete it",
                                   "8:8: error: 備考 (note) holds the invisible character U+200B, which can reorder or "
                                   "hide text on the page; delete it"});
  }

  TEST_CASE("the canonical TOML parses back to the same table") {
    std::vector<Diagnostic> out;
    const ContactTable table = parse_contacts(kContactTable, out);
    const std::string canonical = contacts_to_toml(table);
    const ContactTable again = parse_contacts(canonical, out);
    CHECK(out.empty());
    CHECK(contacts_to_toml(again) == canonical);
    CHECK(canonical.find("phone = \"052-954-6370\"") != std::string::npos);
    CHECK(canonical.find("[[contact]]\nid = \"aichi-general\"\ngroup = ") != std::string::npos);  // the id first
  }
}
