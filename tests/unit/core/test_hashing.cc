#include <doctest/doctest.h>

#include "core/hashing.h"

using namespace mamori;

TEST_SUITE("hashing") {
  TEST_CASE("fnv1a32 gives the published FNV-1a values") {
    CHECK(fnv1a32("") == 0x811c9dc5U);
    CHECK(fnv1a32("a") == 0xe40c292cU);
    CHECK(fnv1a32("foobar") == 0xbf9cf968U);
  }

  TEST_CASE("Fnv1a64 separates fields and prints 16 lower-case hex digits") {
    Fnv1a64 empty;
    CHECK(empty.hex() == "cbf29ce484222325");
    Fnv1a64 ab_c;
    ab_c.add("ab");
    ab_c.add("c");
    Fnv1a64 a_bc;
    a_bc.add("a");
    a_bc.add("bc");
    CHECK(ab_c.value() != a_bc.value());
    CHECK(ab_c.hex().size() == 16);
    CHECK(ab_c.hex().find_first_not_of("0123456789abcdef") == std::string::npos);
    Fnv1a64 again;
    again.add("ab");
    again.add("c");
    CHECK(again.hex() == ab_c.hex());
  }
}
