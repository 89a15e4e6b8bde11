#include <doctest/doctest.h>

#include <string>

#include <nlohmann/json.hpp>

#include "search/document.h"
#include "search/json_string.h"

using namespace mamori;

namespace {

std::string ours(std::string_view text) {
  std::string out = "x";
  append_json_string(out, text);
  return out.substr(1);
}

std::string theirs(std::string_view text) {
  return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

TEST_SUITE("search json string") {
  TEST_CASE("escapes as nlohmann::json dumps") {
    CHECK(ours("a\"b\\c\n\t\x01\x1f\x7f") == "\"a\\\"b\\\\c\\n\\t\\u0001\\u001f\x7f\"");
    CHECK(ours("") == "\"\"");
    std::string every;
    for (int c = 1; c < 0x80; ++c) every += static_cast<char>(c);
    every += std::string(1, '\0');
    for (const std::string& text : {every, std::string("不審なメール"), std::string("𠮷野家 é"), std::string("/a/b")}) {
      CAPTURE(text);
      CHECK(ours(text) == theirs(text));
    }
  }

  TEST_CASE("invalid UTF-8 is replaced as nlohmann::json replaces it") {
    for (const std::string& text :
         {std::string("ab\xff"
                      "cd"),
          std::string("\xe3\x81"), std::string("\xed\xa0\x80x"), std::string("\xc0\x80"), std::string("a\x80")}) {
      CAPTURE(text);
      CHECK(ours(text) == theirs(text));
    }
  }

  TEST_CASE("a prepared document's JSON is the array nlohmann::json would write") {
    SearchDocument document{
        "a/b.html", "題\"名", "章", {SearchBlock{"", "", "本文\n"}, SearchBlock{"h", "見出し", "x"}}};
    const PreparedDocument prepared = prepare_search_document(document);
    const nlohmann::json expected =
        nlohmann::json::array({"a/b.html", "題\"名", "章",
                               nlohmann::json::array({nlohmann::json::array({"", "", "本文\n"}),
                                                      nlohmann::json::array({"h", "見出し", "x"})})});
    CHECK(prepared.json == expected.dump());
    CHECK(prepare_search_document(SearchDocument{"u", "", "", {}}).json == "[\"u\",\"\",\"\",[]]");
  }
}
