#include <doctest/doctest.h>

#include <string>

#include "search/postings.h"

using namespace mamori;

TEST_SUITE("search postings") {
  TEST_CASE("numbers as the index writes them") {
    auto written = [](uint32_t n) {
      std::string out;
      append_index_number(out, n);
      return out;
    };
    CHECK(written(0) == "0");
    CHECK(written(3) == "3");
    CHECK(written(31) == "v");
    CHECK(written(32) == "x0");
    CHECK(written(37) == "x5");
    CHECK(written(1024) == "xw0");
  }

  TEST_CASE("numbers read back, one after another") {
    std::string text;
    for (const uint32_t n : {0U, 1U, 31U, 32U, 999999U, UINT32_MAX}) append_index_number(text, n);
    size_t at = 0;
    for (const uint32_t n : {0U, 1U, 31U, 32U, 999999U, UINT32_MAX}) CHECK(read_index_number(text, at) == n);
    CHECK(at == text.size());
  }

  TEST_CASE("a broken number is refused") {
    size_t at = 0;
    CHECK_FALSE(read_index_number("xx", at));
    at = 0;
    CHECK_FALSE(read_index_number("!", at));
    at = 0;
    CHECK_FALSE(read_index_number("_______0", at));  // more than 32 bits
  }

  TEST_CASE("varints round-trip") {
    std::string bytes;
    for (const uint32_t n : {0U, 127U, 128U, 300U, UINT32_MAX}) append_varint(bytes, n);
    size_t at = 0;
    for (const uint32_t n : {0U, 127U, 128U, 300U, UINT32_MAX}) CHECK(read_varint(bytes, at) == n);
  }
}
