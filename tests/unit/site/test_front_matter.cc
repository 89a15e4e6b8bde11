#include <doctest/doctest.h>

#include "site/front_matter.h"

using namespace mamori;

TEST_SUITE("front matter") {
  TEST_CASE("front matter and body are split at the fences") {
    const auto result = split_front_matter("+++\ntitle = \"x\"\n+++\n本文\n");
    const auto& split = std::get<FrontMatterSplit>(result);
    CHECK(split.toml == "title = \"x\"\n");
    CHECK(split.toml_first_line == 2);
    CHECK(split.body == "本文\n");
    CHECK(split.body_first_line == 4);
  }

  TEST_CASE("CRLF line endings and trailing spaces on fences are accepted") {
    const auto result = split_front_matter("+++ \r\ntitle = \"x\"\r\n+++\r\nbody");
    const auto& split = std::get<FrontMatterSplit>(result);
    CHECK(split.toml == "title = \"x\"\r\n");
    CHECK(split.body == "body");
  }

  TEST_CASE("a page without a body is fine") {
    const auto result = split_front_matter("+++\ntitle = \"x\"\n+++");
    const auto& split = std::get<FrontMatterSplit>(result);
    CHECK(split.body.empty());
  }

  TEST_CASE("a missing opening fence is reported at 1:1") {
    const auto result = split_front_matter("# 見出し\n");
    const auto& d = std::get<Diagnostic>(result);
    CHECK(format_diagnostic(d) ==
          "1:1: error: missing front matter: a page starts with a '+++' line, then TOML such as title = \"…\", then "
          "'+++'");
  }

  TEST_CASE("unclosed front matter is reported at the opening fence") {
    const auto unclosed = split_front_matter("+++\ntitle = \"x\"\n\n本文\n");
    const auto& d = std::get<Diagnostic>(unclosed);
    CHECK(format_diagnostic(d) == "1:1: error: front matter is not closed: add a '+++' line after it");
    const auto fence_only = split_front_matter("+++");
    const auto& only_fence = std::get<Diagnostic>(fence_only);
    CHECK(format_diagnostic(only_fence) == "1:1: error: front matter is not closed: add a '+++' line after it");
  }

  TEST_CASE("CR-only line ends (old Mac) are named, at the first lone CR") {
    const std::string message =
        "error: this line ends with a CR alone (the line ends of old Mac editors): save the file with LF or CRLF "
        "line ends";
    const auto mac = split_front_matter("+++\rtitle = \"x\"\r+++\r本文\r");
    CHECK(format_diagnostic(std::get<Diagnostic>(mac)) == "1:4: " + message);
    // LF fences, but a lone CR hides the closing one.
    const auto mixed = split_front_matter("+++\ntitle = \"題\"\r+++\n本文\n");
    CHECK(format_diagnostic(std::get<Diagnostic>(mixed)) == "2:12: " + message);
    // A lone CR anywhere in the front matter, fences included, even where TOML or the fence
    // test would pass it: the body's first line must be counted as cmark-gfm counts lines.
    const auto in_fence = split_front_matter("+++\ntitle = \"x\"\n+++\r \r\n本文\n");
    CHECK(format_diagnostic(std::get<Diagnostic>(in_fence)) == "3:4: " + message);
    const auto opening = split_front_matter("+++\r\r\ntitle = \"x\"\n+++\n本文\n");
    CHECK(format_diagnostic(std::get<Diagnostic>(opening)) == "1:4: " + message);
    const auto in_comment = split_front_matter("+++\ntitle = \"x\" # 注\rx\n+++\n本文\n");
    CHECK(format_diagnostic(std::get<Diagnostic>(in_comment)) == "2:16: " + message);
    // CRLF is fine, and so is a CR at the very end.
    CHECK(std::holds_alternative<FrontMatterSplit>(split_front_matter("+++\r\ntitle = \"x\"\r\n+++\r")));
  }

  TEST_CASE("a body with CR-only line ends starts on the line after the closing fence") {
    const auto result = split_front_matter("+++\r\ntitle = \"x\"\n+++\n\r本文\r二行目\r");
    const auto& split = std::get<FrontMatterSplit>(result);
    CHECK(split.body == "\r本文\r二行目\r");
    CHECK(split.body_first_line == 4);
  }
}
