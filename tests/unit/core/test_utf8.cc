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
}
