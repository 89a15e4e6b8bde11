// Patterns in a question bank that let someone pass without reading: warnings for whoever
// writes the next bank (`mamori check` and `mamori build` show them at the quiz file).
//
//   - true/false answers that lean one way: over 75% the same, in a bank with at least
//     kMinTrueFalseForLean true/false questions;
//   - the correct choice being the longest in more than half of the single-choice
//     questions, in a bank with at least kMinSingleForLongest of them;
//   - a choice whose text is, word for word, the correct answer of another question
//     (one question gives another's answer away when both are drawn).
//
// Lengths and comparisons use the text of the Markdown, roughly: link targets, emphasis
// and code marks dropped, white space collapsed, NFC; lengths count code points.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "quiz/quiz.h"

namespace mamori {

inline constexpr size_t kMinTrueFalseForLean = 4;
inline constexpr size_t kMinSingleForLongest = 4;

// The warnings for a bank, at positions in its file (a self-check has none).
std::vector<Diagnostic> bank_pattern_warnings(const Quiz& quiz);

// The text of a Markdown value as the checks compare it (see above).
std::string plain_text_of(std::string_view markdown);

}  // namespace mamori
