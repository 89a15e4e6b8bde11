// Which `*` and `_` delimiter runs may open or close emphasis, with the CommonMark
// CJK-friendly amendments (markdown-cjk-friendly, "6.2 Emphasis and strong emphasis").
//
// CommonMark refuses `**愛知県警察本部（052-951-1611）**です` and `これは**「重要」**です`:
// a run between punctuation and a letter may only open (punctuation before it) or only close
// (punctuation after it), and Japanese puts its punctuation right against the words. The
// amendment counts CJK punctuation as a letter on the inner side of a run, and lets a run
// open or close whenever a CJK character stands on either side of it:
//
//   left-flanking  = not followed by white space, and either not followed by non-CJK
//                    punctuation, or preceded by white space, punctuation or a CJK character;
//   right-flanking = not preceded by white space, and either not preceded by non-CJK
//                    punctuation, or followed by white space, punctuation or a CJK character.
//
// Where neither side is CJK the answer is CommonMark's, so Latin text parses as before.
// `_` keeps its own CommonMark rules on top of these (a run that is both left- and
// right-flanking opens only after punctuation and closes only before it), which the
// amendment keeps on purpose: intraword `_` stays literal, and `__「重要」__です` stays
// literal too; Japanese text uses `**` and `*`.
//
// Punctuation and white space are what cmark-gfm 0.29 counts as such (ASCII punctuation and
// Unicode P*, Unicode Zs and the ASCII spaces), so a run next to no CJK character gets
// exactly the answer the rest of the parser gives. (The amendment is written against
// CommonMark 0.31, which also counts symbols S* as punctuation.)
#pragma once

namespace mamori {

// What stands on one side of a delimiter run, as the flanking rules see it.
struct RunNeighbour {
  bool space = false;        // white space; the start and the end of the text count as one
  bool punctuation = false;  // ASCII punctuation or Unicode P*
  bool cjk = false;          // a CJK character (punctuation included), see neighbour_before
};

// The neighbour after a run: `next` is the code point after it, U+000A at the end of the text.
RunNeighbour neighbour_after(char32_t next);

// The neighbour before a run: `previous` is the code point before it and `earlier` the one
// before that (U+000A where there is none). A variation selector joins the character it
// follows: 禰︀ is CJK, “︁ (fullwidth form) is CJK punctuation. An ideographic variation
// selector (葛󠄀) counts as CJK.
RunNeighbour neighbour_before(char32_t previous, char32_t earlier);

struct RunAbility {
  bool can_open = false;
  bool can_close = false;
};

// Whether a run of `delimiter` ('*' or '_') between `before` and `after` can open and can
// close emphasis. Pure; CommonMark's rules whenever neither neighbour is CJK.
RunAbility cjk_friendly_ability(char delimiter, RunNeighbour before, RunNeighbour after);

}  // namespace mamori
