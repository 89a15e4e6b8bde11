#include <doctest/doctest.h>

#include "core/spellcheck.h"

using namespace mamori;

TEST_SUITE("spellcheck") {
  TEST_CASE("edit distance counts code points") {
    CHECK(edit_distance("kitten", "sitting") == 3);
    CHECK(edit_distance("初動対応", "初動対策") == 1);
    CHECK(edit_distance("", "abc") == 3);
  }

  TEST_CASE("the nearest candidate within reach is suggested") {
    const std::vector<std::string> keys = {"title", "description", "weight", "reviewed"};
    CHECK(did_you_mean("titel", keys) == " (did you mean 'title'?)");
    CHECK(did_you_mean("weigth", keys) == " (did you mean 'weight'?)");
    CHECK(did_you_mean("colour", keys).empty());
  }

  TEST_CASE("short words need a close match") {
    CHECK_FALSE(closest_match("ab", {"xy"}).has_value());
    CHECK(closest_match("ab", {"ac"}) == "ac");
  }

  TEST_CASE("very long words are not compared") {
    CHECK_FALSE(closest_match(std::string(500, 'a'), {std::string(499, 'a')}).has_value());
  }
}
