// Quiz result files as employees hand them in: the record quiz.js downloads (JSON,
// "mamori-quiz-result" version 1 or 2), read back for `mamori results`.
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
  int correct = 0;          // quiz
  int total = 0;            // quiz
  int percent = 0;          // quiz, 0–100
  int pass_mark = 0;        // quiz, 0–100
  bool passed = false;      // quiz
  std::string band;         // self-check: the advice band reached
  std::vector<AnswerRecord> answers;
};

// Largest result file read; real ones are a few kilobytes.
inline constexpr size_t kMaxResultFileBytes = size_t{1} << 20;

// Parses one result file (JSON). Refuses, with the reason in words: text that is not JSON or
// not UTF-8, another format, a version this mamori does not read, missing or mistyped fields,
// a score that does not add up (correct > total, percent not what correct/total gives). Every
// string is kept as written; whoever shows it escapes it.
Result<ResultRecord> parse_result_json(std::string_view text);

}  // namespace mamori
