#include <doctest/doctest.h>

#include "results/attempt_time.h"

using namespace mamori;

TEST_SUITE("results: attempt time") {
  TEST_CASE("local time with its offset, and the UTC time it was") {
    auto t = parse_attempt_time("2026-12-01 08:30:00 +09:00");
    REQUIRE(t.has_value());
    CHECK(t->local == "2026-12-01T08:30:00+09:00");
    CHECK(t->utc == "2026-11-30T23:30:00.000Z");
    CHECK(parse_attempt_time("2024-02-29 20:00:00 -05:00")->utc == "2024-03-01T01:00:00.000Z");
    CHECK(parse_attempt_time("2027-01-01 05:44:59 +05:45")->utc == "2026-12-31T23:59:59.000Z");
    CHECK(parse_attempt_time("1999-12-31 23:59:59 +00:00")->utc == "1999-12-31T23:59:59.000Z");
    CHECK(parse_attempt_time("0001-01-01 00:00:00 +09:00")->utc == "0000-12-31T15:00:00.000Z");
  }

  TEST_CASE("anything else is refused") {
    for (const char* bad :
         {"", "2026-12-01 08:30:00", "2026-12-01T08:30:00+09:00", "2026-12-01 08:30:00 +0900",
          "2026-02-30 08:30:00 +09:00", "2026-12-01 24:00:00 +09:00", "2026-12-01 08:60:00 +09:00",
          "2026-12-01 08:30:60 +09:00", "2026-12-01 08:30:00 +15:00", "2026-12-01 08:30:00 ~09:00",
          "2026-12-01 0８:30:00 +09:00", "9999-12-31 23:00:00 -05:00", "2026-12-01 08:30:00 +09:00 "}) {
      CAPTURE(bad);
      CHECK_FALSE(parse_attempt_time(bad).has_value());
    }
  }

  TEST_CASE("is_local_iso_time: attempt.local_date, with its offset") {
    for (const char* good : {"2026-12-01T08:30:00+09:00", "2026-12-01T08:30:00.123+09:00", "2026-12-01T08:30:00Z",
                             "2026-12-01T23:59:59-05:30", "2026-12-01T08:30:00.5Z"}) {
      CAPTURE(good);
      CHECK(is_local_iso_time(good));
    }
    for (const char* bad : {"", "2026-12-01", "2026-12-01T08:30:00", "2026-12-01 08:30:00 +09:00",
                            "2026-12-01T08:30:00.+09:00", "2026-12-01T08:30:00.123", "2026-12-01T08:30:00+0900",
                            "2026-02-30T08:30:00+09:00", "2026-12-01T08:30:00+09:00x", "yesterday, 08:30"}) {
      CAPTURE(bad);
      CHECK_FALSE(is_local_iso_time(bad));
    }
  }
}
