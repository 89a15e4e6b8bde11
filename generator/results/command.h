// `mamori results`: the completion report from the result files HR collected.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/date.h"
#include "results/completion.h"

namespace mamori {

struct ResultsOptions {
  std::vector<std::filesystem::path> inputs;  // result files and folders holding them
  std::filesystem::path roster;               // empty: no roster (everyone found in the files)
  std::filesystem::path out;                  // empty: no files written
  std::string format = "text";                // what goes to standard output: text, csv, json, html
  std::filesystem::path root = ".";           // the project, for today's quizzes (optional)
  const Clock* clock = nullptr;               // null: the system clock
};

// The files written into ResultsOptions::out.
inline constexpr const char* kCompletionCsv = "受講状況.csv";
inline constexpr const char* kCompletionHtml = "report.html";
inline constexpr const char* kCompletionJson = "completion.json";

struct ResultsRun {
  std::string output;                 // for standard output, in the chosen format
  std::vector<std::string> messages;  // for standard error: skipped files, roster problems, files written
  int exit_status = 0;                // 0; 1 when a file or a roster row was skipped; 2 when the run could not go on
};

ResultsRun run_results(const ResultsOptions& options);

// One row per person × quiz, for a spreadsheet: UTF-8 with BOM, CRLF, Japanese headers,
// every cell neutralised against formulas.
std::string completion_csv(const Completion& c, bool have_roster);

}  // namespace mamori
