// The cmark-gfm inline extension that applies the CJK-friendly emphasis rule
// (cjk_emphasis.h) while cmark-gfm parses, so that its own delimiter algorithm pairs the runs.
//
// cmark-gfm decides whether a `*` or `_` run can open or close as soon as it reads the run,
// and gives extensions no say over `*` and `_`. But a run's flags are only read later, when
// the paragraph (or a link's text) is complete, and the run's neighbours are the only input:
// the rule can only differ from CommonMark's when one neighbour is a CJK character or a
// variation selector, and every such character is three or four bytes long in UTF-8. So
// the extension asks to be called at every byte that starts such a character, and
//   - when a run ends just before it, recomputes that run's flags (the run is the last
//     delimiter cmark pushed, still unread);
//   - when a run starts just after it, reads the run itself and pushes it with the rule's
//     flags, as cmark would have pushed it with CommonMark's;
//   - otherwise takes the text up to the next ASCII byte (or the next such character a
//     run follows) as one text node, as cmark would have.
// Everything else is cmark's own: the rule of 3, `**` before `*`, nesting, links as
// boundaries; escaped `\*`, entities, code spans, autolinks and raw HTML never become
// delimiter runs, so they stay literal.
#pragma once

#include <cmark-gfm-extension_api.h>

#include <cstddef>
#include <string_view>

namespace mamori {

// The extension, made on first use and kept for the process. It holds no state of its own
// between calls, so parsers in several threads may share it; attach it after the GFM
// extensions. (cmark-gfm's table of special characters is a global: see markdown.cc.)
cmark_syntax_extension* cjk_emphasis_extension();

// Where the text node that starts at text[at] ends: before the first ASCII byte, before
// bytes that are not UTF-8, or before a character of U+1100 and above that a `*` or `_` run
// follows (so that cmark calls the extension there), whichever comes first. Taking the run
// of non-ASCII text in one node spares cmark a node and a call per kana or kanji.
// REQUIRES: a well-formed sequence starts at text[at].
size_t cjk_text_end(std::string_view text, size_t at);

}  // namespace mamori
