#include <doctest/doctest.h>

#include <climits>
#include <fstream>
#include <random>
#include <sstream>

#include "helpers.h"
#include "links/cache.h"

using namespace mamori;

namespace {

std::string error_of(std::string_view text) {
  auto parsed = parse_link_cache(text);
  return parsed ? "(parsed)" : parsed.error().message;
}

std::string slurp(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void spit(const std::filesystem::path& file, std::string_view text) {
  std::ofstream(file, std::ios::binary) << text;
}

}  // namespace

TEST_SUITE("link cache") {
  TEST_CASE("a foreign or wrongly typed cache is an error that says what and where") {
    CHECK(error_of(R"({"version":"1"})") == R"(not a link cache: "version" is string, not 1)");
    CHECK(error_of(R"({"version":2,"urls":{}})") == "a link cache of version 2; this mamori reads version 1");
    CHECK(error_of("[1,2]") == "not a link cache: the top level is array, not an object");
    CHECK(error_of(R"({"version":1})") == R"(not a link cache: "urls" is missing or not an object)");
    CHECK(error_of(R"({"version":1,"urls":{"http://x/":{"status":"200"}}})") ==
          R"(urls["http://x/"].status: expected an integer from 0 to 999, found string)");
    CHECK(error_of(R"({"version":1,"urls":{"http://x/":{"status":1000}}})") ==
          R"(urls["http://x/"].status: expected an integer from 0 to 999, found 1000)");
    CHECK(error_of(R"({"version":1,"urls":{"http://x/":{"reason":["a"]}}})") ==
          R"(urls["http://x/"].reason: expected a string, found array)");
    CHECK(error_of(R"({"version":1,"urls":{"http://x/":{"consecutive_failures":-1}}})") ==
          R"(urls["http://x/"].consecutive_failures: expected an integer from 0 to 2147483647, found -1)");
    CHECK(error_of(R"({"version":1,"urls":{"http://x/":{"verdict":"fine"}}})") ==
          R"(urls["http://x/"].verdict: unknown verdict 'fine')");
    CHECK(error_of(R"({"version":1,"urls":{"http://\u001b/":3}})") ==
          R"(urls["http://\x1B/"]: expected an object, found number)");
    CHECK(error_of(R"({"version":1,"urls":{"http://x/":{"verdict":"broken",)") ==
          "not JSON: parse error at line 1, column 54: syntax error while parsing object key - unexpected end of "
          "input; expected string literal");
  }

  TEST_CASE("a valid cache parses; consecutive failures beyond INT_MAX saturate") {
    auto parsed = parse_link_cache(
        R"({"version":1,"urls":{"https://a.jp/":{"verdict":"broken","status":404,"consecutive_failures":99999999999999,)"
        R"("first_failure":"2026-03-02"},"https://b.jp/":{}}})");
    REQUIRE(parsed.has_value());
    const LinkCache& cache = parsed.value();
    CHECK(cache.entries.at("https://a.jp/").consecutive_failures == INT_MAX);
    CHECK(cache.entries.at("https://a.jp/").status == 404);
    CHECK(cache.entries.at("https://b.jp/").verdict == Verdict::broken);  // the default, as before
  }

  // Regressions (a tester's report): a number past 64 bits made the whole cache corrupt; a
  // count without its date printed "broken since  (2147483647 runs)"; any text was kept as a date.
  TEST_CASE("a count past 64 bits saturates; a failure history without a date, or with a bad one, is dropped") {
    auto parsed = parse_link_cache(
        R"({"version":1,"urls":{"https://a.jp/":{"verdict":"broken","consecutive_failures":99999999999999999999,)"
        R"("first_failure":"2026-03-02"},"https://b.jp/":{"verdict":"ok","consecutive_failures":2147483647,)"
        R"("first_failure":"2026-03-02"},)"
        R"("https://c.jp/":{"verdict":"broken","consecutive_failures":3,"first_failure":"\u001b[31m",)"
        R"("last_ok":"yesterday"}}})");
    REQUIRE(parsed.has_value());
    LinkCache cache = parsed.value();
    CHECK(cache.entries.at("https://a.jp/").consecutive_failures == INT_MAX);
    CHECK(cache.entries.at("https://b.jp/").consecutive_failures == 0);  // an ok entry has no failures
    CHECK(cache.entries.at("https://c.jp/").consecutive_failures == 0);
    CHECK(cache.entries.at("https://c.jp/").first_failure.empty());
    CHECK(cache.entries.at("https://c.jp/").last_ok.empty());
    LinkResult r;
    r.url = "https://b.jp/";
    r.verdict = Verdict::broken;
    remember(cache, r, 1'800'000'000);  // 2027-01-15
    CHECK(failure_history(cache, "https://b.jp/") == "broken since 2027-01-15 (1 run)");
  }

  TEST_CASE("the failure count saturates instead of overflowing") {
    LinkCache cache;
    cache.entries["https://a.jp/"].consecutive_failures = INT_MAX - 1;
    cache.entries["https://a.jp/"].first_failure = "2026-03-02";
    LinkResult r;
    r.url = "https://a.jp/";
    r.verdict = Verdict::broken;
    remember(cache, r, 1'800'000'000);
    remember(cache, r, 1'800'000'000);
    CHECK(cache.entries["https://a.jp/"].consecutive_failures == INT_MAX);
    CHECK(failure_history(cache, "https://a.jp/") == "broken since 2026-03-02 (2147483647 runs)");
  }

  TEST_CASE("a corrupt cache is kept aside with a warning and a fresh one started") {
    testing::TempDir dir;
    const auto file = dir.path() / "cache.json";
    spit(file, R"({"version":"1"})");
    LoadedCache first = load_link_cache(file);
    CHECK(first.cache.entries.empty());
    CHECK(first.may_save);
    CHECK(testing::formatted(first.diagnostics) ==
          std::vector<std::string>{file.string() +
                                   R"(: warning: not a link cache: "version" is string, not 1; kept it as )" +
                                   file.string() + ".corrupt; starting a fresh cache"});
    CHECK(slurp(file.string() + ".corrupt") == R"({"version":"1"})");
    spit(file, R"({"version":1,"urls":{"https://a.jp/":{"verdict":"broken","consecutive_failures":4)");
    LoadedCache second = load_link_cache(file);
    REQUIRE(second.diagnostics.warning_count() == 1);
    CHECK(format_diagnostic(second.diagnostics.items()[0])
              .ends_with("; kept it as " + file.string() + ".corrupt.2; starting a fresh cache"));
    CHECK(slurp(file.string() + ".corrupt") == R"({"version":"1"})");  // the first one is not overwritten
    CHECK_FALSE(std::filesystem::exists(file));
    CHECK(load_link_cache(file).diagnostics.empty());  // no file: a fresh cache, nothing to say
  }

  TEST_CASE("strings that are not UTF-8 are saved with U+FFFD instead of aborting") {
    testing::TempDir dir;
    const auto file = dir.path() / "cache.json";
    LinkCache cache;
    cache.entries["https://a.jp/\xFF"].reason = "soft 404: \xFE";
    CHECK(save_link_cache(file, cache).has_value());
    auto parsed = parse_link_cache(slurp(file));
    REQUIRE(parsed.has_value());
    CHECK(parsed.value().entries.at("https://a.jp/\uFFFD").reason == "soft 404: \uFFFD");
  }

  TEST_CASE("any bytes give a cache or an error, never an exception") {
    std::mt19937 random(11);
    const std::string valid =
        R"({"version":1,"urls":{"https://a.jp/":{"verdict":"broken","status":404,"final_url":"","reason":"x",)"
        R"("checked":"2026-11-23T10:00:00Z","first_failure":"2026-11-01","consecutive_failures":3,"last_ok":""}}})";
    for (int round = 0; round < 5000; ++round) {
      std::string text = valid;
      const int edits = 1 + static_cast<int>(random() % 4);
      for (int e = 0; e < edits; ++e) {
        const size_t at = random() % text.size();
        switch (random() % 3) {
          case 0:
            text[at] = static_cast<char>(random() % 256);
            break;
          case 1:
            text.erase(at, 1 + random() % 8);
            break;
          default:
            text.insert(at, 1, "{}[]\":,0-e\\"[random() % 11]);
        }
        if (text.empty()) text = "{";
      }
      CHECK_NOTHROW(parse_link_cache(text));
    }
    CHECK_NOTHROW(parse_link_cache(std::string(100000, '[')));
    CHECK_NOTHROW(parse_link_cache(std::string_view("\0", 1)));
  }
}
