#include <doctest/doctest.h>

#include <utf8proc.h>

#include <random>
#include <string>
#include <vector>

#include "core/text.h"
#include "core/utf8.h"

#include "site/slug.h"

using namespace mamori;

TEST_SUITE("slug") {
  TEST_CASE("Japanese is kept, punctuation dropped, spaces become hyphens") {
    CHECK(slugify("初動対応") == "初動対応");
    CHECK(slugify("事中・事後対応") == "事中事後対応");
    CHECK(slugify("把握 → 分類 → 対策") == "把握--分類--対策");
    CHECK(slugify("「秘密情報」とは？") == "秘密情報とは");
    CHECK(slugify("EDR/UTM の導入") == "edrutm-の導入");
    CHECK(slugify("Step 1: Back up_now!") == "step-1-back-up_now");
    CHECK(slugify("情報セキュリティ10大脅威 2023") == "情報セキュリティ10大脅威-2023");
  }

  TEST_CASE("full-width letters and digits are kept, the ideographic space dropped") {
    CHECK(slugify("ＮＩＳＴ\u3000ＣＳＦ") == "ｎｉｓｔｃｓｆ");
  }

  TEST_CASE("a heading of punctuation only gives nothing") {
    CHECK(slugify("！？・").empty());
  }

  TEST_CASE("explicit ids are split off") {
    const auto split = split_explicit_id("初動対応 {#first-response}");
    CHECK(split.text == "初動対応");
    CHECK(split.id == "first-response");
    CHECK(split_explicit_id("集合 {a, b}").id.empty());
    CHECK(split_explicit_id("x {#1bad}").id.empty());
    CHECK(split_explicit_id("x {#ok_2}  ").id == "ok_2");
  }

  TEST_CASE("ids are unique within a page and avoid the theme's") {
    const ReservedIds reserved = {"m-main"};
    IdAllocator ids(reserved);
    CHECK(ids.reserved("m-main"));
    CHECK_FALSE(ids.reserved("概要"));
    CHECK(ids.unique("概要") == "概要");
    CHECK(ids.unique("概要") == "概要-1");
    CHECK(ids.unique("概要") == "概要-2");
    CHECK(ids.unique("m-main") == "m-main-1");
  }
}

TEST_SUITE("slug") {
  TEST_CASE("20,000 equal headings cost one probe each, with the same ids as before") {
    const ReservedIds none;
    IdAllocator ids(none);
    CHECK(ids.unique("同じ-2") == "同じ-2");  // taken before its base: skipped later
    CHECK(ids.unique("同じ") == "同じ");
    CHECK(ids.unique("同じ") == "同じ-1");
    CHECK(ids.unique("同じ") == "同じ-3");
    CHECK(ids.unique("同じ-1") == "同じ-1-1");
    CHECK(ids.unique("同じ") == "同じ-4");
    std::string last;
    for (int i = 0; i < 20000; ++i) last = ids.unique("同じ");
    CHECK(last == "同じ-20004");
    CHECK(ids.probes() <= 3 * 20006);  // the base, the id handed out, and each id skipped once: linear
  }

  TEST_CASE("explicit ids and reserved ids: ASCII letters, digits, '-' and '_', starting with a letter") {
    CHECK(is_valid_explicit_id("m-main"));
    CHECK(is_valid_explicit_id("Step_2-b"));
    CHECK_FALSE(is_valid_explicit_id(""));
    CHECK_FALSE(is_valid_explicit_id("2nd"));
    CHECK_FALSE(is_valid_explicit_id("-x"));
    CHECK_FALSE(is_valid_explicit_id("a b"));
    CHECK_FALSE(is_valid_explicit_id("見出し"));
  }
}

TEST_SUITE("slug") {
  TEST_CASE("the code points slugify takes without NFC are their own NFC form and combine with nothing") {
    std::vector<char32_t> stable;
    for (char32_t cp = 1; cp < 0x10000; ++cp) {
      if (!is_nfc_stable(cp)) continue;
      stable.push_back(cp);
      std::string one;
      encode_utf8(one, cp);
      if (nfc(one) != one || utf8proc_get_property(static_cast<utf8proc_int32_t>(cp))->combining_class != 0) {
        FAIL("U+" << static_cast<uint32_t>(cp) << " (decimal) changes under NFC or combines");
      }
    }
    CHECK(stable.size() == 0x300 - 1 + 0x2A + 0x56 + 0x5F + 0x5200 + 0xEE);
    std::mt19937 random(17);
    for (int i = 0; i < 3000; ++i) {  // and so are texts of them
      std::string text;
      for (int n = 0; n < 12; ++n) encode_utf8(text, stable[random() % stable.size()]);
      REQUIRE(nfc(text) == text);
    }
  }

  TEST_CASE("texts that NFC changes are normalised first") {
    CHECK(slugify("か\u3099き") == "がき");            // a combining voiced mark
    CHECK(slugify("Cafe\u0301 menu") == "café-menu");  // a combining accent
    CHECK(slugify("\uF900") == "豈");                  // a compatibility ideograph
    CHECK(slugify("\xFF安全") == "安全");              // bytes that are not UTF-8 are skipped
  }
}
