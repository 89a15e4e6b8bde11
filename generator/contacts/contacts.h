// The contact table (相談先一覧): content/contacts.toml, validated and normalised.
//
//   reviewed = 2025-05-01          # when the whole table was last checked
//   [[contact]]
//   id = "aichi-police"             # required, unique: what pages refer to (contact_ids.h)
//   group = "県内の窓口"            # tables on the page, in order of first appearance
//   topic = "経済安全保障全般"       # what to call about
//   organization = "愛知県 …"
//   url = "https://…"               # optional
//   phone = "052-954-6370"          # optional; full-width digits are normalised
//   email = "…@…"                   # optional; full-width ＠ and letters are normalised
//   note = "…"                      # optional; required when there is no phone
#pragma once

#include <array>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/diagnostic.h"

namespace mamori {

struct Position {
  int line = 0;
  int column = 0;
};

struct Contact {
  std::string id;  // stable name pages refer to: "aichi-police" (contact_ids.h)
  std::string group;
  std::string topic;
  std::string organization;
  std::string url;
  std::string phone;  // normalised ("052-954-6370"), or ""
  std::string email;
  std::string note;
  int line = 0;      // where it is defined (TOML line or CSV row)
  int url_line = 0;  // where its URL is written (for the link checker)
  Position id_at;    // where its id is written (else the entry's start)

  static constexpr size_t kFields = 8;
  // The values in the order of contact_fields().
  std::array<std::string*, kFields> values() {
    return {&id, &group, &topic, &organization, &url, &phone, &email, &note};
  }
  std::array<const std::string*, kFields> values() const {
    return {&id, &group, &topic, &organization, &url, &phone, &email, &note};
  }
  // Identifies a window: two entries with the same topic and organisation are duplicates.
  std::string key() const { return organization + "\n" + topic; }
};

struct ContactTable {
  std::optional<Date> reviewed;
  int reviewed_line = 0;
  int reviewed_column = 0;
  std::vector<Contact> contacts;
};

// The fields of a contact in table order, with the Japanese column names used in the
// CSV export and on the page.
struct ContactField {
  std::string_view key;    // "topic"
  std::string_view label;  // "相談内容"
};
const std::vector<ContactField>& contact_fields();

// The place of each field in contact_fields() and Contact::values().
enum ContactFieldIndex : size_t {
  kIdField,
  kGroupField,
  kTopicField,
  kOrganizationField,
  kUrlField,
  kPhoneField,
  kEmailField,
  kNoteField
};

// Checks one contact's values (trimming them), the form of its id when it has one, and
// normalises its phone number. A missing or repeated id is check_contact_ids' (contact_ids.h). A problem
// with a field is reported at fields[i] (in contact_fields() order) when that is known,
// otherwise at `entry`.
void validate_contact(Contact& contact, Position entry, const std::array<Position, Contact::kFields>& fields,
                      std::vector<Diagnostic>& out);

// Parses contacts.toml. Problems are reported with positions in the file; every contact
// needs an id of its own.
ContactTable parse_contacts(std::string_view toml, std::vector<Diagnostic>& out);

// Reports entries that repeat an earlier one (same topic and organisation). `unit` names
// what Contact::line counts: "line" in contacts.toml, "row" in a CSV file.
void check_duplicates(const std::vector<Contact>& contacts, std::string_view unit, std::vector<Diagnostic>& out);

// The error for a 最終確認日 after today, at the date. The day after today is allowed: an
// editor's calendar may be a day ahead of the machine's (an editor in JST, a server on
// UTC, between midnight and 9:00), and that must not stop an import or a build.
std::optional<Diagnostic> reviewed_in_future(const ContactTable& table, const Date& today);

// What to say when ROOT/content/contacts.toml does not exist: the absolute folder looked
// in, and how to point mamori at the right one.
std::string missing_table_message(const std::filesystem::path& root);

// The canonical text of contacts.toml: what `mamori contacts import` writes. Parsing it
// gives the same table back.
std::string contacts_to_toml(const ContactTable& table);

}  // namespace mamori
