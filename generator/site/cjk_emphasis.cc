#include "site/cjk_emphasis.h"

#include <cmark-gfm/utf8.h>  // libcmark-gfm's own classification, exported by the library

#include "site/cjk_characters.h"

namespace mamori {
namespace {

bool is_space(char32_t cp) {
  return cmark_utf8proc_is_space(static_cast<int32_t>(cp)) != 0;
}

bool is_punctuation(char32_t cp) {
  return cmark_utf8proc_is_punctuation(static_cast<int32_t>(cp)) != 0;
}

RunNeighbour classify(char32_t cp) {
  return RunNeighbour{is_space(cp), is_punctuation(cp), is_cjk_character(cp)};
}

}  // namespace

RunNeighbour neighbour_after(char32_t next) {
  return classify(next);
}

RunNeighbour neighbour_before(char32_t previous, char32_t earlier) {
  if (is_ideographic_variation_selector(previous)) return RunNeighbour{false, false, true};
  // A selector after white space or after another selector selects nothing: the amendment
  // leaves that open, and cmark's answer (a selector is a letter) stands.
  if (!is_general_use_variation_selector(previous) || is_space(earlier) || is_general_use_variation_selector(earlier) ||
      is_ideographic_variation_selector(earlier)) {
    return classify(previous);
  }
  RunNeighbour base = classify(earlier);
  if (previous == 0xFE01 && has_fullwidth_variant(earlier)) base.cjk = true;
  return base;
}

RunAbility cjk_friendly_ability(char delimiter, RunNeighbour before, RunNeighbour after) {
  const bool left =
      !after.space && (!after.punctuation || after.cjk || before.space || before.punctuation || before.cjk);
  const bool right =
      !before.space && (!before.punctuation || before.cjk || after.space || after.punctuation || after.cjk);
  if (delimiter == '_') {
    return RunAbility{left && (!right || before.punctuation), right && (!left || after.punctuation)};
  }
  return RunAbility{left, right};
}

}  // namespace mamori
