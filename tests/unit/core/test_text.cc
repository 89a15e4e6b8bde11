#include <doctest/doctest.h>

#include <algorithm>
#include <array>
#include <memory>
#include <random>
#include <string>

#include "core/text.h"

using namespace mamori;

TEST_SUITE("text") {
  TEST_CASE("valid UTF-8, including Japanese and 4-byte characters, has no invalid byte") {
    CHECK_FALSE(find_invalid_utf8("").has_value());
    CHECK_FALSE(find_invalid_utf8("abc 守り 🛡").has_value());
  }

  TEST_CASE("ill-formed UTF-8 is found at its first bad byte") {
    CHECK(find_invalid_utf8("ab\x80") == 2u);            // lone continuation byte
    CHECK(find_invalid_utf8("\xC0\xAF") == 0u);          // overlong '/'
    CHECK(find_invalid_utf8("x\xED\xA0\x80") == 1u);     // surrogate U+D800
    CHECK(find_invalid_utf8("\xF4\x90\x80\x80") == 0u);  // above U+10FFFF
    CHECK(find_invalid_utf8("\xE3\x81") == 0u);          // truncated
    // "守り" in Shift_JIS
    CHECK(find_invalid_utf8("\x8E\xE7\x82\xE8") == 0u);
  }

  TEST_CASE("a view that ends right after Japanese text is not read past its end") {
    // The views point into exactly sized buffers, so AddressSanitizer sees a read past them
    // (a std::string would hide it behind its terminating zero).
    for (const std::string text : {"守り", "a守", "経済安全保障", "守\xE3\x81", "ab守り\xFF"}) {
      CAPTURE(text);
      const auto buffer = std::make_unique<char[]>(text.size());
      std::copy(text.begin(), text.end(), buffer.get());
      const std::string_view view(buffer.get(), text.size());
      CHECK(find_invalid_utf8(view) == find_invalid_utf8(text));
    }
    CHECK_FALSE(find_invalid_utf8(std::string_view("経済安全保障", 18)).has_value());
    CHECK(find_invalid_utf8(std::string_view("守\xE3\x81", 5)) == 3u);
  }

  TEST_CASE("a bad byte is found at any place in and after long ASCII runs (read eight bytes at a time)") {
    for (size_t length = 0; length < 40; ++length) {
      for (size_t at = 0; at <= length; ++at) {
        std::string text(length, 'a');
        text.insert(at, "\xE5\xAE\x88");  // 守, valid
        CHECK_FALSE(find_invalid_utf8(text).has_value());
        text.insert(at, "\xFF");
        CHECK(find_invalid_utf8(text) == at);
        text.erase(at, 1);
        text.push_back('\x80');  // a lone continuation byte at the end
        CHECK(find_invalid_utf8(text) == text.size() - 1);
      }
    }
  }

  TEST_CASE("every three-byte lead and continuation pair is judged as utf8_sequence_length judges it") {
    for (int b0 = 0xE0; b0 <= 0xEF; ++b0) {
      for (int b1 = 0x70; b1 <= 0xC5; ++b1) {
        for (const int b2 : {0x41, 0x7F, 0x80, 0x9F, 0xA0, 0xBF, 0xC0}) {
          const std::string text{'x', static_cast<char>(b0), static_cast<char>(b1), static_cast<char>(b2), 'y'};
          const bool valid = utf8_sequence_length(text, 1) == 3;
          INFO(b0, " ", b1, " ", b2);
          if (valid) {
            CHECK_FALSE(find_invalid_utf8(text).has_value());
          } else {
            CHECK(find_invalid_utf8(text).has_value());
          }
          CHECK(find_invalid_utf8(text.substr(0, 3)) == 1u);  // cut short
        }
      }
    }
  }

  TEST_CASE("binary files hold NUL bytes") {
    CHECK(looks_binary(std::string_view("a\0b", 3)));
    CHECK_FALSE(looks_binary("plain"));
  }

  TEST_CASE("a BOM is dropped") {
    CHECK(strip_bom("\xEF\xBB\xBF+++") == "+++");
    CHECK(strip_bom("+++") == "+++");
  }

  TEST_CASE("positions count lines and code points") {
    const std::string_view text = "一行目\n二行目のx";
    const auto pos = position_of(text, text.find('x'));
    CHECK(pos.line == 2);
    CHECK(pos.column == 5);
  }

  TEST_CASE("positions end a line at LF, CRLF and a lone CR, as cmark-gfm does") {
    const auto at = [](std::string_view text, size_t offset) {
      const TextPosition pos = position_of(text, offset);
      return std::to_string(pos.line) + ":" + std::to_string(pos.column);
    };
    // The line end itself belongs to the line it ends.
    CHECK(at("ab\ncd", 2) == "1:3");
    CHECK(at("ab\ncd", 4) == "2:2");
    CHECK(at("ab\r\ncd", 2) == "1:3");
    CHECK(at("ab\r\ncd", 3) == "1:4");
    CHECK(at("ab\r\ncd", 5) == "2:2");
    CHECK(at("ab\rcd", 2) == "1:3");
    CHECK(at("ab\rcd", 3) == "2:1");
    CHECK(at("ab\rcd", 4) == "2:2");
    // Mixed line ends, and a CR that ends an empty line before a CRLF.
    const std::string_view mixed = "一\r二\r\n三\n四\r目のx";
    CHECK(at(mixed, mixed.find('x')) == "5:3");
    CHECK(at("\r\r\nx", 1) == "2:1");
    CHECK(at("\r\r\nx", 3) == "3:1");
    // A CR at the very end ends its line too; an offset past the end is the end.
    CHECK(at("ab\r", 3) == "2:1");
    CHECK(at("ab\r", 99) == "2:1");
    CHECK(at("", 0) == "1:1");
  }

  TEST_CASE("the first ill-formed byte is where reading sequence by sequence stops") {
    // The definition, with utf8_sequence_length's rules.
    const auto reference = [](std::string_view text) -> std::optional<size_t> {
      for (size_t i = 0; i < text.size();) {
        const size_t n = utf8_sequence_length(text, i);
        if (n == 0) return i;
        i += n;
      }
      return std::nullopt;
    };
    // Every string of two bytes, and of three and four bytes from the values where the
    // rules change, each also after a run of ASCII and of kanji (the fast paths).
    const std::array<unsigned char, 26> edges = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF,
                                                 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xE3, 0xEC, 0xED,
                                                 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};
    size_t checked = 0;
    for (const std::string_view prefix : {"", "abcdefghijklmnopq", "経済安全保障の観点"}) {
      for (unsigned a = 0; a < 256; ++a) {
        for (unsigned b = 0; b < 256; ++b) {
          const std::string text = std::string(prefix) + static_cast<char>(a) + static_cast<char>(b);
          CHECK(find_invalid_utf8(text) == reference(text));
          ++checked;
        }
      }
      for (const unsigned char a : edges) {
        for (const unsigned char b : edges) {
          for (const unsigned char c : edges) {
            for (const unsigned char d : edges) {
              const std::string text = std::string(prefix) + static_cast<char>(a) + static_cast<char>(b) +
                                       static_cast<char>(c) + static_cast<char>(d) + "x";
              const auto expected = reference(text);
              if (find_invalid_utf8(text) != expected) FAIL("differs at ", text.size());
              const std::string_view without_x(text.data(), text.size() - 1);
              if (find_invalid_utf8(without_x) != reference(without_x)) FAIL("differs, no x");
              // Kanji after: the bytes start a word that is read six bytes at a time.
              const std::string before_kanji = std::string(without_x) + "経済x";
              if (find_invalid_utf8(before_kanji) != reference(before_kanji)) FAIL("differs, kanji after");
              ++checked;
            }
          }
        }
      }
    }
    CHECK(checked > 1'000'000);
  }

  TEST_CASE("lines split at LF, CRLF and a lone CR") {
    const auto lines = [](std::string_view text) {
      std::string out;
      for (size_t start = 0;;) {
        const size_t end = line_end(text, start);
        out += "[" + std::string(text.substr(start, end - start)) + "]";
        if (end == text.size()) return out;
        start = next_line(text, end);
      }
    };
    CHECK(lines("") == "[]");
    CHECK(lines("a\nb") == "[a][b]");
    CHECK(lines("a\r\nb\rc\n") == "[a][b][c][]");
    CHECK(lines("\r\r\n\n") == "[][][][]");
    CHECK(lines("a\r") == "[a][]");
    CHECK(line_end("ab", 5) == 2u);
    CHECK(next_line("ab", 2) == 2u);
    CHECK(ends_line("a\r\n", 2));
    CHECK_FALSE(ends_line("a\r\n", 1));
    CHECK(ends_line("a\r", 1));
  }

  TEST_CASE("positions agree with a byte-by-byte count of line ends") {
    // The definition: a line ends after each byte for which ends_line holds.
    std::mt19937 random(17);
    const std::array<std::string_view, 5> pieces = {"a", "\r", "\n", "一", "\r\n"};
    for (int round = 0; round < 2000; ++round) {
      std::string text;
      const int count = static_cast<int>(random() % 12);
      for (int i = 0; i < count; ++i) text += pieces[random() % pieces.size()];
      int line = 1;
      size_t start = 0;
      for (size_t offset = 0; offset <= text.size(); ++offset) {
        if (offset > 0 && ends_line(text, offset - 1)) {
          ++line;
          start = offset;
        }
        const TextPosition pos = position_of(text, offset);
        CHECK(pos.line == line);
        CHECK(pos.column == static_cast<int>(count_code_points(text.substr(start, offset - start))) + 1);
      }
    }
  }

  TEST_CASE("display width counts wide characters twice") {
    CHECK(display_width("ab") == 2u);
    CHECK(display_width("守り") == 4u);
  }

  TEST_CASE("prefixes are cut at code points") {
    CHECK(prefix_of_code_points("守りab", 1) == "守");
    CHECK(prefix_of_code_points("ab", 5) == "ab");
  }

  TEST_CASE("NFC composes decomposed kana") {
    // "が" written as か + combining voiced mark (as macOS file names are)
    CHECK(nfc("\xE3\x81\x8B\xE3\x82\x99") == "が");
  }

  TEST_CASE("trim removes ASCII and ideographic spaces") {
    CHECK(trim("\u3000 タイトル \t") == "タイトル");
    CHECK(trim("\u3000").empty());
  }
}

