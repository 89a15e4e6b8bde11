#include <doctest/doctest.h>

#include "helpers.h"
#include "site/loader.h"
#include "site/review.h"
#include "site/review_command.h"

using namespace mamori;
using mamori::testing::formatted;
using mamori::testing::TempDir;
using mamori::testing::write_minimal_project;

namespace {

const FixedClock kToday(Date{2026, 11, 23});

// Pages reviewed on several days, and a contact table reviewed on 2024-02-29.
void write_project(const TempDir& dir, const std::string& config = "title = \"テスト\"\n") {
  write_minimal_project(dir);
  dir.write("mamori.toml", config);
  dir.write("content/cyber/_index.md", "+++\ntitle = \"サイバー\"\nreviewed = 2026-06-01\n+++\n");
  dir.write("content/cyber/old.md", "+++\ntitle = \"古いページ\"\nreviewed = 2023-12-01\n+++\n");
  dir.write("content/cyber/formula.md", "+++\ntitle = \"=1+1\"\nreviewed = 2025-11-23\n+++\n");
  dir.write("content/cyber/undated.md", "+++\ntitle = \"日付なし\"\n+++\n");
  dir.write("content/contacts.toml",
            "reviewed = 2024-02-29\n[[contact]]\ngroup = \"g\"\ntopic = \"t\"\norganization = \"o\"\n"
            "phone = \"052-954-6370\"\nid = \"o\"\n");
}

Site load(const TempDir& dir) {
  Diagnostics diagnostics;
  auto site = load_site(dir.path(), {}, diagnostics);
  REQUIRE(site.has_value());
  return std::move(*site);
}

ReviewRun review(const TempDir& dir, const std::string& format = "text") {
  ReviewOptions options;
  options.root = dir.path();
  options.format = format;
  options.clock = &kToday;
  return run_review(options);
}

}  // namespace

TEST_SUITE("review") {
  TEST_CASE("overdue pages and the contact table, oldest first, with the day each fell due") {
    TempDir dir;
    write_project(dir);
    const auto items = overdue_items(load(dir), kToday.today());
    REQUIRE(items.size() == 3);
    CHECK(items[0].source == "content/cyber/old.md");
    CHECK(items[0].title == "古いページ");
    CHECK(items[0].reviewed == Date{2023, 12, 1});
    CHECK(items[0].due == Date{2024, 12, 1});
    CHECK(items[0].months_since == 35);
    CHECK(items[0].months_overdue == 23);
    CHECK(items[0].line == 3);
    CHECK(items[0].column == 12);
    CHECK(items[1].source == "content/contacts.toml");
    CHECK(items[1].title == "相談先一覧");
    CHECK(items[1].contact_table);
    CHECK(items[1].due == Date{2025, 3, 1});  // 2025 has no February 29th
    CHECK(items[2].source == "content/cyber/formula.md");
    CHECK(items[2].months_since == 12);  // exactly stale_after_months: due today
    CHECK(items[2].months_overdue == 0);
  }

  TEST_CASE("each overdue item is a warning for the editors, at its date") {
    TempDir dir;
    write_project(dir);
    Diagnostics diagnostics;
    warn_overdue(load(dir), kToday.today(), diagnostics);
    diagnostics.sort();
    CHECK(formatted(diagnostics) ==
          std::vector<std::string>{
              "content/contacts.toml:1:12: warning: the contact table was last reviewed on 2024-02-29, 32 months ago: "
              "check every number and URL, then update 'reviewed'",
              "content/cyber/formula.md:3:12: warning: this page was last reviewed on 2025-11-23, 12 months ago: "
              "check it against its sources, then update 'reviewed'",
              "content/cyber/old.md:3:12: warning: this page was last reviewed on 2023-12-01, 35 months ago: check it "
              "against its sources, then update 'reviewed'"});
  }

  TEST_CASE("the list for a terminal: the day, what is overdue, one line each") {
    TempDir dir;
    write_project(dir);
    const ReviewRun run = review(dir);
    CHECK(run.exit_status == 1);
    CHECK(run.messages.empty());
    CHECK(run.output ==
          "mamori review: on 2026-11-23, 2 pages and the contact table are overdue for review (stale_after_months = "
          "12), oldest first:\n"
          "  reviewed    due         overdue     file                      title\n"
          "  2023-12-01  2024-12-01  23 months   content/cyber/old.md      古いページ\n"
          "  2024-02-29  2025-03-01  20 months   content/contacts.toml     相談先一覧\n"
          "  2025-11-23  2026-11-23  0 months    content/cyber/formula.md  =1+1\n"
          "Check each against its sources, then update its 'reviewed' date.\n");
  }

  TEST_CASE("the list for a spreadsheet: BOM, Japanese headers, CRLF, formulas neutralised") {
    TempDir dir;
    write_project(dir);
    const ReviewRun run = review(dir, "csv");
    CHECK(run.exit_status == 1);
    CHECK(run.output ==
          "\xEF\xBB\xBF"
          "ファイル,タイトル,最終確認日,確認期限,経過月数,超過月数\r\n"
          "content/cyber/old.md,古いページ,2023-12-01,2024-12-01,35,23\r\n"
          "content/contacts.toml,相談先一覧,2024-02-29,2025-03-01,32,20\r\n"
          "content/cyber/formula.md,'=1+1,2025-11-23,2026-11-23,12,0\r\n");
  }

  TEST_CASE("nothing overdue exits 0; a project that does not load exits 2 and says why") {
    TempDir dir;
    write_project(dir, "title = \"テスト\"\nstale_after_months = 60\n");
    const ReviewRun fine = review(dir);
    CHECK(fine.exit_status == 0);
    CHECK(fine.output == "mamori review: on 2026-11-23, nothing is overdue for review (stale_after_months = 60)\n");
    CHECK(review(dir, "csv").output ==
          "\xEF\xBB\xBF"
          "ファイル,タイトル,最終確認日,確認期限,経過月数,超過月数\r\n");

    dir.write("content/cyber/broken.md", "+++\ntitle = \"x\"\nreviewed = \"2024\"\n+++\n");
    const ReviewRun broken = review(dir);
    CHECK(broken.exit_status == 2);
    CHECK(broken.output.empty());
    REQUIRE(broken.messages.size() == 2);
    CHECK(broken.messages[0].starts_with("content/cyber/broken.md:3:12: error: "));
    CHECK(broken.messages[1] == "mamori: fix these errors first (mamori check shows them all); nothing was reviewed");

    TempDir empty;
    const ReviewRun none = review(empty);
    CHECK(none.exit_status == 2);
    REQUIRE(none.messages.size() == 1);
    CHECK(none.messages[0].starts_with("mamori: error: "));
    CHECK(review(dir, "json").exit_status == 2);
  }

  TEST_CASE("only the contact table, or one page, is named as such") {
    CHECK(review_text(
              {OverdueItem{"content/contacts.toml", "相談先一覧", {2020, 1, 1}, {2021, 1, 1}, 70, 58, 1, 12, true}}, 12,
              Date{2026, 11, 23})
              .starts_with("mamori review: on 2026-11-23, the contact table is overdue for review"));
    CHECK(
        review_text({OverdueItem{"content/a.md", "A", {2020, 1, 1}, {2021, 1, 1}, 70, 1, 1, 12, false}}, 12,
                    Date{2026, 11, 23})
            .find(
                "1 page is overdue for review (stale_after_months = 12), oldest first:\n  reviewed    due"
                "         overdue     file          title\n  2020-01-01  2021-01-01  1 month     content/a.md  A\n") !=
        std::string::npos);
  }
}
