// Contact ids: the stable names pages use to refer to a contact ("contacts.toml#aichi-police").
//
// An id is lowercase ASCII letters, digits and '-', starting with a letter or digit, at most
// 64 characters; every contact has one and no two share one. Lowercase only, so that two
// ids never differ by letter case alone (a fragment is matched exactly).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "contacts/contacts.h"
#include "core/diagnostic.h"

namespace mamori {

// Why `id` cannot be a contact id ("id 'A B' may hold only …"), or "" when it can.
std::string contact_id_problem(std::string_view id);

// Reports each contact without an id, at its entry, and each id used by an earlier contact,
// at the id. `unit` names what Contact::line counts: "line" in contacts.toml, "row" in a CSV file.
void check_contact_ids(const std::vector<Contact>& contacts, std::string_view unit, std::vector<Diagnostic>& out);

// The contact with id `id`, or null.
const Contact* find_contact(const ContactTable& table, std::string_view id);

// The ids of the table, in its order (for "did you mean").
std::vector<std::string> contact_ids(const ContactTable& table);

// The import's rule for rows without an ID (the file has no ID column, or the cell is
// empty): such a row keeps the id of the entry of `current` with the same 相談先 and
// 相談内容 (Contact::key). A row that matches no entry with an id is an error at its row:
// an import never drops a reference silently.
void take_ids_from(const ContactTable& current, std::vector<Contact>& imported, std::vector<Diagnostic>& out);

}  // namespace mamori
