#include <doctest/doctest.h>

#include <string>

#include "core/text.h"
#include "core/utf8.h"

using namespace mamori;

TEST_SUITE("utf8") {
  TEST_CASE("the inline decoder agrees with core/text.h on every kind of sequence") {
    for (const std::string& text :
         {std::string("a"), std::string("é"), std::string("あ"), std::string("𠮷"), std::string("\xC0\x80"),
          std::string("\xE0\x80\x80"), std::string("\xED\xA0\x80"), std::string("\xF4\x90\x80\x80"),
          std::string("\xF0\x80\x80\x80"), std::string("\xE3\x81"), std::string("\x80"), std::string("\xFF")}) {
      CAPTURE(text);
      char32_t cp = 0;
      const size_t n = decode_utf8(text, 0, cp);
      CHECK(n == utf8_sequence_length(text, 0));
      if (n != 0) CHECK(cp == *code_point_at(text, 0));
    }
  }

  TEST_CASE("every three-byte lead with every pair of following bytes: the same length and code point") {
    std::string text(3, '\0');
    for (unsigned lead = 0xE0; lead <= 0xEF; ++lead) {
      for (unsigned second = 0; second < 256; ++second) {
        for (unsigned third = 0; third < 256; ++third) {
          text[0] = static_cast<char>(lead);
          text[1] = static_cast<char>(second);
          text[2] = static_cast<char>(third);
          char32_t cp = 0;
          const size_t n = decode_utf8(text, 0, cp);
          const size_t want = utf8_sequence_length(text, 0);
          if (n != want || (n != 0 && cp != *code_point_at(text, 0))) {
            FAIL_CHECK("differs at " << lead << " " << second << " " << third);
          }
          if (n == 3) CHECK_FALSE(decode_utf8(std::string_view(text).substr(0, 2), 0, cp) == 3);
        }
      }
    }
  }
}
