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
}
