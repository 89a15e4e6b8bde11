#include <doctest/doctest.h>

#include "links/report.h"

using namespace mamori;

namespace {

// A result as a hostile server can shape it: bytes that are not UTF-8, terminal controls,
// a NUL, a bidi override, and Markdown that would start a link.
std::vector<LinkResult> hostile() {
  LinkResult r;
  r.url = "https://a.jp/x";
  r.verdict = Verdict::broken;
  r.reason = std::string("soft 404: \xFF\x1B]0;pwned\x07\x1B[31m") + '\0' + "\xE2\x80\xAE|[x](https://evil.jp/)<b>";
  r.sources = {LinkSource{"content/\xFE|x.md", 3}};
  return {r};
}

}  // namespace

TEST_SUITE("link report") {
  TEST_CASE("text: nothing from a server acts on the terminal") {
    CHECK(text_report(hostile(), {}, false) ==
          "content/\uFFFD|x.md\n"
          "  3: broken https://a.jp/x\n"
          "      soft 404: \uFFFD\\x1B]0;pwned\\x07\\x1B[31m\\x00\\u202E|[x](https://evil.jp/)<b>\n"
          "      fix: find where the page moved on the agency's site and cite that, or remove the link\n"
          "1 links: 0 ok, 0 redirected, 1 broken, 0 timeout, 0 unreachable, 0 blocked, 0 skipped\n");
  }

  TEST_CASE("JSON: valid UTF-8 and printable strings, never an exception") {
    Diagnostic d;
    d.path = "content/\xFF.md";
    d.message = "link to missing page '\x1B[2J'";
    d.line = 5;
    d.column = 1;
    const std::string json = json_report(hostile(), {d});
    CHECK(json.find(R"("reason": "soft 404: )"
                    "\uFFFD"
                    R"(\\x1B]0;pwned\\x07\\x1B[31m\\x00\\u202E|[x](https://evil.jp/)<b>")") != std::string::npos);
    CHECK(json.find(R"("file": "content/)"
                    "\uFFFD"
                    R"(|x.md")") != std::string::npos);
    CHECK(json.find(R"("file": "content/)"
                    "\uFFFD"
                    R"(.md")") != std::string::npos);
    CHECK(json.find(R"("message": "link to missing page '\\x1B[2J'")") != std::string::npos);
  }

  TEST_CASE("JUnit: well-formed XML 1.0 whatever the server sent") {
    const std::string xml = junit_report(hostile(), {});
    CHECK(xml.find("    <testcase classname=\"content/\uFFFD|x.md:3\" name=\"https://a.jp/x\">\n"
                   "      <failure type=\"broken\" message=\"soft 404: \uFFFD\\x1B]0;pwned\\x07\\x1B[31m\\x00\\u202E"
                   "|[x](https://evil.jp/)&lt;b&gt;\">") != std::string::npos);
    for (const char c : xml) {
      const auto b = static_cast<unsigned char>(c);
      CHECK((b >= 0x20 || c == '\n'));
    }
  }

  TEST_CASE("Markdown: a cell stays one cell of text") {
    const std::string md = markdown_report(hostile(), {});
    CHECK(md.find("| content/\uFFFD\\|x.md:3 | broken | https://a.jp/x | soft 404: \uFFFD\\\\x1B\\]0;pwned\\\\x07"
                  "\\\\x1B\\[31m\\\\x00\\\\u202E\\|\\[x\\](https://evil.jp/)\\<b\\> | find where the page moved on the "
                  "agency's site and cite that, or remove the link |\n") != std::string::npos);
  }
}
