#include <doctest/doctest.h>

#include "site/resource_scan.h"

using namespace mamori;

namespace {
std::vector<std::string> urls(const std::vector<ExternalResource>& found) {
  std::vector<std::string> out;
  for (const auto& r : found) out.push_back(r.url + " (" + r.what + ")");
  return out;
}
}  // namespace

TEST_SUITE("resource scan") {
  TEST_CASE("loads from other hosts are found in HTML") {
    const std::string html =
        "<script src=\"https://cdn.example/x.js\"></script>"
        "<link rel=stylesheet href='//fonts.example/css'>"
        "<img srcset=\"a.png 1x, https://img.example/b.png 2x\">"
        "<div style=\"background:url(http://t.example/p.gif)\"></div>"
        "<style>@import 'https://x.example/y.css';</style>"
        "<meta http-equiv=\"refresh\" content=\"0; url=https://away.example/\">";
    CHECK(urls(find_external_resources_in_html(html)) ==
          std::vector<std::string>{
              "https://cdn.example/x.js (src of <script>)", "//fonts.example/css (href of <link rel=\"stylesheet\">)",
              "https://img.example/b.png (srcset of <img>)", "http://t.example/p.gif (style attribute of <div>)",
              "https://x.example/y.css (@import in CSS)",
              "https://away.example/ (refresh of <meta>, which would navigate away)"});
  }

  TEST_CASE("links to cited pages, local files and template values are fine") {
    const std::string html =
        "<a href=\"https://www.meti.go.jp/\">METI</a>"
        "<link rel=\"stylesheet\" href=\"{{assets}}style.css\">"
        "<script src=\"../assets/mamori.js\"></script>"
        "<img src=\"data:image/png;base64,AAAA\">"
        "<!-- <script src=\"https://commented.example/\"></script> -->";
    CHECK(find_external_resources_in_html(html).empty());
  }

  TEST_CASE("CSS url() and @import") {
    CHECK(urls(find_external_resources_in_css(
              "a{background:url( \"https://x.example/a.png\" )}@import url(//y.example/b.css);")) ==
          std::vector<std::string>{"https://x.example/a.png (url() in CSS)", "//y.example/b.css (url() in CSS)"});
    CHECK(find_external_resources_in_css("a{background:url(img/a.png)}").empty());
  }

  TEST_CASE("entity-encoded URLs are decoded before they are checked") {
    const std::string html =
        "<img src=\"&#104;ttps://a.example/1.png\">"
        "<img src=\"&#x68;ttps&#x3A;//b.example/2.png\">"
        "<img src=\"https&colon;&sol;&sol;c.example/3.png\">"
        "<img src=\"&#104ttps://d.example/4.png\">"
        "<script src=\"&#0000106;avascript:alert(1)\"></script>";
    CHECK(urls(find_external_resources_in_html(html)) ==
          std::vector<std::string>{"https://a.example/1.png (src of <img>)", "https://b.example/2.png (src of <img>)",
                                   "https://c.example/3.png (src of <img>)", "https://d.example/4.png (src of <img>)",
                                   "javascript:alert(1) (src of <script>)"});
    CHECK(decode_html_references("a&amp;b&lt;&unknown;&#0;&#x110000;") == "a&b<&unknown;\uFFFD\uFFFD");
  }

  TEST_CASE("SVG image, use and script load what href and xlink:href name") {
    const std::string html =
        "<svg><image href=\"https://a.example/i.png\"/><use xlink:href=\"//b.example/s.svg#x\"/>"
        "<script href=\"https://c.example/s.js\"></script><use href=\"#local\"/>"
        "<a href=\"https://d.example/\">ok</a><a xlink:href=\"https://e.example/\">ok</a></svg>";
    CHECK(urls(find_external_resources_in_html(html)) ==
          std::vector<std::string>{"https://a.example/i.png (href of <image>)",
                                   "//b.example/s.svg#x (xlink:href of <use>)",
                                   "https://c.example/s.js (href of <script>)"});
  }

  TEST_CASE("a meta refresh to another origin is refused, however it is written") {
    const std::string html =
        "<meta http-equiv=refresh content=\"0; url='https://a.example/'\">"
        "<meta http-equiv=\"Refresh\" content=\"5;URL = \"\"><meta http-equiv=\"refresh\" content='1, //b.example/x'>"
        "<meta http-equiv=\"refresh\" content=\"0;url=&#104;ttps://c.example/\">"
        "<meta http-equiv=\"refresh\" content=\"0; url=data:text/html,x\">"
        "<meta http-equiv=\"refresh\" content=\"0; url=../index.html\"><meta http-equiv=\"refresh\" content=\"30\">";
    CHECK(urls(find_external_resources_in_html(html)) ==
          std::vector<std::string>{"https://a.example/ (refresh of <meta>, which would navigate away)",
                                   "//b.example/x (refresh of <meta>, which would navigate away)",
                                   "https://c.example/ (refresh of <meta>, which would navigate away)",
                                   "data:text/html,x (refresh of <meta>, which would navigate away)"});
  }

  TEST_CASE("CSS escapes, comments, image-set() and @import strings") {
    CHECK(urls(find_external_resources_in_css(
              "a{background:u\\72l(https://a.example/1.png)}"
              "b{background:\\75 rl(\"//b.example/2.png\")}"
              "c{background:url(https\\:\\/\\/c.example/3.png)}"
              "d{background-image:image-set(\"https://d.example/4.png\" 1x, 'local.png' 2x)}"
              "e{background-image:-webkit-image-set('https://e.example/5.png' 1x)}"
              "@import/**/\"https://f.example/6.css\";@\\69mport 'https://g.example/7.css';"
              "h{content:\"url(https://not-a-load.example/ in a string is still reported)\"}")) ==
          std::vector<std::string>{
              "https://a.example/1.png (url() in CSS)", "//b.example/2.png (url() in CSS)",
              "https://c.example/3.png (url() in CSS)",
              "https://not-a-load.example/ in a string is still reported (url() in CSS)",
              "https://f.example/6.css (@import in CSS)", "https://g.example/7.css (@import in CSS)",
              "https://d.example/4.png (image-set() in CSS)", "https://e.example/5.png (image-set() in CSS)"});
    CHECK(find_external_resources_in_css("a{background:url(a\\)b.png)} /* url(https://x.example/) */").empty());
  }

  TEST_CASE("character references inside <style> and style attributes") {
    CHECK(urls(find_external_resources_in_html(
              "<svg><style>@import \"&#104;ttps://a.example/x.css\";</style></svg>"
              "<div style=\"background:url(&quot;https://b.example/y.png&quot;)\"></div>")) ==
          std::vector<std::string>{"https://a.example/x.css (@import in CSS)",
                                   "https://b.example/y.png (style attribute of <div>)"});
  }

  TEST_CASE("broken markup never reads past the end") {
    for (const std::string html :
         {"<style a=\"", "<img src=\"&#", "<img src='&#x", "<meta http-equiv=refresh content=\"", "<style>\\",
          "<style>u\\72", "<a", "<", "<img src=&colon"}) {
      CAPTURE(html);
      (void)find_external_resources_in_html(html);
    }
    CHECK(find_external_resources_in_css("\\").empty());
    CHECK(find_external_resources_in_css("url(").empty());
  }
}
