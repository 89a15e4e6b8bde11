#include <doctest/doctest.h>

#include <random>

#include "core/text.h"
#include "links/html_probe.h"

using namespace mamori;

TEST_SUITE("html probe") {
  TEST_CASE("a title that is not UTF-8 or holds terminal controls comes back printable") {
    const std::string html = "<title>\xFF\xFE ページが見つかりません \x1B]0;pwned\x07\x1B[31mred" +
                             std::string(1, '\0') + "\x0C\xC2\x9B\xE2\x80\xAE|[x](y) <b>&amp;</title>";
    const auto title = html_title(html);
    REQUIRE(title.has_value());
    CHECK(*title ==
          "\uFFFD\uFFFD ページが見つかりません \\x1B]0;pwned\\x07\\x1B[31mred\\x00\\x0C\\u009B\\u202E|[x](y) <b>&");
    CHECK(is_not_found_title(*title));
  }

  TEST_CASE("a long title is cut to 200 characters") {
    const auto title = html_title("<title>" + std::string(300, 'x') + "</title>");
    CHECK(*title == std::string(200, 'x') + "…");
  }

  TEST_CASE("ids and names, quoted or not, whose attribute name stands alone") {
    const HtmlProbe probe = probe_html(
        "<title>見出し</title><h2 id=\"初動\">x</h2><a name='old'></a><p id=bare>"
        "<div data-id=\"no\" grid=\"no\"><p\tid=tab/><p id=\"unclosed>");
    CHECK(probe.title == "見出し");
    CHECK(probe.ids == std::vector<std::string>{"初動", "old", "bare", "tab"});
    CHECK(html_has_fragment("<h2 id=\"初動\">", "%E5%88%9D%E5%8B%95"));
    CHECK_FALSE(html_has_fragment("<p id=\"unclosed>", "unclosed>"));
  }

  TEST_CASE("any bytes give a result, never an exception") {
    std::mt19937 random(7);
    const std::string alphabet = "<>=\"' /\t\nidnametitle&#;amp\xFF\xE3\x81\x80\x1B";
    for (int round = 0; round < 3000; ++round) {
      std::string html;
      const int length = static_cast<int>(random() % 200);
      for (int i = 0; i < length; ++i) html += alphabet[random() % alphabet.size()];
      const HtmlProbe probe = probe_html(html);
      if (probe.title) CHECK_FALSE(find_invalid_utf8(*probe.title).has_value());
    }
    CHECK_NOTHROW(probe_html(""));
    CHECK_NOTHROW(probe_html("id="));
    CHECK_NOTHROW(probe_html("<title>"));
    CHECK_NOTHROW(probe_html("<title></title"));
  }
}
