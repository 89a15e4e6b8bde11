// Who has completed the training: result files matched to people (and to the roster),
// per person × quiz, and per question (item analysis).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "results/record.h"
#include "results/roster.h"

namespace mamori {

// One result file that could be read.
struct HandedIn {
  std::string file;  // as shown to HR
  ResultRecord record;
};

// What the project says about a quiz today (from quizzes/), when a project is at hand.
// Zero and empty fields are unknown and not checked.
struct CurrentQuiz {
  std::string title;
  std::string version;  // hash of today's question bank
  QuizKind kind = QuizKind::quiz;
  int pass_mark = 0;                                   // quiz
  int questions_per_attempt = 0;                       // the draw, else every question of the bank
  std::set<std::string> questions;                     // the ids in today's bank
  std::vector<std::pair<int64_t, std::string>> bands;  // self-check: (min, label), by min
  // quiz: per question id, the ids of its choices and of the right ones, as the quiz page
  // names them (quiz/choice_order.h), sorted
  std::map<std::string, std::vector<std::string>> choice_ids;
  std::map<std::string, std::vector<std::string>> right_answers;
  int order = -1;  // its place in the portal's order (by section, as the quizzes index); -1: unknown
};

// A person's attempts at one quiz. A self-check is taken, never passed: its standing has no
// score, pass or certificate.
struct QuizStanding {
  int attempts = 0;
  int not_counted = 0;             // attempts that do not fit today's quiz: never a pass or 受講 (notes say why)
  int best_percent = -1;           // quizzes; -1 for a self-check
  bool passed = false;             // a quiz passed (never for a self-check)
  std::string first_pass;          // local date (YYYY-MM-DD) of the first pass
  std::string first_pass_utc;      // its UTC time, to find the first pass among attempts in any order
  std::string certificate;         // attempt number of the first pass (its 修了証番号); empty when none
  std::set<std::string> versions;  // quiz versions answered
  bool older_version = false;      // some attempt answered a bank that is not today's
};

struct PersonStanding {
  std::string employee_id;
  std::string name;
  std::string department;
  bool on_roster = false;
  std::map<std::string, QuizStanding> quizzes;  // by quiz id
};

struct ItemStats {
  std::string quiz_id;
  std::string question;  // id
  std::string text;      // as last shown to an employee (version 2 records)
  int answered = 0;
  int wrong = 0;
};

struct Completion {
  std::map<std::string, std::string> quiz_titles;  // every quiz id seen or current → title
  std::map<std::string, QuizKind> quiz_kinds;      // the same ids → quiz or self-check (today's, else the file's)
  std::map<std::string, int> quiz_places;          // today's quizzes → CurrentQuiz::order, when known
  std::vector<PersonStanding> people;              // roster order first, then people found only in files
  std::vector<ItemStats> items;                    // worst first: share wrong, then most answered
  std::vector<std::string> notes;                  // duplicates and conflicts, for HR to look at
};

// Matches results to people by employee_id_key, else by name_key; counts an attempt handed
// in twice (also once as JSON and once as CSV) once, with a note — the same quiz, person,
// score and answers, and the same attempt number (or, when either has none, the same local
// time); the same number on another person's or other answers counts both, with a note.
// With a roster, a result whose person is not on it is kept (as not on the roster) and
// noted. `current` (may be empty) adds today's quizzes, so a quiz no one took still has a
// column; a result that differs from today's quiz (against_quiz.h) counts as an attempt
// only, and one from an older question bank is flagged. An attempt number that its attempt
// does not give (attempt_number.h) is noted and never reported as 修了証番号.
Completion summarize(const std::vector<HandedIn>& results, const std::vector<RosterEntry>& roster,
                     const std::map<std::string, CurrentQuiz>& current);

// Whether quiz `id` of `c` is a self-check (taken or not taken, never passed).
bool is_self_check(const Completion& c, const std::string& id);

// "YYYY-MM-DD" of a record's local time (the employee's calendar day), else of its UTC time.
std::string local_day(const ResultRecord& record);

}  // namespace mamori
