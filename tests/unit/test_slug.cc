#include <doctest/doctest.h>

#include "slug.h"

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
    IdAllocator ids;
    CHECK(ids.unique("概要") == "概要");
    CHECK(ids.unique("概要") == "概要-1");
    CHECK(ids.unique("概要") == "概要-2");
    CHECK(ids.unique("m-main") == "m-main-1");
  }
}
