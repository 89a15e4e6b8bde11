// References to the contact table: a page or a quiz names a contact by its id and the
// build writes the contact's current name and phone number there, so that a number changed
// in content/contacts.toml changes on every page.
//
//   相談先は[愛知県警察本部](../contacts.toml#aichi-police)です。         (content/incident/x.md)
//   explanation = "…[IPA](../content/contacts.toml#ipa)…"                 (quizzes/x.toml)
//
// A reference is a Markdown link whose path leads to content/contacts.toml (relative to the
// file, as links to pages are written) and whose fragment is a contact's id. The link text
// is for whoever reads the source: the page always shows the table's current 相談先, then,
// in full-width parentheses, its phone number as a tel: link and its e-mail address as a
// mailto: link; with neither, its web site ("ウェブサイト"), or else a link to the page
// that shows the table ("相談先一覧"), where its note is:
//
//   愛知県警察本部（<a href="tel:052-951-1611">052-951-1611</a>）
//   九州経済産業局 国際部 国際課（<a href="tel:…">…</a>、<a href="mailto:…">…</a>）
//   中部公安調査局（<a href="https://…">ウェブサイト</a>）
//
// Only text and links: a reference can stand wherever a link can, table cells included.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "contacts/contacts.h"
#include "core/result.h"
#include "site/link_replacement.h"
#include "site/site.h"

namespace mamori {

// The contact table's path relative to content/, which a reference's link leads to.
inline constexpr std::string_view kContactTablePath = "contacts.toml";

// The link to the contact table written in a file of the folder `source_dir` (relative to
// the project root: "content/cyber" → "../contacts.toml", "quizzes" → "../content/contacts.toml").
std::string contact_table_link(std::string_view source_dir);

// What stands for `contact`. `table_href` leads to the page that shows the contact table
// ("" when there is none, or when it is the page itself).
std::vector<InlinePiece> contact_pieces(const Contact& contact, std::string_view table_href);

// What stands for the reference `url` (a link to the contact table, written in a link or,
// when `image`, an image) on the page built at `from_output`; or why nothing can: no id,
// an id the table does not have (with "did you mean"), no table, or an image.
Result<std::vector<InlinePiece>> contact_reference(const Site& site, std::string_view url, bool image,
                                                   std::string_view from_output);

}  // namespace mamori
