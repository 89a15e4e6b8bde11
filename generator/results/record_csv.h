// The CSV a quiz page downloads for a person (one row per question, docs/results.md), read
// back as the result record it was written from, so HR can collect either download.
//
// One CSV is one attempt: every row repeats the attempt's columns (quiz, time, person,
// score), and a file whose rows disagree is refused. Excel may have opened and saved it
// again: a BOM or none, CP932 instead of UTF-8, quotes dropped — all read the same.
#pragma once

#include <string_view>

#include "core/result.h"
#include "results/record.h"

namespace mamori {

// The headers quiz.js writes, exactly (docs/results.md).
inline constexpr std::string_view kQuizCsvHeader =
    "小テストID,小テスト,問題の版,受験日時,氏名,社員番号,所属,記録番号,正解数,出題数,正答率(%),合格ライン(%),"
    "判定,問題ID,問題,回答,正誤";
inline constexpr std::string_view kSelfCheckCsvHeader =
    "小テストID,小テスト,問題の版,受験日時,氏名,社員番号,所属,記録番号,合計点,最低点,最高点,診断,項目ID,項目,回答,"
    "点数";

// Parses the bytes of one CSV download. Refuses, with the reason in words: a file that is
// not such a CSV ("not a quiz result CSV: …": another header, a roster, the 受講状況.csv
// report), and, naming the line ("line 3: …"), rows that disagree on the attempt, a cell
// that starts like a formula without the neutralising "'", a time, number or score that
// does not read or add up as in the JSON. Text cells are given back as they were before
// the download neutralised them (core/csv.h unneutralize_cell).
Result<ResultRecord> parse_result_csv(std::string_view bytes);

}  // namespace mamori
