#include "contacts/import.h"

#include <map>
#include <optional>
#include <system_error>

#include "contacts/contact_ids.h"
#include "contacts/contacts_csv.h"
#include "core/files.h"
#include "core/i18n.h"
#include "core/result.h"
#include "core/text.h"

namespace fs = std::filesystem;

namespace mamori {
namespace {

constexpr std::string_view kTableFile = "content/contacts.toml";  // as diagnostics name it

std::string contact_name(const Contact& c) {
  return c.organization + "（" + c.topic + "）";
}

// "changed: …" for each value of `contact` that differs from the one `before` held.
void describe_changed_values(const Contact& before, const Contact& contact, std::vector<std::string>& changes) {
  const auto old_values = before.values();
  const auto new_values = contact.values();
  for (size_t f = 0; f < Contact::kFields; ++f) {
    if (*old_values[f] == *new_values[f]) continue;
    changes.push_back(format(tr("changed: {0} {1} '{2}' → '{3}'"), contact_name(contact), contact_fields()[f].label,
                             *old_values[f], *new_values[f]));
  }
}

// Same entries, other order.
bool same_entries_reordered(const ContactTable& before, const ContactTable& after) {
  if (before.contacts.size() != after.contacts.size()) return false;
  for (size_t i = 0; i < before.contacts.size(); ++i) {
    if (before.contacts[i].key() != after.contacts[i].key()) return true;
  }
  return false;
}

}  // namespace

std::vector<std::string> describe_changes(const ContactTable& before, const ContactTable& after) {
  std::vector<std::string> changes;
  if (before.reviewed != after.reviewed) {
    const std::string none = tr("(none)");
    changes.push_back(format(tr("changed: 最終確認日 {0} → {1}"), before.reviewed ? to_iso(*before.reviewed) : none,
                             after.reviewed ? to_iso(*after.reviewed) : none));
  }
  std::map<std::string, const Contact*> old_by_key;
  for (const auto& c : before.contacts) old_by_key.emplace(c.key(), &c);
  std::map<std::string, const Contact*> new_by_key;
  for (const auto& c : after.contacts) new_by_key.emplace(c.key(), &c);
  for (const auto& contact : after.contacts) {
    const auto it = old_by_key.find(contact.key());
    if (it == old_by_key.end()) {
      changes.push_back(format(tr("added: {0}"), contact_name(contact)));
    } else {
      describe_changed_values(*it->second, contact, changes);
    }
  }
  for (const auto& contact : before.contacts) {
    if (!new_by_key.contains(contact.key())) changes.push_back(format(tr("removed: {0}"), contact_name(contact)));
  }
  if (changes.empty() && same_entries_reordered(before, after)) changes.push_back(tr("changed: the order of the rows"));
  return changes;
}

namespace {

// The CSV file as a table, or nullopt when it cannot be read or has errors (reported,
// with the file's name as their path). A 最終確認日 after `today` is one of them.
std::optional<ContactTable> read_csv_file(const fs::path& csv_file, const Date& today, Diagnostics& diagnostics) {
  const std::string csv_name = csv_file.string();
  auto read = read_file(csv_file, size_t{16} << 20);
  if (!read) {
    diagnostics.error(csv_name, 0, 0, read.error().message);
    return std::nullopt;
  }
  std::vector<Diagnostic> problems;
  ContactTable imported = contacts_from_csv(*read, problems);
  if (auto future = reviewed_in_future(imported, today)) problems.push_back(std::move(*future));
  diagnostics.add_all(std::move(problems), csv_name);
  if (diagnostics.has_errors()) return std::nullopt;
  return imported;
}

struct CurrentTable {
  ContactTable table;
  std::string text;  // "" when there is no contacts.toml yet
};

// The contacts.toml an import replaces. Checked on the opened file: one that is a symlink
// out of content/ is neither shown (a dry run lists the rows it holds) nor replaced (an
// Error). An invalid or unreadable table is simply replaced.
Result<CurrentTable> read_current_table(const fs::path& root, const fs::path& toml_file) {
  CurrentTable current;
  std::error_code ec;
  if (!fs::exists(fs::symlink_status(toml_file, ec))) return current;
  auto read = read_file_inside(toml_file, fs::canonical(root / "content", ec), "content/");
  if (!read && read.error().message.starts_with("symlink")) {
    return Error{format(tr("{0}; nothing was changed"), read.error().message)};
  }
  if (read) {
    current.text = *read;
    std::vector<Diagnostic> ignored;
    current.table = parse_contacts(strip_bom(current.text), ignored);
  }
  return current;
}

// Keeps `current_text` (when there is one) as contacts.toml.bak, then replaces the table
// with `new_text`. False when either write failed (reported).
bool replace_table(const fs::path& toml_file, const std::string& current_text, const std::string& new_text,
                   ImportResult& result) {
  if (!current_text.empty()) {
    result.backup = toml_file.string() + ".bak";
    if (auto written = write_file_atomically(result.backup, current_text); !written) {
      result.diagnostics.error(std::string(kTableFile), 0, 0,
                               format(tr("cannot keep a backup: {0}; nothing was changed"), written.error().message));
      return false;
    }
  }
  // write_file_atomically writes a new file and renames it into place: the table is never
  // half-written.
  if (auto written = write_file_atomically(toml_file, new_text); !written) {
    result.diagnostics.error(std::string(kTableFile), 0, 0,
                             format(tr("cannot replace contacts.toml: {0}"), written.error().message));
    return false;
  }
  return true;
}

// Gives rows without an ID the id of the same entry of the current table, and checks that
// every id is unique; false after an error (reported at the CSV file).
bool settle_ids(const ContactTable& current, ContactTable& imported, const fs::path& csv_file, ImportResult& result) {
  std::vector<Diagnostic> problems;
  take_ids_from(current, imported.contacts, problems);
  std::vector<Contact> with_ids;  // those without were reported just now
  for (const auto& contact : imported.contacts) {
    if (!contact.id.empty()) with_ids.push_back(contact);
  }
  check_contact_ids(with_ids, "row", problems);
  result.diagnostics.add_all(std::move(problems), csv_file.string());
  return !result.diagnostics.has_errors();
}

}  // namespace

ImportResult import_contacts(const fs::path& root, const fs::path& csv_file, bool dry_run, const Clock* clock) {
  ImportResult result;
  std::error_code ec;
  if (!fs::is_directory(root / "content", ec)) {  // run elsewhere: say where mamori looked
    result.environment_error = missing_table_message(root);
    return result;
  }
  const SystemClock system_clock;
  const Date today = (clock != nullptr ? *clock : system_clock).today();
  std::optional<ContactTable> imported = read_csv_file(csv_file, today, result.diagnostics);
  if (!imported) return result;
  const fs::path toml_file = root / "content" / "contacts.toml";
  const auto current = read_current_table(root, toml_file);
  if (!current) {
    result.diagnostics.error(std::string(kTableFile), 0, 0, current.error().message);
    return result;
  }
  if (!settle_ids(current->table, *imported, csv_file, result)) return result;
  result.changes = describe_changes(current->table, *imported);
  const std::string new_text = contacts_to_toml(*imported);
  if (new_text == current->text) return result;  // nothing to write
  if (result.changes.empty()) result.changes.push_back(tr("changed: the layout of contacts.toml (same contents)"));
  if (dry_run) return result;
  result.written = replace_table(toml_file, current->text, new_text, result);
  return result;
}

}  // namespace mamori