TEST_SUITE("untrusted text") {
  TEST_CASE("bytes that are not UTF-8 become U+FFFD; valid text is unchanged") {
    CHECK(to_valid_utf8("abc 守り 🛡") == "abc 守り 🛡");
    CHECK(to_valid_utf8("a\xFF\xFE b") == "a\uFFFD\uFFFD b");
    CHECK(to_valid_utf8("\xE3\x81") == "\uFFFD\uFFFD");              // truncated
    CHECK(to_valid_utf8("x\xED\xA0\x80") == "x\uFFFD\uFFFD\uFFFD");  // surrogate
    CHECK_FALSE(find_invalid_utf8(to_valid_utf8("\xC0\xAF\x80\xF4\x90\x80\x80")).has_value());
  }

  TEST_CASE("controls, separators and bidi overrides are written as visible escapes") {
    CHECK(printable_text("ページ 🛡 a\\b") == "ページ 🛡 a\\b");
    CHECK(printable_text("\x1B]0;pwned\x07\x1B[31mred") == "\\x1B]0;pwned\\x07\\x1B[31mred");
    CHECK(printable_text(std::string_view("a\0b\tc\nd\x7F", 8)) == "a\\x00b\\x09c\\x0Ad\\x7F");
    CHECK(printable_text("\xC2\x9B\xC2\x85") == "\\u009B\\u0085");  // C1: CSI, NEL
    CHECK(printable_text("\u2028\u2029\u202A\u202E\u2066\u2069\u2065\u206A") ==
          "\\u2028\\u2029\\u202A\\u202E\\u2066\\u2069\u2065\u206A");
    // bidi marks (ALM, LRM, RLM), zero-width space, non-joiner, joiner and the BOM hide text
    CHECK(printable_text("a\u061C\u200E\u200F\u200B\u200C\u200D\uFEFFb") ==
          "a\\u061C\\u200E\\u200F\\u200B\\u200C\\u200D\\uFEFFb");
    CHECK(printable_text("\u00AD\u2060\uFE00") == "\u00AD\u2060\uFE00");  // shown or harmless: kept
    CHECK(printable_text("\xEF\xBF\xBE\xEF\xBF\xBF\xFF") == "\uFFFD\uFFFD\uFFFD");
    const std::string once = printable_text("\x1B\xFF\u202E");
    CHECK(printable_text(once) == once);
  }
}

