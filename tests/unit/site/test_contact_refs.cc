#include <doctest/doctest.h>

#include "helpers.h"
#include "site/contact_refs.h"
#include "site/loader.h"
#include "site/markdown.h"
#include "site/page_links.h"

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
    "url = \"https://www.pref.aichi.jp/police/\"\n"
    "phone = \"052-951-1611\"\n"
    "[[contact]]\n"
    "id = \"kyushu\"\n"
    "group = \"国の窓口\"\n"
    "topic = \"資料の問い合わせ\"\n"
    "organization = \"九州経済産業局 <国際課>\"\n"
    "phone = \"092-482-5423\"\n"
    "email = \"bzl-kyukokusai@meti.go.jp\"\n"
    "[[contact]]\n"
    "id = \"psia\"\n"
    "group = \"県内の窓口\"\n"
    "topic = \"経済安全保障\"\n"
    "organization = \"中部公安調査局\"\n"
    "url = \"https://www.moj.go.jp/psia/\"\n"
    "note = \"ウェブサイトから問い合わせます。\"\n"
    "[[contact]]\n"
    "id = \"inpit-110\"\n"
    "group = \"国の窓口\"\n"
    "topic = \"営業秘密\"\n"
    "organization = \"INPIT 営業秘密110番\"\n"
    "note = \"電話番号の記載はありません。\"\n";

Site load_sample(const TempDir& dir) {
  write_minimal_project(dir);
  dir.write("content/contacts.toml", kTable);
  dir.write("content/contacts/_index.md", "+++\ntitle = \"相談\"\n+++\n");
  dir.write("content/contacts/windows.md", "+++\ntitle = \"相談先\"\ncontacts = true\n+++\n");
  dir.write("content/cyber/_index.md", "+++\ntitle = \"サイバー\"\n+++\n");
  dir.write("content/cyber/backup.md", "+++\ntitle = \"バックアップ\"\n+++\n");
  Diagnostics diagnostics;
  auto site = load_site(dir.path(), {}, diagnostics);
  REQUIRE(site.has_value());
  CHECK(formatted(diagnostics).empty());
  return std::move(*site);
}

// `body` rendered as the Markdown of content/cyber/backup.md, from line 5.
RenderedMarkdown render_on_page(const Site& site, std::string_view body) {
  const SiteLinkResolver resolver(site, *site.find_page("cyber/backup.md"));
  return render_markdown(body, 5, resolver, {});
}

const std::string kPolice = "愛知県警察本部（<a href=\"tel:052-951-1611\">052-951-1611</a>）";

}  // namespace

