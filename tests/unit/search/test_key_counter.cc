#include <doctest/doctest.h>

#include <utf8proc.h>

#include <fstream>
#include <map>
#include <string>

#include "core/utf8.h"
#include "search/key_counter.h"
#include "search/keys.h"
#include "search/normalise.h"
#include "search/packed_key_table.h"

using namespace mamori;

namespace {

using Counts = std::map<std::string, uint32_t>;

// What the counter gives, keyed by text.
Counts counted(SearchKeyCounter& counter, uint32_t& length) {
  Counts out;
  const KeyCounts counts = counter.take();
  for (const auto& [key, count] : counts.japanese) CHECK(out.emplace(packed_key_text(key), count).second);
  for (const auto& [key, count] : counts.words) CHECK(out.emplace(key, count).second);
  length = counts.length;
  return out;
}

// The definition: search_keys over search_fold.
Counts expected(const std::vector<std::pair<std::string, uint32_t>>& texts, uint32_t& length) {
  Counts out;
  length = 0;
  for (const auto& [text, weight] : texts) {
    const std::string folded = search_fold(text);  // the keys point into it
    for (const auto key : search_keys(folded)) {
      out[std::string(key)] += weight;
      ++length;
    }
  }
  return out;
}

void check_same(SearchKeyCounter& counter, const std::vector<std::pair<std::string, uint32_t>>& texts) {
  for (const auto& [text, weight] : texts) counter.add(text, weight);
  uint32_t length = 0;
  uint32_t want_length = 0;
  CHECK(counted(counter, length) == expected(texts, want_length));
  CHECK(length == want_length);
}

}  // namespace

TEST_SUITE("search key counter") {
  TEST_CASE("packed keys: a pair after its first character, in the keys' byte order") {
    CHECK(pack_key(U'あ') == (uint64_t{0x3042} << 21));
    CHECK(pack_key(U'あ', U'い') == (uint64_t{0x3042} << 21 | 0x3044));
    CHECK(packed_key_text(pack_key(U'不', U'審')) == "不審");
    CHECK(packed_key_text(pack_key(U'𠮷')) == "𠮷");
    CHECK(pack_key(U'あ') < pack_key(U'あ', U'ぁ'));
    CHECK(pack_key(U'あ', U'𠮷') < pack_key(U'い'));
  }

  TEST_CASE("counts, weights and length") {
    SearchKeyCounter counter;
    counter.add("不審なusbメモリー", 4);
    counter.add("不審", 1);
    uint32_t length = 0;
    const Counts counts = counted(counter, length);
    CHECK(counts == Counts{{"不", 5},
                           {"不審", 5},
                           {"審", 5},
                           {"審な", 4},
                           {"な", 4},
                           {"usb", 4},
                           {"メ", 4},
                           {"メモ", 4},
                           {"モ", 4},
                           {"モリ", 4},
                           {"リ", 4}});
    CHECK(length == 14);
  }

  TEST_CASE("take() empties the counter") {
    SearchKeyCounter counter;
    counter.add("鍵", 1);
    uint32_t length = 0;
    CHECK(counted(counter, length).size() == 1);
    counter.add("錠", 2);
    CHECK(counted(counter, length) == Counts{{"錠", 2}});
    CHECK(length == 1);
  }

  TEST_CASE("the same keys as search_keys(search_fold(text))") {
    SearchKeyCounter counter;
    check_same(counter, {{"USBメモリーを拾ったら、パソコンに挿さずに届けます。", 1}, {"ＡＢＣ", 2}});
    check_same(counter, {{"サーバーとユーザー ーー メーー カーテン らーめん ー", 1}});
    check_same(counter, {{"ウィルス ヶ月 ゕゖ ΑΒΓ straße İstanbul Ⅻ 한국어 𠮷野家", 3}});
    check_same(counter, {{std::string(50, 'A') + "漢字" + std::string(39, 'b') + "é", 1}});
    check_same(counter, {{std::string("ab\xff"
                                      "cdメ\xe3\x81"
                                      "ー\x00x",
                                      16),
                          1}});
    check_same(counter, {{"", 1}, {"  、。", 2}});
    std::string every_kana;  // and the fold's shortcut for kana, with ー between each pair
    for (char32_t cp = 0x3040; cp <= 0x3100; ++cp) {
      encode_utf8(every_kana, cp);
      encode_utf8(every_kana, cp % 3 == 0 ? U'ー' : U'ア');
    }
    check_same(counter, {{every_kana, 1}});
    std::ifstream file(std::string(MAMORI_SOURCE_DIR) + "/tests/fixtures/search/normalise.tsv");
    REQUIRE(file);
    std::string line;
    while (std::getline(file, line)) {
      if (line.empty() || line[0] == '#') continue;
      CAPTURE(line);
      check_same(counter, {{search_nfkc(line.substr(0, line.find('\t'))), 1}});
    }
  }

  TEST_CASE("Japanese text needs no case folding (the fold's shortcut)") {
    for (char32_t cp = 0x3000; cp <= 0x9FFF; ++cp) {
      CAPTURE(static_cast<uint32_t>(cp));
      CHECK(utf8proc_tolower(static_cast<utf8proc_int32_t>(cp)) == static_cast<utf8proc_int32_t>(cp));
    }
  }

  TEST_CASE("a packed key table keeps values and the order keys arrived in") {
    PackedKeyTable table;
    bool added = false;
    for (uint64_t k = 1; k <= 5000; ++k) table.at(k * 7919, added) = static_cast<uint32_t>(k);
    CHECK(table.size() == 5000);
    CHECK(table.at(7919 * 42, added) == 42);
    CHECK_FALSE(added);
    uint64_t previous = 0;
    bool ordered = true;
    table.for_each([&](uint64_t key, uint32_t value) {
      ordered = ordered && key > previous && key == value * uint64_t{7919};
      previous = key;
    });
    CHECK(ordered);
    table.clear();
    CHECK(table.size() == 0);
    CHECK(table.at(7919, added) == 0);
    CHECK(added);
  }
}