TEST_SUITE("text: invisible characters") {
  TEST_CASE("default-ignorable code points are removed; the rest is kept") {
    CHECK(is_default_ignorable(0x200B));
    CHECK(is_default_ignorable(0x00AD));
    CHECK(is_default_ignorable(0xFEFF));
    CHECK(is_default_ignorable(0x202E));
    CHECK(is_default_ignorable(0xFE0F));
    CHECK_FALSE(is_default_ignorable(U'山'));
    CHECK_FALSE(is_default_ignorable(U' '));
    CHECK_FALSE(is_default_ignorable(0x110000));
    CHECK(without_default_ignorables("山\u200B田\u00AD\u200E太\uFEFF郎") == "山田太郎");
    CHECK(without_default_ignorables("a\xFF"
                                     "b") ==
          "a\xFF"
          "b");
  }

  TEST_CASE("acts_on_terminal: the set printable_text escapes") {
    for (const char32_t cp :
         {0x00, 0x1B, 0x7F, 0x85, 0x9F, 0x2028, 0x2029, 0x061C, 0x200B, 0x200F, 0x202A, 0x2069, 0xFEFF}) {
      CHECK(acts_on_terminal(cp));
    }
    for (const char32_t cp : {0x20, 0x7E, 0xA0, 0x2065, 0x206A, 0x3000}) CHECK_FALSE(acts_on_terminal(cp));
  }
}

