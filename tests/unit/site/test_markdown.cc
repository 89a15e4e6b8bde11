#include <doctest/doctest.h>

#include <atomic>
#include <thread>

#include "helpers.h"
#include "site/markdown.h"

using namespace mamori;
using mamori::testing::formatted;

namespace {

// Resolves "x.md" to "x.html" and refuses everything else, recording what it was asked.
class FakeResolver final : public LinkResolver {
 public:
  Result<ResolvedLink> resolve(std::string_view url, bool, int line, int column) const override {
    asked.push_back(std::string(url) + "@" + std::to_string(line) + ":" + std::to_string(column));
    if (url.ends_with(".md")) return ResolvedLink{std::string(url.substr(0, url.size() - 3)) + ".html", std::nullopt};
    return Error{"missing '" + std::string(url) + "'"};
  }
  mutable std::vector<std::string> asked;
};

// The ids the default theme uses, as far as these cases need them.
const ReservedIds kThemeIds = {"m-main", "quiz-result"};

// Renders with a resolver of its own: nothing a case asks leaks into the next.
RenderedMarkdown render(std::string_view body, int first_line = 1) {
  const FakeResolver resolver;
  return render_markdown(body, first_line, resolver, kThemeIds);
}

}  // namespace

TEST_SUITE("markdown") {
  TEST_CASE("headings get ids that keep Japanese and are unique") {
    const auto r = render("## 初動対応\n\n## 初動対応\n\n### Step 1: 連絡\n");
    REQUIRE(r.headings.size() == 3);
    CHECK(r.headings[0].id == "初動対応");
    CHECK(r.headings[1].id == "初動対応-1");
    CHECK(r.headings[2].id == "step-1-連絡");
    CHECK(r.headings[2].level == 3);
    CHECK(r.html.find("<h2 id=\"初動対応\">") != std::string::npos);
    CHECK(r.diagnostics.empty());
  }

  TEST_CASE("an explicit {#id} wins and is removed from the text") {
    const auto r = render("## 初動対応の手順 {#first_response}\n");
    REQUIRE(r.headings.size() == 1);
    CHECK(r.headings[0].id == "first_response");
    CHECK(r.headings[0].text == "初動対応の手順");
    CHECK(r.html.find("<h2 id=\"first_response\">") != std::string::npos);
    CHECK(r.html.find("{#") == std::string::npos);
  }

  TEST_CASE("an explicit id used twice is an error") {
    const auto r = render("## A {#x}\n\n## B {#x}\n", 5);
    CHECK(formatted(r.diagnostics) ==
          std::vector<std::string>{"7:1: error: heading id 'x' is used twice on this page"});
  }

  TEST_CASE("an explicit id the theme uses itself is reserved, with a suggestion") {
    const auto r = render("## 本文 {#m-main}\n\n## 採点 {#quiz-result}\n", 3);
    CHECK(formatted(r.diagnostics) ==
          std::vector<std::string>{
              "3:1: error: heading id 'm-main' is reserved by the theme: choose another, such as 'm-main-1'",
              "5:1: error: heading id 'quiz-result' is reserved by the theme: choose another, such as "
              "'quiz-result-1'"});
  }

  TEST_CASE("repeated autolinks are each found where they are written") {
    // cmark-gfm gives URL and e-mail autolinks no position: they are looked up in the text.
    const auto r = render("https://example.jp と https://example.jp\n続き https://example.jp x@y.jp と x@y.jp\n", 4);
    REQUIRE(r.links.size() == 5);
    CHECK(r.links[0].column == 1);
    CHECK(r.links[1].line == 4);
    CHECK(r.links[1].column == 22);
    CHECK(r.links[2].line == 5);
    CHECK(r.links[2].column == 4);
    CHECK(r.links[3].column == 23);
    CHECK(r.links[4].column == 32);
  }

  TEST_CASE("an <autolink> in a list, a quote or on a later line of a paragraph is placed at its '<'") {
    // Regression (testers' reports): cmark-gfm counts such a column from the paragraph's
    // content (here 2:48 and 4:6 before the fix; in the list and the quotes below, 5).
    const auto nested = render("- abc <http:/b1>\n  - abc <http:/b2>\n\n> > abc <http:/b4> <http:/b4>\n");
    CHECK(formatted(nested.diagnostics) ==
          std::vector<std::string>{"1:7: error: malformed web address 'http:/b1' (did you mean 'http://b1'?)",
                                   "2:9: error: malformed web address 'http:/b2' (did you mean 'http://b2'?)",
                                   "4:9: error: malformed web address 'http:/b4' (did you mean 'http://b4'?)",
                                   "4:20: error: malformed web address 'http:/b4' (did you mean 'http://b4'?)"});
    const auto r =
        render("[a](javascript:1)\n[d](https://www.meti.go.jp/) <javascript:x>\n- 項目\n  続き <vbscript:y>\n");
    CHECK(formatted(r.diagnostics) ==
          std::vector<std::string>{
              "1:1: error: unsafe link 'javascript:1' is not allowed: use https:, http:, mailto:, tel: or a relative "
              "link",
              "2:30: error: unsafe link 'javascript:x' is not allowed: use https:, http:, mailto:, tel: or a relative "
              "link",
              "4:6: error: unsafe link 'vbscript:y' is not allowed: use https:, http:, mailto:, tel: or a relative "
              "link"});
  }

  TEST_CASE("in-page fragment links are checked against the headings") {
    const auto r = render("[上へ](#概要) [x](#概容) [y](#%E6%A6%82%E8%A6%81)\n\n## 概要\n", 10);
    CHECK(
        formatted(r.diagnostics) ==
        std::vector<std::string>{"10:11: error: link to missing heading '#概容' on this page (did you mean '#概要'?)"});
    CHECK(r.html.find("href=\"#%E6%A6%82%E8%A6%81\"") != std::string::npos);  // cmark encodes hrefs
  }

  TEST_CASE("only the first ten missing headings of a page get a hint (each compares with every heading)") {
    std::string body = "## 概要\n\n";
    for (int i = 0; i < 11; ++i) body += "[x](#概容)\n";
    const auto messages = formatted(render(body).diagnostics);
    REQUIRE(messages.size() == 11);
    CHECK(messages[9] == "12:1: error: link to missing heading '#概容' on this page (did you mean '#概要'?)");
    CHECK(messages[10] == "13:1: error: link to missing heading '#概容' on this page");
  }

  TEST_CASE("autolinks in headings survive the heading's rewrite (ASan: no use after free)") {
    const auto r = render("## https://example.jp/guide の見方\n\n### 連絡先 x@y.jp\n");
    REQUIRE(r.links.size() == 2);
    CHECK(r.links[0].url == "https://example.jp/guide");
    CHECK(r.links[1].url == "mailto:x@y.jp");
    CHECK(r.html.find("<a href=\"https://example.jp/guide\">https://example.jp/guide</a>") != std::string::npos);
  }

  TEST_CASE("relative links go through the resolver with file positions") {
    const FakeResolver resolver;
    const auto r = render_markdown("本文と[リンク](other.md)\n\n- 項目 [壊れた](gone.txt)\n", 4, resolver, kThemeIds);
    CHECK(resolver.asked == std::vector<std::string>{"other.md@4:4", "gone.txt@6:6"});
    CHECK(formatted(r.diagnostics) == std::vector<std::string>{"6:6: error: missing 'gone.txt'"});
    CHECK(r.html.find("<a href=\"other.html\">リンク</a>") != std::string::npos);
    // A link that cannot be resolved keeps its text and loses its href.
    CHECK(r.html.find("壊れた") != std::string::npos);
    CHECK(r.html.find("gone.txt") == std::string::npos);
  }

  TEST_CASE("links are listed for the link checker, autolinks included") {
    const auto r = render("見る: https://www.ipa.go.jp/security/ と [METI](https://www.meti.go.jp/)\n");
    REQUIRE(r.links.size() == 2);
    CHECK(r.links[0].url == "https://www.ipa.go.jp/security/");
    CHECK(r.links[0].line == 1);
    CHECK(r.links[0].column == 5);
    CHECK(r.links[1].url == "https://www.meti.go.jp/");
    CHECK(r.links[1].column == 39);
  }

  TEST_CASE("raw HTML never reaches the output") {
    const auto r = render("<script>alert(1)</script>\n\n段落 <img src=x onerror=alert(1)> です\n\n<!-- メモ -->\n");
    CHECK(r.html.find("<script") == std::string::npos);
    CHECK(r.html.find("onerror") == std::string::npos);
    CHECK(r.html.find("<img") == std::string::npos);
    CHECK(formatted(r.diagnostics) ==
          std::vector<std::string>{"1:1: warning: raw HTML is not allowed in Markdown and was left out",
                                   "3:4: warning: raw HTML is not allowed in Markdown and was left out"});
  }

  TEST_CASE("javascript:, data: and other schemes never reach an href or src") {
    const auto r = render(
        "[a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) [c](data:text/html;base64,PHNjcmlwdD4=)\n"
        "![d](data:image/png;base64,AAAA) [e](vbscript:x) [f](//evil.example/)\n"
        "[g](java&#x09;script:alert(1))\n");
    CHECK(r.html.find("javascript") == std::string::npos);
    CHECK(r.html.find("JAVASCRIPT") == std::string::npos);
    CHECK(r.html.find("data:") == std::string::npos);
    CHECK(r.html.find("vbscript") == std::string::npos);
    CHECK(r.html.find("evil") == std::string::npos);
    CHECK(r.html.find("href") == std::string::npos);
    CHECK(r.html.find("src") == std::string::npos);
    CHECK(
        formatted(r.diagnostics) ==
        std::vector<std::string>{
            "1:1: error: unsafe link 'javascript:alert(1)' is not allowed: use https:, http:, mailto:, tel: or a "
            "relative link",
            "1:26: error: unsafe link 'JAVASCRIPT:alert(1)' is not allowed: use https:, http:, mailto:, tel: or a "
            "relative link",
            "1:51: error: unsafe link 'data:text/html;base64,PHNjcmlwdD4=' is not allowed: use https:, http:, mailto:, "
            "tel: or a relative link",
            "2:1: error: unsafe image 'data:image/png;base64,AAAA' is not allowed: images must be files under content/",
            "2:34: error: unsafe link 'vbscript:x' is not allowed: use https:, http:, mailto:, tel: or a relative link",
            "2:50: error: unsafe link '//evil.example/' is not allowed: use https:, http:, mailto:, tel: or a relative "
            "link",
            "3:1: error: unsafe link 'java\\x09script:alert(1)' is not allowed: use https:, http:, mailto:, tel: or a "
            "relative link"});
  }

  TEST_CASE("a web address without its slashes or with a broken host is an error, with the fix where one is clear") {
    const auto r = render(
        "[a](https:evil.example/p.md) [b](http:/www.meti.go.jp/) [c](https://[::1/x)\n"
        "[d](https://www.meti.go.jp/) <https:/x.jp>\n");
    CHECK(r.html.find("evil") == std::string::npos);
    CHECK(r.html.find("[::1") == std::string::npos);
    CHECK(r.html.find("<a href=\"https://www.meti.go.jp/\">d</a>") != std::string::npos);
    // Regression (found reading the change): "https:/" has no host to suggest; it threw.
    CHECK(formatted(render("[x](https:/) [y](http:) [z](https:/?q)\n").diagnostics) ==
          std::vector<std::string>{"1:1: error: malformed web address 'https:/'",
                                   "1:14: error: malformed web address 'http:'",
                                   "1:25: error: malformed web address 'https:/?q'"});
    // A space in the path of a link in <…> is CommonMark, and stays a link.
    const auto spaced = render("[e](<https://a.jp/a b>)\n");
    CHECK(spaced.diagnostics.empty());
    CHECK(spaced.html.find("href=\"https://a.jp/a%20b\"") != std::string::npos);
    CHECK(formatted(r.diagnostics) ==
          std::vector<std::string>{
              "1:1: error: malformed web address 'https:evil.example/p.md' (did you mean 'https://evil.example/p.md'?)",
              "1:30: error: malformed web address 'http:/www.meti.go.jp/' (did you mean 'http://www.meti.go.jp/'?)",
              "1:57: error: malformed web address 'https://[::1/x'",
              "2:30: error: malformed web address 'https:/x.jp' (did you mean 'https://x.jp'?)"});
  }

  TEST_CASE("images from other hosts are refused") {
    const auto r = render("![図](https://example.jp/a.png)\n");
    CHECK(r.html.find("<img") == std::string::npos);
    CHECK(
        formatted(r.diagnostics) ==
        std::vector<std::string>{"1:1: error: image 'https://example.jp/a.png' would be loaded from outside the site: "
                                 "save it under content/ and link it relatively"});
  }

  TEST_CASE("task lists become labelled checkboxes") {
    const auto r = render("- [ ] 鍵をかける\n- [x] 画面ロック\n");
    CHECK(r.html.find("<input type=\"checkbox\" class=\"task\" aria-labelledby=\"task-1\"><div class=\"task-text\" "
                      "id=\"task-1\">") != std::string::npos);
    CHECK(r.html.find("aria-labelledby=\"task-2\" checked>") != std::string::npos);
    CHECK(r.html.find("disabled") == std::string::npos);
  }

  TEST_CASE("tables scroll in a labelled region and carry no style attributes") {
    const auto r = render("| 左 | 右 |\n|:--|--:|\n| a | b |\n");
    CHECK(r.html.find("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"表\">\n<table>") !=
          std::string::npos);
    CHECK(r.html.find("align") == std::string::npos);
    CHECK(r.html.find("style") == std::string::npos);
  }

  TEST_CASE("table header cells are column headers (scope=col), body cells stay plain") {
    const auto r = render("| 窓口 | 電話 |\n|:--|--:|\n| **警察**（代表） | 052-951-1611 |\n| 空 |\n");
    CHECK(r.html ==
          "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"表\">\n"
          "<table>\n<thead>\n<tr>\n"
          "<th scope=\"col\">窓口</th>\n<th scope=\"col\">電話</th>\n"
          "</tr>\n</thead>\n<tbody>\n<tr>\n"
          "<td><strong>警察</strong>（代表）</td>\n<td>052-951-1611</td>\n"
          "</tr>\n<tr>\n<td>空</td>\n<td></td>\n</tr>\n</tbody>\n</table>\n</div>\n");
  }

  TEST_CASE("a table of only a header row has no tbody; cells keep their links and code") {
    const auto r = render("| [手順](a.md) | `x\\|y` z |\n|---|---|\n\n後の段落\n");
    CHECK(r.html ==
          "<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"表\">\n"
          "<table>\n<thead>\n<tr>\n"
          "<th scope=\"col\"><a href=\"a.html\">手順</a></th>\n<th scope=\"col\"><code>x|y</code> z</th>\n"
          "</tr>\n</thead>\n</table>\n</div>\n<p>後の段落</p>\n");
    CHECK(r.links.size() == 1);
  }

  TEST_CASE("strikethrough and autolinks are GFM") {
    const auto r = render("~~古い~~ www.ipa.go.jp\n");
    CHECK(r.html.find("<del>古い</del>") != std::string::npos);
    CHECK(r.html.find("<a href=\"http://www.ipa.go.jp\">www.ipa.go.jp</a>") != std::string::npos);
  }

  TEST_CASE("pathological input renders without crashing") {
    const std::string quotes(30000, '>');
    CHECK_FALSE(render(quotes + " deep\n").html.empty());
    std::string items;
    for (int i = 0; i < 20000; ++i) items += std::string(static_cast<size_t>(i % 40) * 2, ' ') + "- item\n";
    CHECK_FALSE(render(items).html.empty());
    const std::string long_line(5 << 20, 'a');
    CHECK(render(long_line).html.size() > long_line.size());
    CHECK_FALSE(render(std::string(20000, '[') + std::string(20000, ']')).html.empty());
  }
}

