#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "core/encoding.h"
#include "results/record_csv.h"

using namespace mamori;

namespace {

// The attempt's columns of a quiz CSV, as quiz.js writes them (the contract's example).
const std::string kAttempt =
    "cyber,サイバー攻撃の基本対策,3f2a9c01d4e5b6a7,2026-12-01 08:30:00 +09:00,山田 太郎,E0042,総務部,"
    "20261201-3F2A9C01,1,2,50,80,不合格,";

// The same for an attempt of one question, answered right.
const std::string kAttempt1 = [] {
  std::string text = kAttempt;
  const std::string score = ",1,2,50,80,不合格,";
  return text.replace(text.find(score), score.size(), ",1,1,100,80,合格,");
}();
std::string quiz_csv(const std::vector<std::string>& rows, const std::string& line_end = "\r\n") {
  std::string out = "\xEF\xBB\xBF" + std::string(kQuizCsvHeader) + line_end;
  for (const auto& row : rows) out += row + line_end;
  return out;
}

const std::string kGood = quiz_csv({kAttempt + "sns,SNSに書いてよいのは？,\"公開情報、社外秘\",不正解",
                                    kAttempt + "usb,拾ったUSBメモリは？,情報システム担当に渡す,正解"});

std::string error_of(const std::string& bytes) {
  auto r = parse_result_csv(bytes);
  return r ? "(parsed)" : r.error().message;
}

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_SUITE("results: record CSV") {
  TEST_CASE("the CSV download of a quiz gives the record it was written from") {
    auto r = parse_result_csv(kGood);
    REQUIRE(r.has_value());
    CHECK(r->version == 2);
    CHECK(r->source == RecordSource::csv);
    CHECK(r->kind == QuizKind::quiz);
    CHECK(r->quiz_id == "cyber");
    CHECK(r->quiz_title == "サイバー攻撃の基本対策");
    CHECK(r->quiz_version == "3f2a9c01d4e5b6a7");
    CHECK(r->date_local == "2026-12-01T08:30:00+09:00");
    CHECK(r->date_utc == "2026-11-30T23:30:00.000Z");
    CHECK(r->name == "山田 太郎");
    CHECK(r->employee_id == "E0042");
    CHECK(r->department == "総務部");
    CHECK(r->number == "20261201-3F2A9C01");
    CHECK(r->correct == 1);
    CHECK(r->total == 2);
    CHECK(r->percent == 50);
    CHECK(r->pass_mark == 80);
    CHECK_FALSE(r->passed);
    REQUIRE(r->answers.size() == 2);
    CHECK(r->answers[0].question == "sns");
    CHECK(r->answers[0].text == "SNSに書いてよいのは？");
    CHECK(r->answers[0].correct == false);
    CHECK(r->answers[0].chosen.empty());  // the CSV names choices in words, not by id
    CHECK(r->answers[1].question == "usb");
    CHECK(r->answers[1].correct == true);
  }

  TEST_CASE("as Excel may save it again: without BOM, LF, CP932, no quotes, empty cells added at the end") {
    std::string plain = kGood.substr(3);
    for (size_t at = plain.find("\r\n"); at != std::string::npos; at = plain.find("\r\n", at)) plain.erase(at, 1);
    CHECK(parse_result_csv(plain).has_value());
    const auto cp932 = encode_cp932(kGood.substr(3));
    REQUIRE(cp932.has_value());
    auto r = parse_result_csv(*cp932);
    REQUIRE(r.has_value());
    CHECK(r->name == "山田 太郎");
    CHECK(r->answers.at(0).text == "SNSに書いてよいのは？");
    CHECK(parse_result_csv(quiz_csv({kAttempt1 + "sns,問,回答,正解,,"})).has_value());
    CHECK(error_of(quiz_csv({kAttempt1 + "sns,問,回答,正解,,x"})) == "line 2: 19 cells, the header has 17");
  }

  TEST_CASE("neutralised text cells come back as they were; an unneutralised formula is refused") {
    const std::string attempt = replaced(kAttempt1, "山田 太郎", "\"'=HYPERLINK(\"\"http://x/\"\")\"");
    auto r = parse_result_csv(quiz_csv({attempt + "q,'-1 は？,'+81,正解"}));
    REQUIRE(r.has_value());
    CHECK(r->name == "=HYPERLINK(\"http://x/\")");
    CHECK(r->answers.at(0).text == "-1 は？");
    CHECK(parse_result_csv(quiz_csv({kAttempt1 + "q,'abc,x,正解"}))->answers.at(0).text == "'abc");
    CHECK(error_of(quiz_csv({replaced(kAttempt1, "山田 太郎", "=1+1") + "q,問,x,正解"})) ==
          "line 2: 氏名: '=1+1' starts with '=', which Excel runs as a formula: remove it, or write an apostrophe "
          "before it ('=…) to keep it as text, as mamori contacts export does");
  }

  TEST_CASE("one file is one attempt: a row that disagrees is named") {
    CHECK(error_of(
              quiz_csv({kAttempt + "q1,問1,a,正解", replaced(kAttempt, "山田 太郎", "佐藤 花子") + "q2,問2,b,正解"})) ==
          "line 3: 氏名 is not the same as on line 2 (one file holds one attempt)");
    CHECK(error_of(quiz_csv(
              {kAttempt + "q1,問1,a,正解", "", replaced(kAttempt, ",1,2,50,", ",2,2,100,") + "q2,問2,b,正解"})) ==
          "line 4: 正解数 is not the same as on line 2 (one file holds one attempt)");
  }

  TEST_CASE("a CSV that is something else says what it is") {
    CHECK(
        error_of(
            "\xEF\xBB\xBF所属,社員番号,氏名,名簿,小テスト,状況,最高点(%),初回合格日,修了証番号,受験回数,旧版の回答\r\n"
            "総務部,E1,山田,あり,基礎,合格,100,2026-12-01,,1,\r\n") ==
        "not a quiz result CSV: this is a completion report (受講状況.csv, written by mamori results)");
    CHECK(error_of("社員番号,氏名,所属\r\nE1,山田,総務部\r\n") ==
          "not a quiz result CSV: this looks like a roster; give a roster with --roster");
    CHECK(error_of("a,b\r\n1,2\r\n") ==
          "not a quiz result CSV: the first row is not the header of a quiz page's CSV (小テストID,小テスト,…)");
    CHECK(error_of("小テストID,小テスト,受験日時,氏名,正解数\r\n") ==
          "not a quiz result CSV: column 3 of the header is '受験日時', not '問題の版'");
    CHECK(error_of(std::string(kQuizCsvHeader) + ",メモ\r\n") ==
          "not a quiz result CSV: the header has 18 columns, not 17");
    CHECK(error_of("") == "not a quiz result CSV: the file is empty");
    CHECK(error_of("\x80\xFF\r\n") == "not a quiz result CSV: neither UTF-8 nor CP932 (Shift_JIS) text");
    CHECK(error_of(quiz_csv({})) == "the file has the header but no answers");
    CHECK(error_of(std::string(kMaxResultFileBytes + 1, ' ')) == "too large for a result file");
  }

  TEST_CASE("times, numbers and scores must read and add up as in the JSON") {
    const auto quiz = [](const std::string& from, const std::string& to, const std::string& second = "q2,問,b,不正解") {
      const std::string attempt = replaced(kAttempt, from, to);
      return error_of(quiz_csv({attempt + "q1,問,a,正解", attempt + second}));
    };
    CHECK(quiz(",1,2,50,", ",1,2,50,") == "(parsed)");
    CHECK(quiz(",1,2,50,", ",1,2,90,") == "正答率(%) does not match 正解数 / 出題数");
    CHECK(quiz(",1,2,50,", ",1,2,51,") == "(parsed)");  // rounded either way, as the JSON
    CHECK(quiz(",1,2,50,", ",3,2,100,") == "正解数 is more than 出題数");
    CHECK(quiz(",1,2,50,", ",1.5,2,50,") == "line 2: 正解数 must be a whole number from 0 to 10000");
    CHECK(quiz("不合格", "ok") == "line 2: 判定 must be 合格 or 不合格");
    CHECK(quiz("2026-12-01 08:30:00 +09:00", "2026-12-01T08:30:00+09:00") ==
          "line 2: 受験日時 must be a time like 2026-12-01 08:30:00 +09:00");
    CHECK(quiz("20261201-3F2A9C01", "abc") == "line 2: 記録番号 must be up to 40 characters of 0-9, A-Z and -");
    CHECK(quiz("cyber,", ",") == "line 2: 小テストID is empty");
    CHECK(quiz("cyber", "cyber", "q2,問,a,まる") == "line 3: 正誤 must be 正解 or 不正解");
    CHECK(error_of(quiz_csv({kAttempt + "q,問,a"})) == "line 2: 16 cells, the header has 17");
    CHECK(error_of(quiz_csv({kAttempt + "q,\"問,a,正解"})) ==
          "line 2: a quoted field is never closed: add the missing '\"'");
    CHECK(parse_result_csv(quiz_csv({replaced(kAttempt1, "20261201-3F2A9C01", "") + "q,問,a,正解"}))->number.empty());
  }

  TEST_CASE("判定, the rows and 正解 must agree with the score; pass mark 1-100, at least one question") {
    const auto quiz = [](const std::string& from, const std::string& to, const std::string& second = "q2,問,b,不正解") {
      const std::string attempt = replaced(kAttempt, from, to);
      return error_of(quiz_csv({attempt + "q1,問,a,正解", attempt + second}));
    };
    CHECK(quiz("不合格", "合格") == "判定 is 合格, but 正答率(%) 50 is below 合格ライン(%) 80");
    CHECK(quiz(",1,2,50,80,不合格", ",1,2,50,0,合格") == "line 2: 合格ライン(%) must be a whole number from 1 to 100");
    CHECK(quiz(",1,2,50,", ",0,0,0,") == "line 2: 出題数 must be a whole number from 1 to 10000");
    CHECK(quiz(",1,2,50,", ",1,10,10,") == "the rows hold 2 questions, but 出題数 is 10");
    CHECK(quiz("cyber", "cyber", "q2,問,b,正解") == "the rows hold 2 正解, but 正解数 is 1");
    CHECK(quiz("cyber", "cyber", "q1,問,b,不正解") == "問題ID 'q1' is answered more than once");
    CHECK(quiz("cyber", "cyber", "q 2,問,b,不正解") ==
          "line 3: 問題ID must be a question id (letters, digits, - and _, at most 64)");
    CHECK(quiz("cyber,", "../x,") == "line 2: 小テストID must be a quiz id (letters, digits, - and _, at most 64)");
    CHECK(quiz("3f2a9c01d4e5b6a7", "v2") == "line 2: 問題の版 must be up to 16 hex digits (0-9, a-f)");
    CHECK(quiz("サイバー攻撃の基本対策", std::string(201, 'x')) == "line 2: 小テスト is longer than 200 characters");
    CHECK(quiz("山田 太郎", std::string(101, 'x')) == "line 2: 氏名 is longer than 100 characters");
    CHECK(quiz("総務部", std::string(101, 'x')) == "line 2: 所属 is longer than 100 characters");
    CHECK(quiz("E0042", std::string(41, '9')) == "line 2: 社員番号 is longer than 40 characters");
    CHECK(quiz("cyber", "cyber", "q2," + std::string(2001, 'x') + ",b,不正解") ==
          "line 3: 問題 is longer than 2000 characters");
  }

  TEST_CASE("a self-check: no pass, the band, points that may be negative and add up") {
    const std::string attempt =
        "self,自己診断,0123456789abcdef,2026-12-01 23:59:59 -05:30,山田,,,20261202-0000ABCD,-1,-2,8,要注意,";
    const std::string csv = std::string(kSelfCheckCsvHeader) + "\r\n" + attempt +
                            "q1,パスワードを使い回していない,わからない,-1\r\n" + attempt +
                            "q2,更新している,未回答,\r\n";
    auto r = parse_result_csv(csv);
    REQUIRE(r.has_value());
    CHECK(r->kind == QuizKind::self_check);
    CHECK(r->band == "要注意");
    CHECK((r->points == -1 && r->min_points == -2 && r->max_points == 8));
    CHECK_FALSE(r->passed);
    CHECK(r->date_local == "2026-12-01T23:59:59-05:30");
    CHECK(r->date_utc == "2026-12-02T05:29:59.000Z");
    REQUIRE(r->answers.size() == 2);
    CHECK_FALSE(r->answers[0].correct.has_value());
    CHECK(r->answers[0].points == -1);
    CHECK_FALSE(r->answers[1].points.has_value());
    const auto self = [&](const std::string& from, const std::string& to, const std::string& first = "q1,問,a,-1") {
      const std::string a = replaced(attempt, from, to);
      return error_of(std::string(kSelfCheckCsvHeader) + "\r\n" + a + first + "\r\n" + a + "q2,問,未回答,\r\n");
    };
    CHECK(self(",-1,-2,8,", ",-1,-2,8,") == "(parsed)");
    CHECK(self(",-1,-2,8,", ",13,-2,8,") == "合計点 is not between 最低点 and 最高点");
    CHECK(self(",-1,-2,8,", ",-1,-3,12,") == "最低点 and 最高点 are not what 2 questions can score (-2 to 8)");
    CHECK(self(",-1,-2,8,", ",2,-2,8,") == "点数 add up to -1, not 合計点 2");
    CHECK(self("self", "self", "q1,問,a,x") == "line 2: 点数 must be a whole number from -1000000 to 1000000");
    CHECK(self("self", "self", "q1,問,a,1") == "line 2: 点数 must be one of 4, 2, 0, -1");
    CHECK(self("self", "self", "q1,問,実施している,-1") == "line 2: 点数 must be 4 for '実施している'");
  }
}
