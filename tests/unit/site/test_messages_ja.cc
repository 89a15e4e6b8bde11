// The Japanese of the site's messages (po/ja.po): what an editor reads with --lang ja or a
// ja_* locale. The English is pinned by the other tests of generator/site.
#include <doctest/doctest.h>

#include <algorithm>

#include "contacts/contacts.h"
#include "core/i18n.h"
#include "helpers.h"
#include "i18n_guard.h"
#include "site/front_matter.h"
#include "site/handwritten_contacts.h"
#include "site/loader.h"
#include "site/page_links.h"
#include "site/page_meta.h"
#include "site/review.h"
#include "site/review_command.h"
#include "site/site.h"
#include "site/templates.h"

using namespace mamori;
using mamori::testing::formatted;
using mamori::testing::TempDir;
using mamori::testing::write_minimal_project;

namespace {

const FixedClock kToday(Date{2026, 11, 23});

// Two pages and the contact table, all overdue on kToday.
void write_review_project(const TempDir& dir) {
  write_minimal_project(dir);
  dir.write("content/cyber/_index.md", "+++\ntitle = \"サイバー\"\nreviewed = 2026-06-01\n+++\n");
  dir.write("content/cyber/old.md", "+++\ntitle = \"古いページ\"\nreviewed = 2023-12-01\n+++\n");
  dir.write("content/cyber/formula.md", "+++\ntitle = \"=1+1\"\nreviewed = 2025-11-23\n+++\n");
  dir.write("content/contacts.toml",
            "reviewed = 2024-02-29\n[[contact]]\ngroup = \"g\"\ntopic = \"t\"\norganization = \"愛知県警察本部\"\n"
            "phone = \"052-951-1611\"\nid = \"aichi-police\"\n");
}

ReviewRun review(const TempDir& dir, const std::string& format = "text") {
  ReviewOptions options;
  options.root = dir.path();
  options.format = format;
  options.clock = &kToday;
  return run_review(options);
}

Site load(const TempDir& dir) {
  Diagnostics diagnostics;
  auto site = load_site(dir.path(), {}, diagnostics);
  REQUIRE(site.has_value());
  return std::move(*site);
}

}  // namespace

