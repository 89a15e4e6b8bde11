#include <doctest/doctest.h>

#include <string>

#include "search/html_text.h"

using namespace mamori;

TEST_SUITE("search html text") {
  TEST_CASE("blocks split at headings with ids") {
    const auto blocks = html_text_blocks(
        "<p>はじめに。</p>\n<h2 id=\"what-is\">\n経済安全保障とは\n</h2>\n<p>一つ目。</p>\n<p>二つ目。</p>\n"
        "<h3 id=\"law\">法律</h3><ul><li>A</li><li>B</li></ul>");
    REQUIRE(blocks.size() == 3);
    CHECK(blocks[0].anchor.empty());
    CHECK(blocks[0].text == "はじめに。");
    CHECK(blocks[1].anchor == "what-is");
    CHECK(blocks[1].heading == "経済安全保障とは");
    CHECK(blocks[1].text == "一つ目。 二つ目。");
    CHECK(blocks[2].heading == "法律");
    CHECK(blocks[2].text == "A B");
  }

  TEST_CASE("tag names are matched in any case, and only whole") {
    const auto blocks = html_text_blocks(
        "<P>a</P><FigCaption>b</figcaption><figcaptions>c</figcaptions>d<H2 ID=\"x\">"
        "<Hr/>e<h2 id=\"y\">E</H2><section-x>f</section-x><br>g<tbody\n>h");
    REQUIRE(blocks.size() == 2);
    CHECK(blocks[0].text == "a b cd e");
    CHECK(blocks[1].anchor == "y");
    CHECK(blocks[1].heading == "E");
    CHECK(blocks[1].text == "f g h");
  }

  TEST_CASE("a line break inside Japanese disappears, one between words stays a space") {
    const auto blocks = html_text_blocks("<p>不審な\nメールを開かない。USB\nメモリ and\nmore。\n「暗号化」</p>");
    REQUIRE(blocks.size() == 1);
    CHECK(blocks[0].text == "不審なメールを開かない。USB メモリ and more。「暗号化」");
  }

  TEST_CASE("only the characters either side of a line break decide whether it joins") {
    CHECK(html_text_blocks("<p>日本\n語 日本é\n語 abc\n日本 日本\n\nabc 本\xff\n語 本\n\xff語 本&#x3042;\n語</p>")[0]
              .text == "日本語 日本é 語 abc 日本 日本 abc 本\xff 語 本 \xff語 本あ語");
    CHECK(html_text_blocks("<p>𠮷\n野 \xe3\x81\n語</p>")[0].text == "𠮷野 \xe3\x81 語");
  }

  TEST_CASE("white space, '<' and '&' are found at every offset of a long run") {
    for (size_t n = 1; n <= 24; ++n) {
      CAPTURE(n);
      const std::string a(n, 'a');
      const std::string b(n, 'b');
      const std::string kana = std::string(n % 3 + 1, 'x') + "日本語の文章";
      const std::string html =
          "<p>" + a + " " + b + "&amp;" + a + "<em>" + b + "</em>\t" + kana + "\r\n" + a + "\x01" + b + "</p>";
      CHECK(html_text_blocks(html)[0].text == a + " " + b + "&" + a + b + " " + kana + " " + a + "\x01" + b);
    }
  }

  TEST_CASE("block elements separate their text, inline ones do not") {
    const auto blocks =
        html_text_blocks("<table><tr><td>電話</td><td>052</td></tr></table><p><strong>重</strong>要</p>");
    CHECK(blocks[0].text == "電話 052 重要");
  }

  TEST_CASE("entities are decoded, tags never reach the text") {
    const auto blocks =
        html_text_blocks("<p>&lt;script&gt; &amp; &quot;x&quot; &#39;y&#39; &#x41;&#66; &bogus; a&b</p>");
    CHECK(blocks[0].text == "<script> & \"x\" 'y' AB &bogus; a&b");
  }

  TEST_CASE("a heading without an id stays in the text; empty blocks are dropped") {
    const auto blocks = html_text_blocks("<h2>見出し</h2><p>本文</p><h2 id=\"a\">A</h2><h2 id=\"b\">B</h2><p>x</p>");
    REQUIRE(blocks.size() == 3);
    CHECK(blocks[0].text == "見出し 本文");
    CHECK(blocks[1].heading == "A");
    CHECK(blocks[1].text.empty());
    CHECK(blocks[2].text == "x");
  }

  TEST_CASE("broken markup does not crash") {
    CHECK(html_text_blocks("").empty());
    CHECK(html_text_blocks("<p>a<").size() == 1);
    CHECK(html_text_blocks("<h2 id=\"x\">unclosed").at(0).heading == "unclosed");
    CHECK(html_text_blocks("&#99999999999;&#xD800;&#0;").at(0).text == "&#99999999999;&#xD800;&#0;");
    CHECK(html_text_blocks("&;&#;&#x;").at(0).text == "&;&#;&#x;");  // found by fuzz_search
  }
}
