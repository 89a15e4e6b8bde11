#include <doctest/doctest.h>

#include <string>

#include "site/build_state.h"

using namespace mamori;

TEST_SUITE("build state") {
  TEST_CASE("a state survives the round trip") {
    const BuildState state{"0123456789abcdef", "1:2:3.4", "7:fedcba", 6, {"a.md:1:1: warning: x\n 1 | y\n   | ^"}};
    const auto parsed = parse_build_state(build_state_text(state));
    REQUIRE(parsed.has_value());
    CHECK(parsed->fingerprint == state.fingerprint);
    CHECK(parsed->marker == state.marker);
    CHECK(parsed->output == state.output);
    CHECK(parsed->pages == 6);
    CHECK(parsed->warnings == state.warnings);
  }

  TEST_CASE("anything that is not a state of this version is nullopt, never an exception") {
    const std::string good = R"({"version":2,"fingerprint":"f","marker":"m","output":"o","pages":1,"warnings":[]})";
    REQUIRE(parse_build_state(good).has_value());
    for (const std::string& text : {
             std::string(R"({"version":"1"})"),
             std::string(R"({"version":1,"fingerprint":"f","marker":"m","output":"o","pages":1,"warnings":[]})"),
             std::string(R"({"version":2.0,"fingerprint":"f","marker":"m","output":"o","pages":1,"warnings":[]})"),
             std::string(R"({"version":2,"fingerprint":5,"marker":"m","output":"o","pages":1,"warnings":[]})"),
             std::string(R"({"version":2,"fingerprint":"f","marker":[],"output":"o","pages":1,"warnings":[]})"),
             std::string(R"({"version":2,"fingerprint":"f","marker":"m","pages":1,"warnings":[]})"),
             std::string(R"({"version":2,"fingerprint":"f","marker":"m","output":"o","pages":"1","warnings":[]})"),
             std::string(R"({"version":2,"fingerprint":"f","marker":"m","output":"o","pages":-1,"warnings":[]})"),
             std::string(R"({"version":2,"fingerprint":"f","marker":"m","output":"o","pages":1e300,"warnings":[]})"),
             std::string(
                 R"({"version":2,"fingerprint":"f","marker":"m","output":"o","pages":3000000000,"warnings":[]})"),
             std::string(R"({"version":2,"fingerprint":"f","marker":"m","output":"o","pages":1,"warnings":[1]})"),
             std::string(R"({"version":2,"fingerprint":"f","marker":"m","output":"o","pages":1,"warnings":"w"})"),
             std::string(R"({"version":18446744073709551615})"),
             std::string(R"({"version":2,"fingerprint":"f")"),
             std::string(R"([1,2])"),
             std::string("\"\xff\""),
             std::string(""),
             std::string(100000, '['),
             std::string("{\"a\":") + std::string(5000, '{'),
             std::string("\0\0\0", 3),
         }) {
      CAPTURE(text.substr(0, 80));
      CHECK_FALSE(parse_build_state(text).has_value());
    }
  }
}

TEST_SUITE("build state: found by an attacker") {
  // A hand-edited state put raw escape sequences and a forged "error:" line into the
  // output of every later build ("nothing changed" repeats the stored warnings).
  TEST_CASE("a state whose warnings are not what a build stores is refused") {
    BuildState state{"f", "m", "o", 3, {"content/a.md:1:2: warning: x\n 1 | 見出し\n   |  ^"}};
    REQUIRE(parse_build_state(build_state_text(state)).has_value());
    for (const std::string bad :
         {"x\x1b[31mRED", "x\x1b]0;title\x07", "ok\nfake: error: injected", "a\n b\n c\n d", "bidi \u202e"}) {
      state.warnings = {bad};
      CHECK_MESSAGE(!parse_build_state(build_state_text(state)).has_value(), bad);
    }
    CHECK(is_stored_warning("content/a.md: warning: old"));
    CHECK(!is_stored_warning(""));
  }
}