TEST_SUITE("messages in Japanese") {
  TEST_CASE("a folder without _index.md and a quiz that does not exist") {
    TempDir dir;
    write_minimal_project(dir);
    dir.write("content/a/x.md", "+++\ntitle = \"X\"\nquiz = \"phishing\"\n+++\n");
    const JapaneseMessages ja;
    Diagnostics diagnostics;
    (void)load_site(dir.path(), {}, diagnostics);
    const std::vector<std::string> found = formatted(diagnostics);
    auto has = [&](const std::string& line) { return std::find(found.begin(), found.end(), line) != found.end(); };
    CHECK(
        has("content/a/_index.md: error: このフォルダーにはページがありますが、_index.md がありません。"
            "セクションのタイトルを書いた _index.md を追加してください"));
    CHECK(has("content/a/x.md:3:8: error: クイズ「phishing」がありません（quizzes/phishing.toml がありません）"));
  }

  TEST_CASE("a source that is not a web address") {
    const JapaneseMessages ja;
    std::vector<Diagnostic> out;
    parse_page_meta("title = \"x\"\nsources = [\"ftp://example.jp/\"]\n", 2, out);
    CHECK(formatted(out) ==
          std::vector<std::string>{"3:12: error: 出典「ftp://example.jp/」は https:// か http:// で始まる絶対 URL "
                                   "にしてください"});
  }

  TEST_CASE("links: absolute, missing with a hint, draft, into a folder without _index.md") {
    TempDir dir;
    write_minimal_project(dir);
    dir.write("content/cyber/_index.md", "+++\ntitle = \"サイバー\"\n+++\n");
    dir.write("content/cyber/backup.md", "+++\ntitle = \"バックアップ\"\n+++\n");
    dir.write("content/cyber/later.md", "+++\ntitle = \"後で\"\ndraft = true\n+++\n");
    dir.write("content/a.md", "+++\ntitle = \"A\"\n+++\n");
    dir.write("content/pictures/a.png", "PNG");
    const Site site = load(dir);
    const JapaneseMessages ja;
    const SiteLinkResolver resolver(site, *site.find_page("cyber/backup.md"));
    auto error = [&](std::string_view url, bool image = false) {
      const auto link = resolver.resolve(url, image, 3, 7);
      return link ? std::string("no error") : link.error().message;
    };
    CHECK(error("/cyber/backup.md") ==
          "リンク「/cyber/backup.md」が「/」で始まっています。ファイル共有や file:// では開けません。"
          "このファイルからの相対パスにしてください");
    CHECK(error("../a.html") == "リンク先のファイル「a.html」がありません（「a.md」の誤りではありませんか？）");
    CHECK(error("later.md") ==
          "下書きのページ「cyber/later.md」へのリンクです。このページはビルドに含まれません（draft = true）。"
          "--drafts を付けてビルドするか、リンクを削除してください");
    CHECK(error("../pictures/", true) ==
          "画像がフォルダー「pictures」を指していますが、そこには _index.md がありません");
    CHECK(error("backup.md", true) == "画像「backup.md」はページです。画像ではありません");
  }

  TEST_CASE("a phone number written by hand") {
    std::vector<Diagnostic> parse_problems;
    const ContactTable table = parse_contacts(
        "reviewed = 2025-05-01\n[[contact]]\nid = \"aichi-police\"\ngroup = \"g\"\ntopic = \"t\"\n"
        "organization = \"愛知県警察本部\"\nphone = \"052-951-1611\"\n",
        parse_problems);
    REQUIRE(parse_problems.empty());
    const JapaneseMessages ja;
    CHECK(formatted(handwritten_contact_warnings("電話 052-951-1611\n", "content/incident", &table)) ==
          std::vector<std::string>{"1:4: warning: 電話番号 052-951-1611 が直接書かれています。相談先一覧を参照して"
                                   "ください（[愛知県警察本部](../contacts.toml#aichi-police)）"});
    CHECK(formatted(handwritten_contact_warnings("電話 03-1234-5678\n", "content", &table)) ==
          std::vector<std::string>{
              "1:4: warning: 電話番号 03-1234-5678 が直接書かれていて、相談先一覧にもありません。id を付けて "
              "content/contacts.toml に追加し、参照してください（[相談先](contacts.toml#ID)）"});
  }

  TEST_CASE("two sources for one output path") {
    const JapaneseMessages ja;
    OutputClaims claims;
    Diagnostics diagnostics;
    claims.claim("a.html", "content/a.md", diagnostics);
    claims.claim("A.html", "content/A.md", diagnostics);
    CHECK(
        formatted(diagnostics) ==
        std::vector<std::string>{"content/A.md: error: 出力先「A.html」は content/a.md からも作られます（大文字と小文字"
                                 "だけが違う名前は、Windows のファイル共有では同じ名前になります）"});
  }

  TEST_CASE("an unknown partial") {
    const JapaneseMessages ja;
    CHECK(expand_partials("a{{> gone}}b", {}).problem ==
          "パーシャル「gone」がありません（partials/gone.mustache がありません）");
  }

  TEST_CASE("overdue reviews: the warnings and the list, its columns as wide as the Japanese headings") {
    TempDir dir;
    write_review_project(dir);
    const Site site = load(dir);
    const JapaneseMessages ja;
    Diagnostics diagnostics;
    warn_overdue(site, kToday.today(), diagnostics);
    diagnostics.sort();
    CHECK(formatted(diagnostics) ==
          std::vector<std::string>{
              "content/contacts.toml:1:12: warning: 相談先一覧の最終確認日は 2024-02-29 で、32 か月前です。"
              "すべての電話番号と URL を確かめてから「reviewed」を更新してください",
              "content/cyber/formula.md:3:12: warning: このページの最終確認日は 2025-11-23 で、12 か月前です。"
              "出典と照らし合わせてから「reviewed」を更新してください",
              "content/cyber/old.md:3:12: warning: このページの最終確認日は 2023-12-01 で、35 か月前です。"
              "出典と照らし合わせてから「reviewed」を更新してください"});
    CHECK(review(dir).output ==
          "mamori review: 2026-11-23 の時点で、2 ページと相談先一覧の確認期限が過ぎています"
          "（stale_after_months = 12）。古い順です:\n"
          "  最終確認日  確認期限    超過        ファイル                  タイトル\n"
          "  2023-12-01  2024-12-01  23 か月     content/cyber/old.md      古いページ\n"
          "  2024-02-29  2025-03-01  20 か月     content/contacts.toml     相談先一覧\n"
          "  2025-11-23  2026-11-23  0 か月      content/cyber/formula.md  =1+1\n"
          "それぞれ出典と照らし合わせてから、「reviewed」の日付を更新してください。\n");
    CHECK(review(dir, "xml").messages ==
          std::vector<std::string>{"mamori: error: 形式「xml」は使えません。text か csv を指定してください"});
  }

  TEST_CASE("the guard leaves the messages English") {
    { const JapaneseMessages ja; }
    CHECK(current_language() == Language::en);
    CHECK(format_diagnostic(std::get<Diagnostic>(split_front_matter("+++\ntitle = \"x\"\n"))) ==
          "1:1: error: front matter is not closed: add a '+++' line after it");
  }
}
