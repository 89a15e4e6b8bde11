#include <doctest/doctest.h>

#include <memory>
#include <string>

#include "core/result.h"

using namespace mamori;

namespace {

Result<int> half(int n) {
  if (n % 2 != 0) return Error{std::to_string(n) + " is odd"};
  return n / 2;
}

Result<void> check_even(int n) {
  if (auto halved = half(n); !halved) return halved.error();
  return {};
}

}  // namespace

TEST_SUITE("result") {
  TEST_CASE("a Result holds the value or the error, never both") {
    const auto ok = half(8);
    REQUIRE(ok.has_value());
    CHECK(static_cast<bool>(ok));
    CHECK(*ok == 4);
    CHECK(ok.value() == 4);
    const auto failed = half(7);
    REQUIRE_FALSE(failed.has_value());
    CHECK(failed.error().message == "7 is odd");
    CHECK_THROWS_AS((void)failed.value(), std::bad_variant_access);
  }

  TEST_CASE("Result<void> carries only the error") {
    CHECK(check_even(2).has_value());
    const auto failed = check_even(3);
    REQUIRE_FALSE(failed);
    CHECK(failed.error().message == "3 is odd");
  }

  TEST_CASE("a move-only value moves out") {
    Result<std::unique_ptr<int>> made = std::make_unique<int>(5);
    std::unique_ptr<int> taken = std::move(made).value();
    REQUIRE(taken != nullptr);
    CHECK(*taken == 5);
  }

  TEST_CASE("a string value and an error are not confused") {
    Result<std::string> text = std::string("error");  // a value that happens to read "error"
    CHECK(text.has_value());
    Result<std::string> failed = Error{"cannot read"};
    CHECK_FALSE(failed.has_value());
  }
}
