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

  TEST_CASE("months after: the first day on which that many whole months have passed") {
    CHECK(months_after({2023, 12, 1}, 12) == Date{2024, 12, 1});
    CHECK(months_after({2025, 1, 31}, 1) == Date{2025, 3, 1});
    CHECK(months_after({2024, 2, 29}, 12) == Date{2025, 3, 1});
    CHECK(months_after({2025, 11, 30}, 2) == Date{2026, 1, 30});
    CHECK(months_after({2025, 12, 31}, 2) == Date{2026, 3, 1});
    CHECK(months_after({2025, 5, 5}, 0) == Date{2025, 5, 5});
    // Agrees with months_between on every day of two years.
    for (Date from{2024, 1, 1}; from.year < 2026;) {
      for (const int months : {1, 6, 12}) {
        const Date due = months_after(from, months);
        CHECK(months_between(from, due) == months);
        Date before = due;
        if (before.day > 1) {
          --before.day;
          CHECK(months_between(from, before) == months - 1);
        }
      }
      from = is_valid_date(from.year, from.month, from.day + 1) ? Date{from.year, from.month, from.day + 1}
             : from.month < 12                                  ? Date{from.year, from.month + 1, 1}
                                                                : Date{from.year + 1, 1, 1};
    }
  }

  TEST_CASE("a fixed clock tells the date it was given") {
    const FixedClock clock(Date{2026, 11, 23});
    CHECK(clock.today() == Date{2026, 11, 23});
  }
}
