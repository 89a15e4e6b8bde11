// `mamori contacts import`: the contact table edited in Excel replaces content/contacts.toml.
//
// The CSV file is read as contacts_csv.h describes; contacts.toml is rewritten (as
// contacts_to_toml writes it) only when every row is valid, the previous file kept as
// contacts.toml.bak. Ids: a row's ID is its ID cell; a row without one (no ID column, or an
// empty cell) keeps the id of the entry with the same 相談先 and 相談内容, and a row that
// matches none is an error (contact_ids.h, take_ids_from).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "contacts/contacts.h"
#include "core/date.h"
#include "core/diagnostic.h"

namespace mamori {

// What an import would change, one line each ("changed: …", "added: …", "removed: …").
std::vector<std::string> describe_changes(const ContactTable& before, const ContactTable& after);

struct ImportResult {
  Diagnostics diagnostics;  // paths set; errors mean nothing was written
  std::vector<std::string> changes;
  bool written = false;
  std::filesystem::path backup;  // the previous contacts.toml, when one was kept
  // Set when there is no project here to import into (no ROOT/content/): a usage error
  // (exit 2), not a problem in the CSV.
  std::optional<std::string> environment_error;
};

// Reads `csv_file`, validates it, and (unless dry_run) replaces ROOT/content/contacts.toml,
// keeping the previous file as contacts.toml.bak. No ROOT/content/ folder is an
// environment_error; an unreadable file is a diagnostic without a line. A 最終確認日 after today
// (reviewed_in_future) is an error; `clock` says what today is (null: the system clock).
ImportResult import_contacts(const std::filesystem::path& root, const std::filesystem::path& csv_file, bool dry_run,
                             const Clock* clock = nullptr);

}  // namespace mamori
