#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "helpers.h"
#include "site/loader.h"
#include "site/page_view.h"
#include "site/reading_time.h"

using namespace mamori;
using mamori::testing::TempDir;
using mamori::testing::write_minimal_project;
using nlohmann::json;

TEST_SUITE("reading time") {
  TEST_CASE("the text of rendered HTML: no tags, a reference is one character, no white space") {
    CHECK(text_length("<p>情報を<strong>守る</strong></p>\n<ul>\n<li>a b</li>\n</ul>\n") == 7);
    CHECK(text_length("<p>A&amp;B &#12354;</p>") == 4);
    CHECK(text_length("<!-- x --><p>漢字</p>") == 2);
    CHECK(text_length("") == 0);
  }

  TEST_CASE("eight bytes at a time: the same count as byte by byte, wherever tags and white space fall") {
    // The definition, one byte at a time.
    const auto by_bytes = [](std::string_view html) {
      size_t count = 0;
      for (size_t i = 0; i < html.size(); ++i) {
        const char c = html[i];
        if (c == '<') {
          const size_t end = html.find('>', i);
          if (end == std::string_view::npos) break;
          i = end;
        } else if (c == '&') {
          const size_t end = html.find(';', i);
          if (end != std::string_view::npos && end - i <= 32) i = end;
          ++count;
        } else if (c != ' ' && c != '\n' && c != '\t' && c != '\r' && (static_cast<unsigned char>(c) & 0xC0) != 0x80) {
          ++count;
        }
      }
      return count;
    };
    const std::vector<std::string> pieces = {"<p>",
                                             "</p>",
                                             "情報",
                                             "a",
                                             " ",
                                             "\n",
                                             "\t",
                                             "\r",
                                             "&amp;",
                                             "&",
                                             ";",
                                             "<",
                                             ">",
                                             "経済安全保障の基本",
                                             "text  and\n\tmore",
                                             "\x80",
                                             "\xFF",
                                             "\x7F",
                                             "\x1F",
                                             "!",
                                             "\xC2\xA0",
                                             "é"};
    uint32_t state = 12345;
    for (int round = 0; round < 3000; ++round) {
      std::string html;
      const int count = static_cast<int>(state % 40);
      for (int k = 0; k < count; ++k) {
        state = state * 1103515245 + 12345;
        html += pieces[(state >> 16) % pieces.size()];
      }
      CAPTURE(html);
      CHECK(text_length(html) == by_bytes(html));
    }
    CHECK(text_length("abcdefgh") == 8);
    CHECK(text_length("あいうえおか") == 6);
    CHECK(text_length("a b\tc\nd\re f g h i") == 9);
  }

  TEST_CASE("minutes at 500 characters a minute, rounded up") {
    CHECK(kReadingRate == 500);
    CHECK(reading_minutes(0) == 0);
    CHECK(reading_minutes(1) == 1);
    CHECK(reading_minutes(500) == 1);
    CHECK(reading_minutes(501) == 2);
    CHECK(reading_minutes(4321) == 9);
  }

  TEST_CASE("a section counts its own page, its pages and its subsections'") {
    TempDir dir;
    write_minimal_project(dir);
    dir.write("content/cyber/_index.md", "+++\ntitle = \"サイバー\"\n+++\n");
    dir.write("content/cyber/a.md", "+++\ntitle = \"A\"\n+++\n");
    dir.write("content/cyber/deep/_index.md", "+++\ntitle = \"深い\"\n+++\n");
    dir.write("content/cyber/deep/d.md", "+++\ntitle = \"D\"\n+++\n");
    dir.write("content/incident/_index.md", "+++\ntitle = \"事後\"\n+++\n");
    Diagnostics diagnostics;
    const auto site = load_site(dir.path(), {}, diagnostics);
    REQUIRE(site.has_value());
    std::vector<size_t> lengths(site->pages.size(), 0);
    lengths[index_of(*site->page_id("cyber/_index.md"))] = 100;
    lengths[index_of(*site->page_id("cyber/a.md"))] = 450;
    lengths[index_of(*site->page_id("cyber/deep/_index.md"))] = 10;
    lengths[index_of(*site->page_id("cyber/deep/d.md"))] = 490;
    lengths[index_of(*site->page_id("incident/_index.md"))] = 1;
    const std::vector<int> minutes = section_reading_minutes(*site, lengths);
    const json home = page_view(*site, *site->page_id("_index.md"), {}, Date{2026, 11, 23}, &minutes);
    CHECK(home["reading_rate"] == 500);
    REQUIRE(home["sections"].size() == 2);
    CHECK(home["sections"][0]["title"] == "サイバー");
    CHECK(home["sections"][0]["reading_minutes"] == 3);  // 1,050 characters
    CHECK(home["sections"][1]["reading_minutes"] == 1);
    const json deep = page_view(*site, *site->page_id("cyber/_index.md"), {}, Date{2026, 11, 23}, &minutes);
    CHECK(deep["sections"][0]["reading_minutes"] == 1);  // 500 characters
    // Without the times (every page but the home page is rendered before they are known).
    CHECK_FALSE(page_view(*site, *site->page_id("_index.md"), {}, Date{2026, 11, 23}).contains("reading_rate"));
  }
}
