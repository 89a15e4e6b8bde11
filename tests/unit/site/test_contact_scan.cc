#include <doctest/doctest.h>

#include <array>
#include <random>

#include "helpers.h"
#include "site/contact_scan.h"

using namespace mamori;

namespace {

// "line:column phone 052-951-1611" or "… email x@y.jp" for each find.
std::vector<std::string> finds(std::string_view text) {
  std::vector<std::string> out;
  for (const auto& found : find_contact_texts(text)) {
    out.push_back(std::to_string(found.line) + ":" + std::to_string(found.column) +
                  (found.kind == ContactTextKind::phone ? " phone " : " email ") + found.value);
  }
  return out;
}

using Finds = std::vector<std::string>;

std::vector<std::string> described(const std::vector<ContactText>& found) {
  std::vector<std::string> out;
  for (const auto& f : found) {
    out.push_back(std::to_string(f.line) + ":" + std::to_string(f.column) +
                  (f.kind == ContactTextKind::phone ? " phone " : " email ") + f.value + " " + f.digits);
  }
  return out;
}

}  // namespace

TEST_SUITE("contact_scan") {
  TEST_CASE("Japanese phone numbers in their usual forms, with line and column") {
    CHECK(finds("愛知県警察本部（052-951-1611）です。") == Finds{"1:9 phone 052-951-1611"});
    CHECK(finds("a\n| IPA | 03-5978-7509 |\n") == Finds{"2:9 phone 03-5978-7509"});
    CHECK(finds("フリーダイヤル 0120-123-456、ナビダイヤル 0570-000-123") ==
          Finds{"1:9 phone 0120-123-456", "1:29 phone 0570-000-123"});
    CHECK(finds("携帯 090-1234-5678 と 0800-123-4567") == Finds{"1:4 phone 090-1234-5678", "1:20 phone 0800-123-4567"});
    CHECK(finds("(052) 951-1611 / 052(951)1611 / (052)951-1611") ==
          Finds{"1:1 phone 052-951-1611", "1:18 phone 052-951-1611", "1:33 phone 052-951-1611"});
  }

  TEST_CASE("LF, CRLF and a lone CR each end a line") {
    CHECK(finds("foo\rbar 03-1234-5678\r\nx@y.jp\ny a@b.jp") ==
          Finds{"2:5 phone 03-1234-5678", "3:1 email x@y.jp", "4:3 email a@b.jp"});
    CHECK(finds("\r\r03-1234-5678\r") == Finds{"3:1 phone 03-1234-5678"});
  }

  TEST_CASE("full-width digits, hyphens and parentheses") {
    CHECK(finds("電話は０５２－９５１－１６１１です") == Finds{"1:4 phone 052-951-1611"});
    CHECK(finds("052ー951ー1611、052−951−1611") == Finds{"1:1 phone 052-951-1611", "1:14 phone 052-951-1611"});
    CHECK(finds("（０５２）９５１－１６１１") == Finds{"1:1 phone 052-951-1611"});
  }

  TEST_CASE("after TEL or 電話 also spaces and no separators") {
    CHECK(finds("TEL 052 951 1611") == Finds{"1:5 phone 052-951-1611"});
    CHECK(finds("TEL:092-482-5423") == Finds{"1:5 phone 092-482-5423"});
    CHECK(finds("ＴＥＬ：0529511611") == Finds{"1:5 phone 0529511611"});
    CHECK(finds("電話 0529511611、℡09012345678") == Finds{"1:4 phone 0529511611", "1:16 phone 09012345678"});
    CHECK(finds("[電話](tel:0529511611)") == Finds{"1:10 phone 0529511611"});
    CHECK(finds("電話番号：052 951 1611。電話 052 951 1611") ==
          Finds{"1:6 phone 052-951-1611", "1:22 phone 052-951-1611"});
    CHECK(finds("https://x.jp/a電話 052 951 1611") == Finds{"1:18 phone 052-951-1611"});
    // Without a prefix, digits alone or split by spaces are not taken for a number.
    CHECK(finds("番号 0529511611 と 052 951 1611").empty());
    CHECK(finds("Hotel 0529511611").empty());
  }

  TEST_CASE("dates, years, versions, amounts and URLs are not phone numbers") {
    CHECK(finds("reviewed = 2025-05-01").empty());
    CHECK(finds("2025年5月1日、2023-03、令和7年、1970-01-01T00:00").empty());
    CHECK(finds("version 0.29.0.gfm.6、v1.0-2、1.0-0120-123-456").empty());
    CHECK(finds("〒460-8501 名古屋市、郵便番号 460-0001").empty());
    CHECK(finds("https://www.example.jp/0120-123-456 と http://x.jp/?tel=052-951-1611").empty());
    CHECK(finds("<https://chizai-portal.inpit.go.jp/madoguchi/aichi/052-753-7635>").empty());
    CHECK(finds("www.example.jp/03-5978-7509").empty());
    CHECK(finds("[資料](../files/0120-123-456.pdf)").empty());
    CHECK(finds("09:00-17:00、0.5-1.0、03-1234、052-954-637、052-951-1611-2、052-951-16110").empty());
    CHECK(finds("営業秘密110番、#9110、110番、119").empty());
    CHECK(finds("abc052-951-1611").empty());
    CHECK(finds("090-123-4567").empty());  // a mobile number has 11 digits
  }

  TEST_CASE("a number ends before punctuation and Japanese text") {
    CHECK(finds("052-951-1611.") == Finds{"1:1 phone 052-951-1611"});
    CHECK(finds("052-951-1611、") == Finds{"1:1 phone 052-951-1611"});
    CHECK(finds("(03-5978-7509)") == Finds{"1:2 phone 03-5978-7509"});
  }

  TEST_CASE("e-mail addresses, also with a full-width at sign, not in URLs") {
    CHECK(finds("（TEL 092-482-5423、bzl-kyukokusai@meti.go.jp）が") ==
          Finds{"1:6 phone 092-482-5423", "1:19 email bzl-kyukokusai@meti.go.jp"});
    CHECK(finds("[メール](mailto:a.b+c@example.co.jp)。") == Finds{"1:14 email a.b+c@example.co.jp"});
    CHECK(finds("info＠example.jp") == Finds{"1:1 email info@example.jp"});
    CHECK(finds("x@y.jp.") == Finds{"1:1 email x@y.jp"});
    CHECK(finds("@SUM(1)、@mamori、user@localhost、a@b.c、a@1.23、https://user@example.jp/x@y.jp").empty());
  }

  TEST_CASE("any bytes: invalid UTF-8 and long text") {
    CHECK(finds("\xff\xfe 052-951-1611 \xc3") == Finds{"1:4 phone 052-951-1611"});
    const std::string many = mamori::testing::repeat("0-", 100000);
    CHECK(finds(many).empty());
  }

  TEST_CASE("scanning only the windows around '0' and '@' finds what scanning every character finds") {
    // Pieces that make numbers, addresses, URLs, prefixes and the characters between them
    // likely; a random text of them is scanned both ways.
    const std::array<std::string_view, 46> pieces = {
        "0", "1", "5", "9", "-", "(", ")", "@", ".", " ", ":", "\n", "\r", "\r\n", "a", "jp", "TEL", "tel", "http://",
        "https:", "www.", "/", "_", "０", "５", "－", "ー", "（", "）", "＠", "　", "電話", "番号", "℡", "漢", "か",
        "！", "\x02", "03-1234-5678", "x@y.jp",
        // Ill-formed UTF-8 (cut, stray, surrogate, overlong) and a 4-byte character.
        "\xE3\x81", "\x80", "\xFF", "\xED\xA0\x80", "\xC0\xB0", "\xF0\x9F\x98\x80"};
    std::mt19937 random(29);
    size_t hits = 0;
    for (int round = 0; round < 20000; ++round) {
      std::string text;
      const int count = static_cast<int>(random() % 24);
      for (int i = 0; i < count; ++i) text += pieces[random() % pieces.size()];
      const auto whole = described(find_contact_texts_whole(text));
      CHECK_MESSAGE(described(find_contact_texts(text)) == whole, text);
      hits += whole.size();
    }
    CHECK(hits > 2000);  // the texts did hold numbers and addresses
  }

  TEST_CASE("an ill-formed byte is a character of its own, also for columns") {
    CHECK(finds("\xE3\x81 03-1234-5678 \x80\x80x@y.jp") == Finds{"1:4 phone 03-1234-5678", "1:19 email x@y.jp"});
  }
}