TEST_SUITE("markdown: pages in parallel") {
  // cmark-gfm keeps the bytes that start an inline in a global that each parse fills and
  // clears (github/cmark-gfm#176): a page parsed while another finished lost its autolinks
  // and strikethrough, so the same page rendered differently from one build to the next.
  TEST_CASE("pages rendered at the same time render as they do alone") {
    std::string body;
    for (int i = 0; i < 20; ++i) body += "見る https://example.jp/a と ~~古い~~ **「重要」**です\n\n";
    const std::string alone = render(body).html;
    std::atomic<int> different{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&] {
        for (int i = 0; i < 200; ++i) {
          if (render(body).html != alone) ++different;
        }
      });
    }
    for (auto& thread : threads) thread.join();
    CHECK(different.load() == 0);
    CHECK(alone.find("<strong>「重要」</strong>") != std::string::npos);
  }
}

TEST_SUITE("markdown: found by fuzzing") {
  // fuzz_markdown: the autolink's URL pointed into the heading's buffer, which was freed
  // before the link was read (heap-use-after-free under ASan).
  TEST_CASE("an autolink in a heading is read after the heading is rewritten") {
    const RenderedMarkdown out = render("## https://次に\n");
    REQUIRE(out.links.size() == 1);
    CHECK(out.links[0].url == "https://次に");
    CHECK(out.html.find("<h2 id=") != std::string::npos);
  }
}