TEST_SUITE("contact references") {
  TEST_CASE("what stands for a contact: name, then phone and e-mail; else the web site or the table's page") {
    TempDir dir;
    const Site site = load_sample(dir);
    const ContactTable& table = *site.contacts;
    using Pieces = std::vector<InlinePiece>;
    CHECK(contact_pieces(table.contacts[0], "../contacts/windows.html") ==
          Pieces{{"愛知県警察本部", ""}, {"（", ""}, {"052-951-1611", "tel:052-951-1611"}, {"）", ""}});
    CHECK(contact_pieces(table.contacts[1], "") ==
          Pieces{{"九州経済産業局 <国際課>", ""},
                 {"（", ""},
                 {"092-482-5423", "tel:092-482-5423"},
                 {"、", ""},
                 {"bzl-kyukokusai@meti.go.jp", "mailto:bzl-kyukokusai@meti.go.jp"},
                 {"）", ""}});
    CHECK(contact_pieces(table.contacts[2], "x.html") ==
          Pieces{{"中部公安調査局", ""}, {"（", ""}, {"ウェブサイト", "https://www.moj.go.jp/psia/"}, {"）", ""}});
    CHECK(contact_pieces(table.contacts[3], "../contacts/windows.html") ==
          Pieces{{"INPIT 営業秘密110番", ""}, {"（", ""}, {"相談先一覧", "../contacts/windows.html"}, {"）", ""}});
    CHECK(contact_pieces(table.contacts[3], "") == Pieces{{"INPIT 営業秘密110番", ""}});
    Contact short_number = table.contacts[0];
    short_number.phone = "#9110";
    CHECK(contact_pieces(short_number, "")[2] == InlinePiece{"#9110", "tel:%239110"});
  }

  TEST_CASE("the page escapes what the table holds") {
    TempDir dir;
    const Site site = load_sample(dir);
    const auto r = render_on_page(site, "[九州](../contacts.toml#kyushu)\n");
    CHECK(r.html ==
          "<p>九州経済産業局 &lt;国際課&gt;（<a href=\"tel:092-482-5423\">092-482-5423</a>、<a "
          "href=\"mailto:bzl-kyukokusai@meti.go.jp\">bzl-kyukokusai@meti.go.jp</a>）</p>\n");
  }

  TEST_CASE("a link to contacts.toml#id on a page shows the contact's current name and phone") {
    TempDir dir;
    const Site site = load_sample(dir);
    const auto r = render_on_page(site, "相談先は[県警](../contacts.toml#aichi-police)です。\n");
    CHECK(formatted(r.diagnostics).empty());
    CHECK(r.html == "<p>相談先は" + kPolice + "です。</p>\n");
    const auto none = render_on_page(site, "[](../contacts.toml#inpit-110)\n");
    CHECK(none.html == "<p>INPIT 営業秘密110番（<a href=\"../contacts/windows.html\">相談先一覧</a>）</p>\n");
  }

  TEST_CASE("a reference works in a table cell and next to emphasis") {
    TempDir dir;
    const Site site = load_sample(dir);
    const auto r =
        render_on_page(site,
                       "| とき | 相談先 |\n| --- | --- |\n| 流出 | [愛知県警察本部](../contacts.toml#aichi-police) "
                       "|\n\n**急ぎ**：[愛知県警察本部](../contacts.toml#aichi-police)\n");
    CHECK(formatted(r.diagnostics).empty());
    CHECK(r.html.find("<td>" + kPolice + "</td>") != std::string::npos);
    CHECK(r.html.find("<strong>急ぎ</strong>：" + kPolice) != std::string::npos);
  }

  TEST_CASE("the contact table's own page shows no link to itself") {
    TempDir dir;
    const Site site = load_sample(dir);
    const SiteLinkResolver resolver(site, *site.find_page("contacts/windows.md"));
    const auto r = render_markdown("[x](../contacts.toml#inpit-110)\n", 5, resolver, {});
    CHECK(r.html == "<p>INPIT 営業秘密110番</p>\n");
  }

  TEST_CASE("quiz Markdown refers to the table from quizzes/") {
    TempDir dir;
    const Site site = load_sample(dir);
    const SiteLinkResolver resolver(site, "quizzes", "quizzes/incident.html");
    const auto r = render_markdown("[警察](../content/contacts.toml#aichi-police)へ\n", 3, resolver, {});
    CHECK(formatted(r.diagnostics).empty());
    CHECK(r.html == "<p>" + kPolice + "へ</p>\n");
    const auto none = render_markdown("[](../content/contacts.toml#inpit-110)\n", 3, resolver, {});
    CHECK(none.html.find("href=\"../contacts/windows.html\"") != std::string::npos);
  }

  TEST_CASE("an unknown id, no id, an image or a link inside is an error at the link; the text stays") {
    TempDir dir;
    const Site site = load_sample(dir);
    const auto r = render_on_page(site,
                                  "相談は[警察](../contacts.toml#aichi-polise)へ。\n"
                                  "[表](../contacts.toml)\n"
                                  "![表](../contacts.toml#psia)\n"
                                  "[![図](a.png)](../contacts.toml#psia)\n"
                                  "[表](contacts.toml#psia)\n");
    CHECK(formatted(r.diagnostics) ==
          std::vector<std::string>{
              "5:4: error: contact 'aichi-polise' is not in content/contacts.toml (did you mean 'aichi-police'?)",
              "6:1: error: link '../contacts.toml' names no contact: add its id from content/contacts.toml, like "
              "'../contacts.toml#aichi-police'",
              "7:1: error: image '../contacts.toml#psia' is the contact table, not a picture",
              "8:1: error: a reference to a contact holds text only: take the image or link out of its brackets",
              "8:2: error: image to missing file 'cyber/a.png'",
              "9:1: error: link to missing file 'cyber/contacts.toml' (the contact table is content/contacts.toml: "
              "from here '../contacts.toml')"});
    CHECK(r.html.starts_with("<p>相談は警察へ。\n表\n表\n図\n表</p>"));
  }

  TEST_CASE("without a contact table a reference says so") {
    TempDir dir;
    write_minimal_project(dir);
    dir.write("content/a.md", "+++\ntitle = \"a\"\n+++\n");
    Diagnostics diagnostics;
    const auto site = load_site(dir.path(), {}, diagnostics);
    REQUIRE(site.has_value());
    const SiteLinkResolver resolver(*site, *site->find_page("a.md"));
    const auto r = render_markdown("[x](contacts.toml#ipa)\n", 1, resolver, {});
    CHECK(formatted(r.diagnostics) ==
          std::vector<std::string>{"1:1: error: contact 'ipa' cannot be shown: there is no content/contacts.toml"});
  }
}
