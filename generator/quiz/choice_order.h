// The order a question's choices are given to the quiz page in, and their ids.
//
// Authors tend to write the right answer first. The page shuffles choices on screen, but
// its source, and every choice's id in a result file, would still tell where the author put
// it. So the build gives choices in a permutation of the file's order, the same for every
// build of the same quiz and question (byte-identical sites), and names them a, b, c … in
// that order: an id says nothing about the file. `mamori results` uses the same ids.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "quiz/quiz.h"

namespace mamori {

// order[p] is the index in question.choices of the choice given at position p.
std::vector<size_t> choice_order(std::string_view quiz_id, const Question& question);

// The id of the choice at position p: a … z, then a1 … z1, a2 ….
std::string choice_id(size_t position);

// The ids of the right choices, in position order; for a true/false question "true" or
// "false". Self-check items have none.
std::vector<std::string> correct_choice_ids(std::string_view quiz_id, const Question& question);

// Every id a choice of `question` has ("true" and "false" for a true/false question).
std::vector<std::string> all_choice_ids(const Question& question);

}  // namespace mamori
