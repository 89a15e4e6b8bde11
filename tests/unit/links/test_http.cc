#include <doctest/doctest.h>

#include "links/http.h"

using namespace mamori;
using namespace std::chrono_literals;

TEST_SUITE("link http") {
  TEST_CASE("a header is found by name in any case; the first of several wins") {
    HttpResponse response;
    response.headers = {{"content-type", "text/html"}, {"Retry-After", "5"}, {"retry-after", "9"}};
    CHECK(response.header("content-type") == "text/html");
    CHECK(response.header("Content-Type") == "text/html");
    CHECK(response.header("RETRY-AFTER") == "5");
    CHECK(response.header("retry-after") == "5");
    CHECK_FALSE(response.header("location").has_value());
    CHECK_FALSE(response.header("content-typ").has_value());
    CHECK_FALSE(HttpResponse{}.header("").has_value());
  }

  TEST_CASE("Retry-After: seconds, or a date taken against the time given") {
    CHECK(parse_retry_after("  7", 0) == 7000ms);
    CHECK(parse_retry_after("0", 0) == 0ms);
    CHECK(parse_retry_after("1234567890", 0) == std::chrono::milliseconds(std::chrono::hours(24 * 365)));
    CHECK(parse_retry_after("Fri, 01 Jan 2100 00:00:10 GMT", 4102444800) == 10000ms);
    CHECK(parse_retry_after("Fri, 01 Jan 2100 00:00:10 GMT", 4102444800 + 60) == 0ms);  // past: at once
    CHECK_FALSE(parse_retry_after("", 0).has_value());
    CHECK_FALSE(parse_retry_after("-5", 0).has_value());
    CHECK_FALSE(parse_retry_after("2100-01-01", 0).has_value());
  }

  TEST_CASE("a Location keeps well-formed UTF-8 and encodes the rest") {
    CHECK(location_as_url("/初動?q=a&b=c#x") == "/初動?q=a&b=c#x");
    CHECK(location_as_url("/\xED\xA0\x80") == "/%ED%A0%80");  // a surrogate is not UTF-8
    CHECK(location_as_url("/\xC0\xAF") == "/%C0%AF");         // nor an overlong '/'
    CHECK(location_as_url(std::string_view("/a\0b", 4)) == "/a%00b");
  }
}
