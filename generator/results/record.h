// Quiz result files as employees hand them in: the record quiz.js downloads (JSON,
// "mamori-quiz-result" version 1 or 2), read back for `mamori results`. The CSV download
// gives the same record (results/record_csv.h).
//
// A result file is self-reported: its holder can edit it. Reading one proves only that
// someone produced a well-formed record, which is what HR is told (README, "Training records").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace mamori {

enum class QuizKind { quiz, self_check };

// Which download a record was read from.
enum class RecordSource { json, csv };

struct AnswerRecord {
  std::string question;             // the question's id in quizzes/ID.toml
  std::string text;                 // the question as shown (version 2; empty in version 1)
  std::vector<std::string> chosen;  // choice ids (quiz)
  std::optional<bool> correct;      // quiz: whether the answer was right
  std::optional<int> points;        // self-check: the points of the answer; none when unanswered
};

struct ResultRecord {
  int version = 0;  // of the record format: 1 or 2
  std::string quiz_id;
  std::string quiz_title;
  std::string quiz_version;  // hash of the question bank (version 2); empty when unknown
  QuizKind kind = QuizKind::quiz;
  std::string name;
  std::string employee_id;  // version 2, when the portal asks for it
  std::string department;   // version 2, when the portal asks for it
  std::string date_utc;     // ISO 8601 in UTC, as recorded: "2026-11-30T23:30:00.000Z"
  std::string date_local;   // ISO 8601 with the offset of the browser: "2026-12-01T08:30:00+09:00" (version 2)
  std::string number;   // the attempt's number (修了証番号 / 記録番号), "20261201-3F2A9C01"; empty when none
  std::string seed;     // attempt.seed in decimal, as the number was made from it; empty when none (CSV)
  int correct = 0;      // quiz
  int total = 0;        // quiz, at least 1: the questions of the attempt, as many as the answers
  int percent = 0;      // quiz, 0–100
  int pass_mark = 0;    // quiz, 1–100
  bool passed = false;  // quiz: percent >= pass_mark
  int points = 0;       // self-check: the total, the sum of the answers' points
  int min_points = 0;   // self-check: the lowest and highest total its questions can score
  int max_points = 0;
  std::string band;  // self-check: the advice band reached
  std::vector<AnswerRecord> answers;
  RecordSource source = RecordSource::json;
};

// Largest result file read; real ones are a few kilobytes.
inline constexpr size_t kMaxResultFileBytes = size_t{1} << 20;

// Longest attempt number read; quiz.js writes 17 characters.
inline constexpr size_t kMaxAttemptNumber = 40;

// Longest texts read, in characters (code points): a result file names one person and one
// quiz, and every report repeats them per person, so a longer text refuses the file.
inline constexpr size_t kMaxTitleLength = 200;
inline constexpr size_t kMaxNameLength = 100;  // 氏名 and 所属
inline constexpr size_t kMaxEmployeeIdLength = 40;
inline constexpr size_t kMaxQuestionTextLength = 2000;

// "FIELD is longer than N characters" when `value` is, else "".
std::string length_problem(std::string_view value, std::string_view field, size_t max_characters);

// An attempt number as quiz.js writes it: 1 to kMaxAttemptNumber characters of 0-9, A-Z
// and '-' (it is printed on certificates and ends up in spreadsheets, so nothing else).
bool is_attempt_number(std::string_view text);

// A question bank's version as a quiz page writes it (quiz.version, 問題の版): up to 16
// digits of 0-9 and a-f (empty: unknown).
bool is_bank_version(std::string_view text);

// Parses one result file (JSON). Refuses, with the reason in words: text that is not JSON or
// not UTF-8, another format, a version this mamori does not read, missing or mistyped fields,
// a text longer than its limit, a local_date that is not an ISO 8601 time with its offset,
// and a score that does not add up (results/record_checks.h: correct > total, percent not
// what correct/total gives, passed not what percent and pass_mark give, answers not as many
// as total or not as many correct as correct; a self-check's points not its answers').
// Every string is kept as written; whoever shows it escapes it.
Result<ResultRecord> parse_result_json(std::string_view text);

}  // namespace mamori
