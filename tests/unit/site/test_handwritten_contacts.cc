#include <doctest/doctest.h>

#include "contacts/contacts.h"
#include "helpers.h"
#include "site/build.h"
#include "site/handwritten_contacts.h"

using namespace mamori;
using mamori::testing::formatted;
using mamori::testing::TempDir;
using mamori::testing::write_minimal_project;

namespace {

constexpr const char* kTable =
    "reviewed = 2025-05-01\n"
    "[[contact]]\n"
    "id = \"aichi-police\"\n"
    "group = \"県内の窓口\"\n"
    "topic = \"情報・技術流出に関するご相談\"\n"
    "organization = \"愛知県警察本部\"\n"
    "phone = \"052-951-1611\"\n"
    "[[contact]]\n"
    "id = \"kyushu\"\n"
    "group = \"国の窓口\"\n"
    "topic = \"資料の問い合わせ\"\n"
    "organization = \"九州経済産業局 国際部 国際課\"\n"
    "phone = \"092-482-5423\"\n"
    "email = \"bzl-kyukokusai@meti.go.jp\"\n";

ContactTable table() {
  std::vector<Diagnostic> out;
  ContactTable parsed = parse_contacts(kTable, out);
  REQUIRE(out.empty());
  return parsed;
}

}  // namespace

TEST_SUITE("handwritten contacts") {
  TEST_CASE("a number or address of the table: the warning names the reference to write") {
    const ContactTable t = table();
    CHECK(formatted(
              handwritten_contact_warnings("相談先は愛知県警察本部（052-951-1611）です。\n", "content/incident", &t)) ==
          std::vector<std::string>{
              "1:13: warning: phone number 052-951-1611 is written by hand; refer to the contact table "
              "([愛知県警察本部](../contacts.toml#aichi-police))"});
    CHECK(formatted(handwritten_contact_warnings("x\n電話 ０９２－４８２－５４２３、BZL-Kyukokusai@meti.go.jp\n",
                                                 "quizzes", &t)) ==
          std::vector<std::string>{
              "2:4: warning: phone number 092-482-5423 is written by hand; refer to the contact table "
              "([九州経済産業局 国際部 国際課](../content/contacts.toml#kyushu))",
              "2:17: warning: e-mail address BZL-Kyukokusai@meti.go.jp is written by hand; refer to the contact "
              "table ([九州経済産業局 国際部 国際課](../content/contacts.toml#kyushu))"});
    CHECK(
        formatted(handwritten_contact_warnings("TEL 0529511611", "content/", &t)) ==
        std::vector<std::string>{"1:5: warning: phone number 0529511611 is written by hand; refer to the contact table "
                                 "([愛知県警察本部](contacts.toml#aichi-police))"});
  }

  TEST_CASE("a number or address the table lacks: the warning asks for an entry") {
    const ContactTable t = table();
    CHECK(formatted(handwritten_contact_warnings("窓口 03-1234-5678 か it@example.co.jp へ", "content/a/b", &t)) ==
          std::vector<std::string>{
              "1:4: warning: phone number 03-1234-5678 is written by hand and is not in the contact table; add it to "
              "content/contacts.toml with an id and refer to it ([相談先](../../contacts.toml#ID))",
              "1:19: warning: e-mail address it@example.co.jp is written by hand and is not in the contact table; "
              "add it to content/contacts.toml with an id and refer to it ([相談先](../../contacts.toml#ID))"});
    CHECK(formatted(handwritten_contact_warnings("052-951-1611", "content", nullptr)) ==
          std::vector<std::string>{
              "1:1: warning: phone number 052-951-1611 is written by hand and is not in the contact table; add it to "
              "content/contacts.toml with an id and refer to it ([相談先](contacts.toml#ID))"});
  }

  TEST_CASE("references, dates and URLs draw no warning") {
    const ContactTable t = table();
    CHECK(handwritten_contact_warnings("+++\nreviewed = 2025-05-01\nsources = [\"https://x.jp/052-951-1611\"]\n+++\n"
                                       "相談先は[愛知県警察本部](../contacts.toml#aichi-police)です。\n",
                                       "content/incident", &t)
              .empty());
  }

  TEST_CASE("the build warns at pages and quizzes, with their paths") {
    TempDir dir;
    write_minimal_project(dir);
    dir.write("content/contacts.toml", kTable);
    dir.write("content/windows.md", "+++\ntitle = \"窓口\"\ncontacts = true\n+++\n\n電話は052-951-1611です。\n");
    dir.write(
        "quizzes/q.toml",
        "title = \"確認\"\npass_mark = 50\n\n[[questions]]\nid = \"q1\"\ntype = \"single\"\ntext = \"相談先は？\"\n"
        "explanation = \"愛知県警察本部（052-951-1611）です。\"\n"
        "  [[questions.choices]]\n  text = \"県警\"\n  correct = true\n  [[questions.choices]]\n  text = \"なし\"\n");
    BuildOptions options;
    options.root = dir.path();
    options.write = false;
    const BuildReport report = build_site(options);
    CAPTURE(formatted(report.diagnostics));
    std::vector<std::string> warnings;
    for (const auto& line : formatted(report.diagnostics)) {
      if (line.find("written by hand") != std::string::npos) warnings.push_back(line);
    }
    CHECK(warnings == std::vector<std::string>{
                          "content/windows.md:6:4: warning: phone number 052-951-1611 is written by hand; refer to "
                          "the contact table ([愛知県警察本部](contacts.toml#aichi-police))",
                          "quizzes/q.toml:8:24: warning: phone number 052-951-1611 is written by hand; refer to "
                          "the contact table ([愛知県警察本部](../content/contacts.toml#aichi-police))"});
  }
}
