// Contact data written by hand: the warnings `mamori check` and the build give for each
// phone number and e-mail address in a page or a quiz file (found by contact_scan.h), so
// that every number comes from content/contacts.toml and changes there everywhere.
#pragma once

#include <string_view>
#include <vector>

#include "contacts/contacts.h"
#include "core/diagnostic.h"

namespace mamori {

// A warning at each phone number and e-mail address in `text`, the text of a file in the
// folder `source_dir` (relative to the project root: "content/cyber", "quizzes"). When the
// table (null: none) has the number or address, the warning names the reference to write
// instead, as a link relative to that folder; otherwise it asks for an entry in the table.
std::vector<Diagnostic> handwritten_contact_warnings(std::string_view text, std::string_view source_dir,
                                                     const ContactTable* table);

}  // namespace mamori
