#include "contacts/contact_ids.h"

#include <map>

#include "core/i18n.h"
#include "core/spellcheck.h"

namespace mamori {
namespace {

constexpr size_t kMaxIdLength = 64;

bool is_id_character(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

// `id` made into a valid one where that is plain: letters lowered, spaces and '_' as '-',
// anything else left out. "" when nothing valid is left.
std::string suggested_id(std::string_view id) {
  std::string out;
  for (const char c : id) {
    const char lower = (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    if (is_id_character(lower)) {
      out += lower;
    } else if ((c == ' ' || c == '_') && !out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.front() == '-') out.erase(0, 1);
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.size() <= kMaxIdLength ? out : "";
}

// How a row is named in the import's messages: "愛知県警察本部（情報・技術流出に関するご相談）".
std::string entry_name(const Contact& contact) {
  return contact.organization + "（" + contact.topic + "）";
}

// The hint for a row without an ID that matches no entry: the id of the entry it is nearest
// to (its 相談先 or 相談内容 edited a little), or how to choose one.
std::string id_hint(const Contact& row, const std::map<std::string, const Contact*>& by_key) {
  std::vector<std::string> names;
  std::map<std::string, const Contact*> by_name;
  for (const auto& [key, contact] : by_key) {
    names.push_back(entry_name(*contact));
    by_name.emplace(names.back(), contact);
  }
  if (const auto near = closest_match(entry_name(row), names)) {
    return format(tr("did you mean '{0}', the id of {1}?"), by_name.at(*near)->id, *near);
  }
  return tr("a new contact: choose one, like aichi-police");
}

}  // namespace

std::string contact_id_problem(std::string_view id) {
  bool valid = !id.empty() && id.size() <= kMaxIdLength && id.front() != '-';
  for (const char c : id) valid = valid && is_id_character(c);
  if (valid) return "";
  const std::string suggestion = suggested_id(id);
  if (suggestion.empty())
    return format(
        tr("id '{0}' may hold only lowercase letters a-z, digits and '-' (at most {1}, not starting with '-')"), id,
        kMaxIdLength);
  return format(tr("id '{0}' may hold only lowercase letters a-z, digits and '-' (at most {1}, not starting with "
                   "'-'), like '{2}'"),
                id, kMaxIdLength, suggestion);
}

void check_contact_ids(const std::vector<Contact>& contacts, std::string_view unit, std::vector<Diagnostic>& out) {
  std::map<std::string, int, std::less<>> seen;  // id → where it is first used
  for (const auto& contact : contacts) {
    if (contact.id.empty()) {
      out.push_back(error_at(contact.line, unit == "line" ? 1 : 0,
                             tr("missing id: every contact needs a stable id that pages refer to, like id = "
                                "\"aichi-police\" (lowercase letters, digits and '-')")));
      continue;
    }
    const auto [it, inserted] = seen.emplace(contact.id, contact.id_at.line);
    if (!inserted) {
      out.push_back(error_at(
          contact.id_at.line, contact.id_at.column,
          format(unit == "line" ? tr("id '{0}' is already used at line {1}: every contact needs an id of its own")
                                : tr("id '{0}' is already used at row {1}: every contact needs an id of its own"),
                 contact.id, it->second)));
    }
  }
}

const Contact* find_contact(const ContactTable& table, std::string_view id) {
  for (const auto& contact : table.contacts) {
    if (contact.id == id) return &contact;
  }
  return nullptr;
}

std::vector<std::string> contact_ids(const ContactTable& table) {
  std::vector<std::string> ids;
  for (const auto& contact : table.contacts) {
    if (!contact.id.empty()) ids.push_back(contact.id);
  }
  return ids;
}

void take_ids_from(const ContactTable& current, std::vector<Contact>& imported, std::vector<Diagnostic>& out) {
  std::map<std::string, const Contact*> by_key;
  for (const auto& contact : current.contacts) {
    if (!contact.id.empty()) by_key.emplace(contact.key(), &contact);
  }
  for (auto& contact : imported) {
    if (!contact.id.empty()) continue;
    if (const auto it = by_key.find(contact.key()); it != by_key.end()) {
      contact.id = it->second->id;
      continue;
    }
    out.push_back(error_at(contact.line, contact.id_at.column,
                           format(tr("row {0} ('{1}' at '{2}') has no ID, and content/contacts.toml has no entry with "
                                     "the same 相談先 and 相談内容 to keep it from: write the contact's ID in the ID "
                                     "column ({3})"),
                                  contact.line, contact.topic, contact.organization, id_hint(contact, by_key))));
  }
}

}  // namespace mamori
