#include <doctest/doctest.h>

#include "results/attempt_number.h"

using namespace mamori;

namespace {

ResultRecord numbered(std::string number) {
  ResultRecord r;
  r.quiz_id = "cyber";
  r.date_utc = "2026-11-30T23:30:00.000Z";
  r.date_local = "2026-12-01T08:30:00+09:00";
  r.seed = "7";
  r.number = std::move(number);
  return r;
}

}  // namespace

TEST_SUITE("results: attempt number") {
  TEST_CASE("the number quiz.js gives: local day, FNV-1a of quiz id, UTC date and seed") {
    // The values quiz-record.js attemptNumber gives for the same fields.
    CHECK(attempt_number("cyber", "2026-11-30T23:30:00.000Z", "7", "2026-12-01") == "20261201-FA4481A4");
    CHECK(attempt_number("basic", "2026-11-30T23:30:00.000Z", "1", "2026-12-01") == "20261201-6523BC8B");
    CHECK(attempt_number("cyber", "2026-11-23T01:02:03.000Z", "123456789", "2026-11-23") == "20261123-36BED72C");
  }

  TEST_CASE("a record's number is checked when it has a number, a seed and a date") {
    CHECK(check_attempt_number(numbered("20261201-FA4481A4")) == NumberCheck::matches);
    CHECK(check_attempt_number(numbered("20261130-FA4481A4")) == NumberCheck::differs);  // another day
    CHECK(check_attempt_number(numbered("20261201-FA4481A5")) == NumberCheck::differs);
    ResultRecord edited = numbered("20261201-FA4481A4");
    edited.date_utc = "2026-11-29T23:30:00.000Z";
    CHECK(check_attempt_number(edited) == NumberCheck::differs);
    ResultRecord no_local = numbered("20261130-FA4481A4");  // the browser's day is unknown: the hash alone
    no_local.date_local.clear();
    CHECK(check_attempt_number(no_local) == NumberCheck::matches);
    no_local.number = "20261130-00000000";
    CHECK(check_attempt_number(no_local) == NumberCheck::differs);
    ResultRecord csv = numbered("20261201-00000000");  // a CSV has no seed
    csv.seed.clear();
    CHECK(check_attempt_number(csv) == NumberCheck::not_checkable);
    CHECK(check_attempt_number(numbered("")) == NumberCheck::not_checkable);
  }
}
