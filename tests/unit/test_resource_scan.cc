#include <doctest/doctest.h>

#include "resource_scan.h"

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
              "https://x.example/y.css (@import in CSS)", "https://away.example/ (refresh of <meta>)"});
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
}
