// A result record read against today's quiz of the project. A record can add up and still
// not be an attempt at this quiz: a pass mark of 0%, one question where the quiz draws ten,
// questions the bank never had. Such a record is kept as an attempt, but it does not count
// as the quiz done (passed, or a self-check taken), and HR is told why.
#pragma once

#include <string>
#include <vector>

#include "results/completion.h"

namespace mamori {

// How record `r` differs from today's quiz `q`, each in words ("pass mark 0% where the quiz
// asks 80%"); empty when it fits. Questions and bands are compared only when the record
// answered today's question bank (the same quiz.version): an older bank had others.
std::vector<std::string> differences_from_quiz(const ResultRecord& r, const CurrentQuiz& q);

// For a quiz's JSON record that does not name its question bank: the questions it answered
// that today's bank does not have, in words, or "" when it has them all. Such a record may
// come from an older bank, so it still counts, but its answers cannot be checked.
std::string questions_of_an_unnamed_bank(const ResultRecord& r, const CurrentQuiz& q);

}  // namespace mamori
