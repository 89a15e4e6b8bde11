#include <doctest/doctest.h>

#include "helpers.h"
#include "site/config.h"

using namespace mamori;
using mamori::testing::formatted;

TEST_SUITE("config") {
  TEST_CASE("settings and defaults") {
    std::vector<Diagnostic> out;
    const SiteConfig config =
        parse_config("title = \"ポータル\"\nbase_url = \"https://intra.example.jp/mamori\"\n", out);
    CHECK(out.empty());
    CHECK(config.title == "ポータル");
    CHECK(config.language == "ja");
    CHECK(config.base_url == "https://intra.example.jp/mamori/");
    CHECK(config.theme == "default");
    CHECK(config.stale_after_months == 12);
    CHECK(config.reader_notice_after_months == 0);  // no notice for readers unless asked
  }

  TEST_CASE("the ages after which a page is overdue for review, and after which readers are told") {
    std::vector<Diagnostic> out;
    const SiteConfig config =
        parse_config("title = \"t\"\nstale_after_months = 6\nreader_notice_after_months = 36\n", out);
    CHECK(out.empty());
    CHECK(config.stale_after_months == 6);
    CHECK(config.reader_notice_after_months == 36);
    parse_config("title = \"t\"\nreader_notice_after_months = -1\nreader_notice_after_month = 2\n", out);
    CHECK(formatted(out) ==
          std::vector<std::string>{"2:30: error: 'reader_notice_after_months' must be between 0 and 240",
                                   "3:1: error: unknown key 'reader_notice_after_month' (did you mean "
                                   "'reader_notice_after_months'?)"});
  }

  TEST_CASE("[links] user_agent is sent as a header: printable ASCII on one line") {
    std::vector<Diagnostic> out;
    SiteConfig config =
        parse_config("title = \"t\"\n[links]\nuser_agent = \"portal/1.0 (+https://intra.example.jp/)\"\n", out);
    CHECK(out.empty());
    CHECK(config.links.user_agent == "portal/1.0 (+https://intra.example.jp/)");
    // Regression (testers' reports): a CR LF added a header; non-ASCII and blanks got through
    // (a U+0085 is refused as a control character, as in every string of mamori.toml).
    for (const char* value : {"x\\r\\nX-Injected: 1", "社内", "  "}) {
      CAPTURE(std::string(value));
      out.clear();
      config = parse_config("title = \"t\"\n[links]\nuser_agent = \"" + std::string(value) + "\"\n", out);
      CHECK(config.links.user_agent.empty());
      CHECK(formatted(out) == std::vector<std::string>{"3:14: error: 'links.user_agent' must be printable ASCII on one "
                                                       "line (it is sent as a header)"});
    }
  }

  TEST_CASE("problems are reported with positions") {
    std::vector<Diagnostic> out;
    parse_config("titel = \"x\"\nstale_after_months = 0\nbase_url = \"intra/\"\ntheme = \"../x\"\n", out);
    CHECK(
        formatted(out) ==
        std::vector<std::string>{
            "1:1: error: missing required key 'title'",
            "3:12: error: 'base_url' must start with https:// or http://, like \"https://intranet.example.jp/mamori/\"",
            "4:9: error: 'theme' must be the name of a folder under themes/",
            "2:22: error: 'stale_after_months' must be between 1 and 120",
            "1:1: error: unknown key 'titel' (did you mean 'title'?)"});
  }

  TEST_CASE("[training]: the fields asked, the issuer and the deadline") {
    std::vector<Diagnostic> out;
    const SiteConfig config = parse_config(
        "title = \"t\"\n[training]\nask = [\"department\", \"employee_id\"]\n"
        "organisation = \"  株式会社サンプル\u3000\"\ndeadline = 2026-12-25\n",
        out);
    CHECK(formatted(out).empty());
    CHECK(config.training.ask == std::vector<std::string>{"department", "employee_id"});
    CHECK(config.training.organisation == "株式会社サンプル");
    CHECK(config.training.deadline == Date{2026, 12, 25});
  }

  TEST_CASE("[training] is optional; so is each of its keys, and a quoted date is a date") {
    std::vector<Diagnostic> out;
    SiteConfig config = parse_config("title = \"t\"\n", out);
    CHECK(config.training.ask.empty());
    CHECK(config.training.organisation.empty());
    CHECK_FALSE(config.training.deadline.has_value());
    config = parse_config("title = \"t\"\n[training]\ndeadline = \"2028-02-29\"\nask = []\n", out);
    CHECK(formatted(out).empty());
    CHECK(config.training.deadline == Date{2028, 2, 29});
    CHECK(config.training.ask.empty());
  }

  TEST_CASE("[training] ask: unknown and repeated fields are errors at the item") {
    std::vector<Diagnostic> out;
    const SiteConfig config = parse_config(
        "title = \"t\"\n[training]\nask = [\"employe_id\", \"department\", \"department\", \"氏名\"]\n", out);
    CHECK(formatted(out) == std::vector<std::string>{
                                "3:8: error: [training] ask: unknown field 'employe_id' (did you mean "
                                "'employee_id'?); known: employee_id, department",
                                "3:36: error: [training] ask: 'department' is listed twice",
                                "3:50: error: [training] ask: unknown field '氏名'; known: employee_id, department"});
    CHECK(config.training.ask == std::vector<std::string>{"department"});
  }

  TEST_CASE("[training] organisation: not blank, one line, at most 200 characters") {
    std::vector<Diagnostic> out;
    parse_config("title = \"t\"\n[training]\norganisation = \" \\u3000 \"\n", out);
    parse_config("title = \"t\"\n[training]\norganisation = \"総務部\\n人事課\"\n", out);
    parse_config("title = \"t\"\n[training]\norganisation = \"" + mamori::testing::repeat("社", 201) + "\"\n", out);
    SiteConfig config =
        parse_config("title = \"t\"\n[training]\norganisation = \"" + mamori::testing::repeat("社", 200) + "\"\n", out);
    CHECK(formatted(out) ==
          std::vector<std::string>{
              "3:16: error: [training] organisation must not be empty (leave it out to name the site title as the "
              "issuer)",
              "3:16: error: [training] organisation must be one line",
              "3:16: error: [training] organisation is 201 characters long; at most 200 fit on a certificate"});
    CHECK(config.training.organisation == mamori::testing::repeat("社", 200));
  }

  TEST_CASE("[training] hand_in: a short text, trimmed, its lines kept") {
    std::vector<Diagnostic> out;
    parse_config("title = \"t\"\n[training]\nhand_in = \" \\u3000 \"\n", out);
    parse_config("title = \"t\"\n[training]\nhand_in = \"" + mamori::testing::repeat("あ", 501) + "\"\n", out);
    const SiteConfig config = parse_config(
        "title = \"t\"\n[training]\nhand_in = "
        "\"\"\"\n人事部の共有フォルダに保存してください。\n締切は月末です。\n\"\"\"\n",
        out);
    CHECK(formatted(out) ==
          std::vector<std::string>{
              "3:11: error: [training] hand_in must not be empty (leave it out for the general sentence)",
              "3:11: error: [training] hand_in is 501 characters long; at most 500 (say where the file goes; link a "
              "page for the details)"});
    CHECK(config.training.hand_in == "人事部の共有フォルダに保存してください。\n締切は月末です。");
  }

  TEST_CASE("[training] deadline: a day of the calendar, as a TOML date or \"YYYY-MM-DD\"") {
    std::vector<Diagnostic> out;
    for (const char* value : {"\"2026-02-30\"", "\"2026/12/25\"", "2026-12-25T17:00:00", "2026-12-25 17:00:00+09:00",
                              "17:00:00", "20261225", "[2026-12-25]"}) {
      const SiteConfig config = parse_config("title = \"t\"\n[training]\ndeadline = " + std::string(value) + "\n", out);
      CHECK_FALSE(config.training.deadline.has_value());
    }
    CHECK(
        formatted(out) ==
        std::vector<std::string>{
            "3:12: error: [training] deadline '2026-02-30' is not a date: write the day as YYYY-MM-DD, like 2026-12-25",
            "3:12: error: [training] deadline '2026/12/25' is not a date: write the day as YYYY-MM-DD, like 2026-12-25",
            "3:12: error: [training] deadline must be a date like 2026-12-25, not a date with a time",
            "3:12: error: [training] deadline must be a date like 2026-12-25, not a date with a time",
            "3:12: error: [training] deadline must be a date like 2026-12-25, not a time",
            "3:12: error: [training] deadline must be a date like 2026-12-25, not an integer",
            "3:12: error: [training] deadline must be a date like 2026-12-25, not a list"});
  }

  TEST_CASE("[training]: unknown keys get a hint; a [training] that is not a table is an error") {
    std::vector<Diagnostic> out;
    parse_config("title = \"t\"\n[training]\nasks = []\norganization = \"x\"\n", out);
    parse_config("title = \"t\"\ntraining = \"yes\"\n", out);
    CHECK(formatted(out) ==
          std::vector<std::string>{
              "3:1: error: unknown key 'training.asks' (did you mean 'training.ask'?)",
              "4:1: error: unknown key 'training.organization' (did you mean 'training.organisation'?)",
              "2:12: error: 'training' must be a table ([training]), not a string"});
  }
}
