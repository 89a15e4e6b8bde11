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
}
