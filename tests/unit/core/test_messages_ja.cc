// The Japanese of core's messages (po/ja.po), as the real functions make them. The
// `path:line:col: error:` prefix stays English: editors and CI parse it.
#include <doctest/doctest.h>

#include <clocale>
#include <cstdlib>
#include <optional>
#include <string>

#include "core/csv.h"
#include "core/files.h"
#include "core/i18n.h"
#include "core/spellcheck.h"
#include "core/text_file.h"
#include "core/toml_reader.h"
#include "helpers.h"
#include "i18n_guard.h"

using namespace mamori;
using mamori::testing::formatted;

namespace {

// The problems TomlReader finds in `toml` when it knows the keys title (a string),
// pass_mark (an integer) and reviewed (a date).
std::vector<std::string> reader_problems(std::string_view toml) {
  std::vector<Diagnostic> out;
  const auto table = parse_toml(toml, 0, out);
  REQUIRE(table.has_value());
  TomlReader reader(*table, 0, out);
  reader.string("title", Need::required);
  reader.integer("pass_mark");
  reader.date("reviewed");
  reader.finish();
  return formatted(out);
}

std::vector<std::string> text_file_problems(std::string_view bytes, TextFileKind kind) {
  std::vector<Diagnostic> out;
  CHECK_FALSE(check_text_file(bytes, out, kind).has_value());
  return formatted(out);
}

}  // namespace

TEST_SUITE("core: messages in Japanese") {
  TEST_CASE("TOML: an unknown key with did-you-mean, a wrong type, a quoted date, a missing key") {
    const JapaneseMessages japanese;
    CHECK(reader_problems("titel = \"a\"\npass_mark = \"80\"\nreviewed = \"2026-01-05\"\n") ==
          std::vector<std::string>{
              "1:1: error: 必須のキー 'title' がありません",
              "2:13: error: 'pass_mark' には整数を書いてください（いまは文字列です）",
              "3:12: error: 'reviewed' の日付は引用符を付けずに書いてください（例: reviewed = 2026-01-05）",
              "1:1: error: 不明なキー 'titel' です（'title' の間違いではありませんか？）",
          });
  }

  TEST_CASE("TOML: a syntax error keeps toml++'s own English after the translated start") {
    const JapaneseMessages japanese;
    std::vector<Diagnostic> out;
    CHECK_FALSE(parse_toml("title = \n", 0, out).has_value());
    REQUIRE(out.size() == 1);
    CHECK(out[0].message.starts_with("TOML として正しくありません: "));
  }

  TEST_CASE("text files: empty, binary, invalid UTF-8") {
    const JapaneseMessages japanese;
    CHECK(text_file_problems("", TextFileKind::quiz) ==
          std::vector<std::string>{"1:1: error: ファイルが空です。クイズには title と [[questions]] が必要です"});
    CHECK(text_file_problems(std::string("a\0b", 3), TextFileKind::page) ==
          std::vector<std::string>{"1:1: error: バイナリファイルです。ページ は UTF-8 のテキストにしてください"});
    CHECK(text_file_problems("title = \"\x93\xfa\"", TextFileKind::config) ==
          std::vector<std::string>{
              "1:10: error: UTF-8 として正しくありません (バイト 0x93)。UTF-8 で保存し直してください "
              "(Shift_JIS ではありませんか？)"});
  }

  TEST_CASE("did you mean, a formula in a CSV cell, a file that cannot be read") {
    const JapaneseMessages japanese;
    CHECK(did_you_mean("titel", {"title", "date"}) == "（'title' の間違いではありませんか？）");
    const auto cell = unneutralize_cell("=SUM(A1)");
    REQUIRE_FALSE(cell.has_value());
    CHECK(cell.error().message ==
          "'=SUM(A1)' は '=' で始まるため、Excel が数式として実行します。取り除くか、mamori contacts export "
          "と同じように前にアポストロフィを付けて ('=…) 文字列のままにしてください");
    const testing::TempDir dir;
    const auto read = read_file(dir.path(), 1024);
    REQUIRE_FALSE(read.has_value());
    CHECK(read.error().message == "読めません: 通常のファイルではありません");
  }

  TEST_CASE("the guard restores English") {
    { const JapaneseMessages japanese; }
    CHECK(current_language() == Language::en);
    CHECK(did_you_mean("titel", {"title"}) == " (did you mean 'title'?)");
  }
}