TEST_SUITE("text: bytes") {
  TEST_CASE("ascii_lower folds A-Z only") {
    CHECK(ascii_lower("HTTPS://Ａ.JP/ÄÖ") == "https://Ａ.jp/ÄÖ");
  }

  TEST_CASE("hex_digit and percent_encoded") {
    CHECK(hex_digit(10) == 'A');
    CHECK(hex_digit(10, true) == 'a');
    CHECK(percent_encoded(' ') == "%20");
    CHECK(percent_encoded(0xE3) == "%E3");
  }

  TEST_CASE("utf8_sequence_length and code_point_at accept only well-formed sequences") {
    const std::string text = "a\u00E9\u3042\U0001F600";
    CHECK(utf8_sequence_length(text, 0) == 1);
    CHECK(utf8_sequence_length(text, 1) == 2);
    CHECK(utf8_sequence_length(text, 3) == 3);
    CHECK(utf8_sequence_length(text, 6) == 4);
    CHECK(code_point_at(text, 1) == char32_t{0xE9});
    CHECK(code_point_at(text, 3) == char32_t{0x3042});
    CHECK(code_point_at(text, 6) == char32_t{0x1F600});
    CHECK(utf8_sequence_length("\xC0\xAF", 0) == 0);                // overlong '/'
    CHECK(utf8_sequence_length("\xED\xA0\x80", 0) == 0);            // a surrogate
    CHECK(utf8_sequence_length("\xE3\x81", 0) == 0);                // cut short
    CHECK_FALSE(code_point_at("\xF4\x90\x80\x80", 0).has_value());  // above U+10FFFF
  }
}
