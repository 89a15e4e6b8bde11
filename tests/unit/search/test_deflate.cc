#include <doctest/doctest.h>

#include <string>

#include "search/deflate.h"

using namespace mamori;

TEST_SUITE("search deflate") {
  TEST_CASE("round trip, and the same bytes every time") {
    std::string text;
    for (int i = 0; i < 2000; ++i) text += "経済安全保障のページ" + std::to_string(i) + "\n";
    const std::string packed = deflate_raw(text);
    CHECK(packed.size() < text.size() / 4);
    CHECK(packed == deflate_raw(text));
    CHECK(inflate_raw(packed) == text);
    CHECK(inflate_raw(deflate_raw("")).empty());
  }

  TEST_CASE("broken data inflates to nothing") {
    const std::string packed = deflate_raw("some text that compresses, some text that compresses");
    CHECK(inflate_raw(packed.substr(0, packed.size() / 2)).empty());
    CHECK(inflate_raw("\xff\xff\xff").empty());
  }

  TEST_CASE("the stream a thread reuses compresses each input as a new one would") {
    const std::string text = "文書の本文です。" + std::string(5000, 'x') + "終わり";
    const std::string first = deflate_raw(text);
    CHECK(deflate_raw("something else entirely") != first);
    CHECK(deflate_raw(text) == first);
    CHECK(inflate_raw(first) == text);
    CHECK(deflate_raw("") == std::string("\x03\x00", 2));
  }
}
