#include <doctest/doctest.h>

#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "core/text.h"
#include "search/normalise.h"

using namespace mamori;

TEST_SUITE("search normalise") {
  // The same table the browser tests run the theme's search.js over.
  TEST_CASE("every row of tests/fixtures/search/normalise.tsv") {
    std::ifstream file(std::string(MAMORI_SOURCE_DIR) + "/tests/fixtures/search/normalise.tsv");
    REQUIRE(file);
    std::string line;
    int rows = 0;
    while (std::getline(file, line)) {
      if (line.empty() || line[0] == '#') continue;
      const size_t tab = line.find('\t');
      REQUIRE(tab != std::string::npos);
      CAPTURE(line);
      CHECK(search_normalise(line.substr(0, tab)) == line.substr(tab + 1));
      std::string in_place = line.substr(0, tab);
      search_nfkc_in_place(in_place);
      CHECK(in_place == search_nfkc(line.substr(0, tab)));
      ++rows;
    }
    CHECK(rows >= 30);
  }

  TEST_CASE("the long vowel mark goes only at the end of a katakana word") {
    CHECK(search_normalise("メモリー。") == "メモリ。");
    CHECK(search_normalise("メモリーカード") == "メモリーカード");
    CHECK(search_normalise("サーバーとユーザー") == "サーバとユーザ");
    CHECK(search_normalise("らーめん") == "らーめん");
  }

  TEST_CASE("the snippet form keeps case and width-folded letters") {
    CHECK(search_nfkc("ＵＳＢメモリー") == "USBメモリー");
    CHECK(search_nfkc("plain ascii") == "plain ascii");
  }

  TEST_CASE("the fast path gives what NFKC of the whole text gives") {
    for (const char* text : {"か\u3099", "e\u0301t\u00e9", "ＡＢＣと漢字", "ｶﾞｲﾄﾞ、「ｶﾅ」", "㈱と①", "全角\u3000空白",
                             "が\u3099\u309a", "\u3099先頭", "末尾か\u3099", "한국어", "ﾊﾟｿｺﾝ。", "plain", ""}) {
      CAPTURE(text);
      CHECK(search_nfkc(text) == nfkc(text));
    }
    const std::string invalid = "ab\xff\xfeｶﾞ";
    CHECK(search_nfkc(invalid).starts_with("ab"));
  }

  TEST_CASE("in place, from the first code point NFKC may change: the same as NFKC of the whole") {
    const std::vector<std::string> pieces = {"か", "\u3099", "\u309a", "e",      "\u0301", "漢字",  "ｶ",      "ﾞ",
                                             "Ａ", "①",      "、",     "\u3000", "ー",     "한",    "\u1100", "\u1161",
                                             " ",  "x",      "丁",     "\u4dff", "\u9fff", "\ua000"};
    uint32_t state = 99;
    for (int round = 0; round < 3000; ++round) {
      std::string text;
      for (int k = static_cast<int>(state % 9); k > 0; --k) {
        state = state * 1103515245 + 12345;
        text += pieces[(state >> 16) % pieces.size()];
      }
      state = state * 1103515245 + 12345;
      CAPTURE(text);
      std::string in_place = text;
      search_nfkc_in_place(in_place);
      CHECK(in_place == nfkc(text));
      CHECK(search_nfkc(text) == nfkc(text));
    }
  }

  TEST_CASE("invalid UTF-8 does not crash the fold") {
    CHECK(search_fold(std::string("a\xff\xfe"
                                  "b")) == "ab");
  }

  TEST_CASE("classes") {
    CHECK(search_class(U'あ') == SearchClass::japanese);
    CHECK(search_class(U'ー') == SearchClass::japanese);
    CHECK(search_class(U'漢') == SearchClass::japanese);
    CHECK(search_class(U'々') == SearchClass::japanese);
    CHECK(search_class(U'a') == SearchClass::word);
    CHECK(search_class(U'7') == SearchClass::word);
    CHECK(search_class(U'é') == SearchClass::word);
    CHECK(search_class(U'한') == SearchClass::word);
    CHECK(search_class(U'、') == SearchClass::separator);
    CHECK(search_class(U'「') == SearchClass::separator);
    CHECK(search_class(U'-') == SearchClass::separator);
    CHECK(search_class(U' ') == SearchClass::separator);
  }
}
