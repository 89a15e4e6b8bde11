#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "search/keys.h"

using namespace mamori;

namespace {
std::vector<std::string> keys(std::string_view text) {
  std::vector<std::string> out;
  for (const auto k : search_keys(text)) out.emplace_back(k);
  return out;
}
}  // namespace

TEST_SUITE("search keys") {
  TEST_CASE("a Japanese run gives its characters and neighbouring pairs") {
    CHECK(keys("不審な") == std::vector<std::string>{"不", "不審", "審", "審な", "な"});
    CHECK(keys("鍵") == std::vector<std::string>{"鍵"});
  }

  TEST_CASE("words and Japanese runs are split where the class changes") {
    CHECK(keys("usbメモリ") == std::vector<std::string>{"usb", "メ", "メモ", "モ", "モリ", "リ"});
    CHECK(keys("2023年") == std::vector<std::string>{"2023", "年"});
  }

  TEST_CASE("separators split and never become keys") {
    CHECK(keys("e-gov、「ipa」") == std::vector<std::string>{"e", "gov", "ipa"});
    CHECK(keys("  ").empty());
  }

  TEST_CASE("a long word is cut at 40 code points") {
    const std::string word(50, 'a');
    CHECK(keys(word) == std::vector<std::string>{std::string(40, 'a')});
  }

  TEST_CASE("invalid bytes separate") {
    CHECK(keys(std::string("ab\xff"
                           "cd")) == std::vector<std::string>{"ab", "cd"});
  }

  TEST_CASE("shards follow the first two code points") {
    CHECK(key_shard("security", 97) == key_shard("se", 97));
    CHECK(key_shard("メモ", 13) == key_shard("メモリ", 13));
    CHECK(key_shard("anything", 1) == 0);
  }
}
