#include <doctest/doctest.h>

#include "core/date.h"

using namespace mamori;

TEST_SUITE("date") {
  TEST_CASE("ISO dates are parsed strictly") {
    CHECK(parse_iso_date("2025-05-01") == Date{2025, 5, 1});
    CHECK_FALSE(parse_iso_date("2025-02-29").has_value());
    CHECK(parse_iso_date("2024-02-29") == Date{2024, 2, 29});
    CHECK_FALSE(parse_iso_date("2025-13-01").has_value());
    CHECK_FALSE(parse_iso_date("2025-5-1").has_value());
    CHECK_FALSE(parse_iso_date("令和7年").has_value());
  }

  TEST_CASE("dates are written in ISO and Japanese") {
    CHECK(to_iso(Date{2025, 5, 1}) == "2025-05-01");
    CHECK(to_japanese(Date{2025, 5, 1}) == "2025年5月1日");
  }

  TEST_CASE("months between counts whole months") {
    CHECK(months_between({2025, 1, 15}, {2026, 1, 15}) == 12);
    CHECK(months_between({2025, 1, 15}, {2026, 1, 14}) == 11);
    CHECK(months_between({2025, 1, 31}, {2025, 2, 28}) == 0);
    CHECK(months_between({2025, 1, 31}, {2025, 3, 1}) == 1);
    CHECK(months_between({2026, 1, 1}, {2025, 1, 1}) == -12);
  }

  TEST_CASE("a fixed clock tells the date it was given") {
    const FixedClock clock(Date{2026, 11, 23});
    CHECK(clock.today() == Date{2026, 11, 23});
  }
}
