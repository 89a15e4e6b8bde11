// "did you mean" hints: the nearest name by edit distance (as ninja's SpellcheckString).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mamori {

// Edit distance counted in Unicode code points, so that a one-character typo in a
// Japanese name costs 1; swapping two neighbouring characters also costs 1.
int edit_distance(std::string_view a, std::string_view b);

// The candidate nearest to `word`, if it is near enough to be a likely typo: at most
// max(1, length/3) edits and never `word` itself. Ties go to the earlier candidate.
std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates);

// " (did you mean 'x'?)" or "" — ready to append to a message. Besides near names, a
// candidate that begins or ends with `word` (at least two characters) is suggested.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace mamori
