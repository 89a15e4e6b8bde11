#include <doctest/doctest.h>

#include "core/encoding.h"

using namespace mamori;

TEST_SUITE("encoding") {
  TEST_CASE("UTF-8 with or without BOM, and CP932, are decoded") {
    CHECK(decode_utf8_or_cp932("\xEF\xBB\xBF相談")->encoding == SourceEncoding::utf8_bom);
    CHECK(decode_utf8_or_cp932("\xEF\xBB\xBF相談")->text == "相談");
    CHECK(decode_utf8_or_cp932("相談")->encoding == SourceEncoding::utf8);
    const auto sjis = encode_cp932("相談先,０５２－９５４－６３７０");
    REQUIRE(sjis.has_value());
    const auto decoded = decode_utf8_or_cp932(*sjis);
    REQUIRE(decoded.has_value());
    CHECK(decoded->encoding == SourceEncoding::cp932);
    CHECK(decoded->text == "相談先,０５２－９５４－６３７０");
    CHECK_FALSE(decode_utf8_or_cp932("\x81\xFF\xFF").has_value());
  }

  TEST_CASE("text CP932 cannot hold is refused, not garbled") {
    CHECK_FALSE(encode_cp932("🛡").has_value());
    CHECK(encode_cp932("ABC") == std::string("ABC"));
  }
}
