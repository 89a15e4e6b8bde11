#include <doctest/doctest.h>

#include "contacts/phone.h"

using namespace mamori;

namespace {
std::string normalized(std::string_view text) {
  auto result = normalize_phone(text);
  if (!result) return "error: " + result.error().message;
  return result->display;
}
}  // namespace

TEST_SUITE("phone") {
  TEST_CASE("Japanese formats are normalised to ASCII with hyphens") {
    CHECK(normalized("052-954-6370") == "052-954-6370");
    CHECK(normalized("０５２－９５４－６３７０") == "052-954-6370");
    CHECK(normalized("052ー954ー6370") == "052-954-6370");  // katakana long vowel mark
    CHECK(normalized("052−954−6370") == "052-954-6370");    // minus sign
    CHECK(normalized("(052) 954-6370") == "052-954-6370");
    CHECK(normalized("（０５２）９５４－６３７０") == "052-954-6370");
    CHECK(normalized("03-5978-7509") == "03-5978-7509");
    CHECK(normalized("0120-123-456") == "0120-123-456");
    CHECK(normalized("090-1234-5678") == "090-1234-5678");
    CHECK(normalized("0800-123-4567") == "0800-123-4567");
    CHECK(normalized(" 092-482-5423\u3000") == "092-482-5423");
  }

  TEST_CASE("short numbers are kept") {
    CHECK(normalized("110") == "110");
    CHECK(normalized("＃９１１０") == "#9110");
  }

  TEST_CASE("anything else is refused with a reason") {
    CHECK(normalized("052-954-637") ==
          "error: '052-954-637' is not a Japanese phone number: it has 9 digits, expected 10 in three groups like "
          "052-954-6370");
    CHECK(normalized("0529546370") ==
          "error: '0529546370' needs hyphens between the area code and the number, like 052-954-6370");
    CHECK(normalized("052-954-6370 内線12") ==
          "error: '052-954-6370 内線12' is not a phone number: only digits and hyphens are allowed (write extensions "
          "and opening hours in the note)");
    CHECK(normalized("左記URLよりお問い合わせください").starts_with("error: "));
    CHECK(normalized("52-954-6370").starts_with("error: "));
    CHECK(normalized("090-123-4567").starts_with("error: "));  // mobile numbers have 11 digits
    CHECK(normalized("---").starts_with("error: "));
  }
}
