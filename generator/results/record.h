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
  int correct = 0;      // quiz
  int total = 0;        // quiz
  int percent = 0;      // quiz, 0–100
  int pass_mark = 0;    // quiz, 0–100
  bool passed = false;  // quiz
  std::string band;     // self-check: the advice band reached
  std::vector<AnswerRecord> answers;
  RecordSource source = RecordSource::json;
};

// Largest result file read; real ones are a few kilobytes.
inline constexpr size_t kMaxResultFileBytes = size_t{1} << 20;

// Longest attempt number read; quiz.js writes 17 characters.
inline constexpr size_t kMaxAttemptNumber = 40;

// An attempt number as quiz.js writes it: 1 to kMaxAttemptNumber characters of 0-9, A-Z
// and '-' (it is printed on certificates and ends up in spreadsheets, so nothing else).
bool is_attempt_number(std::string_view text);

// Parses one result file (JSON). Refuses, with the reason in words: text that is not JSON or
// not UTF-8, another format, a version this mamori does not read, missing or mistyped fields,
// a score that does not add up (correct > total, percent not what correct/total gives). Every
// string is kept as written; whoever shows it escapes it.
Result<ResultRecord> parse_result_json(std::string_view text);

}  // namespace mamori
