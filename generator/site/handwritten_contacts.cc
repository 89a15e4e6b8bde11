#include "site/handwritten_contacts.h"

#include <string>

#include "core/i18n.h"
#include "core/text.h"
#include "site/contact_refs.h"
#include "site/contact_scan.h"

namespace mamori {
namespace {

// The digits of a phone number of the table ("052-951-1611" → "0529511611").
std::string digits_of(std::string_view phone) {
  std::string out;
  for (const char c : phone) {
    if (c >= '0' && c <= '9') out += c;
  }
  return out;
}

// The contact of the table that has the number or address found, or null.
const Contact* owner(const ContactTable* table, const ContactText& found) {
  if (table == nullptr) return nullptr;
  for (const auto& contact : table->contacts) {
    const bool same = found.kind == ContactTextKind::phone
                          ? !contact.phone.empty() && digits_of(contact.phone) == found.digits
                          : !contact.email.empty() && ascii_lower(contact.email) == ascii_lower(found.value);
    if (same) return &contact;
  }
  return nullptr;
}

std::string warning_text(const ContactText& found, const Contact* contact, const std::string& table_link) {
  const bool phone = found.kind == ContactTextKind::phone;
  if (contact != nullptr && !contact->id.empty()) {
    return format(phone ? tr("phone number {0} is written by hand; refer to the contact table ([{1}]({2}#{3}))")
                        : tr("e-mail address {0} is written by hand; refer to the contact table ([{1}]({2}#{3}))"),
                  found.value, contact->organization, table_link, contact->id);
  }
  if (contact != nullptr) {
    return format(phone ? tr("phone number {0} is written by hand; give its entry in content/contacts.toml an id and "
                             "refer to it ([{1}]({2}#ID))")
                        : tr("e-mail address {0} is written by hand; give its entry in content/contacts.toml an id "
                             "and refer to it ([{1}]({2}#ID))"),
                  found.value, contact->organization, table_link);
  }
  return format(phone ? tr("phone number {0} is written by hand and is not in the contact table; add it to "
                           "content/contacts.toml with an id and refer to it ([相談先]({1}#ID))")
                      : tr("e-mail address {0} is written by hand and is not in the contact table; add it to "
                           "content/contacts.toml with an id and refer to it ([相談先]({1}#ID))"),
                found.value, table_link);
}

}  // namespace

std::vector<Diagnostic> handwritten_contact_warnings(std::string_view text, std::string_view source_dir,
                                                     const ContactTable* table) {
  const std::string table_link = contact_table_link(source_dir);
  std::vector<Diagnostic> out;
  for (const auto& found : find_contact_texts(text)) {
    out.push_back(warning_at(found.line, found.column, warning_text(found, owner(table, found), table_link)));
  }
  return out;
}

}  // namespace mamori
