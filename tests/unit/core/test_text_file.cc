#include <doctest/doctest.h>

#include "core/text_file.h"
#include "helpers.h"

using namespace mamori;
using mamori::testing::formatted;

namespace {

std::vector<std::string> problems(std::string_view bytes, TextFileKind kind) {
  std::vector<Diagnostic> out;
  CHECK_FALSE(check_text_file(bytes, out, kind).has_value());
  return formatted(out);
}

}  // namespace

TEST_SUITE("text file") {
  TEST_CASE("text comes back without its BOM") {
    std::vector<Diagnostic> out;
    CHECK(check_text_file("\xEF\xBB\xBFtitle = \"a\"", out, TextFileKind::config) == "title = \"a\"");
    CHECK(out.empty());
  }

  TEST_CASE("an empty file is told what it needs, by kind") {
    CHECK(problems("", TextFileKind::page) ==
          std::vector<std::string>{"1:1: error: file is empty: a page needs front matter with at least a title"});
    CHECK(problems("", TextFileKind::config) ==
          std::vector<std::string>{"1:1: error: file is empty: mamori.toml needs at least the site's title"});
    CHECK(problems("", TextFileKind::quiz) ==
          std::vector<std::string>{"1:1: error: file is empty: a quiz needs a title and [[questions]]"});
  }

  TEST_CASE("a binary file and invalid UTF-8 are positioned") {
    CHECK(problems(std::string("a\0b", 3), TextFileKind::contacts) ==
          std::vector<std::string>{"1:1: error: binary file: the contact table must be UTF-8 text"});
    CHECK(problems("ok\n\xE7\xB5\x8C\x8E\xE7", TextFileKind::page) ==
          std::vector<std::string>{"2:2: error: invalid UTF-8 (byte 0x8E): save the file as UTF-8 (is it Shift_JIS?)"});
  }
}
