#include "contacts/contacts.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "contacts/contact_ids.h"
#include "contacts/phone.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/toml_reader.h"
#include "core/url.h"

namespace mamori {

const std::vector<ContactField>& contact_fields() {
  static const std::vector<ContactField> fields = {
      {"id", "ID"},   {"group", "区分"},     {"topic", "相談内容"}, {"organization", "相談先"},
      {"url", "URL"}, {"phone", "電話番号"}, {"email", "メール"},   {"note", "備考"},
  };
  return fields;
}

namespace {

// "U+202E" for the first character of `text` that could reorder or hide text on the page
// (bidi controls, zero-width characters: acts_on_terminal), or "".
std::string first_hiding_character(std::string_view text) {
  for (size_t i = 0; i < text.size(); i += std::max<size_t>(1, utf8_sequence_length(text, i))) {
    const auto cp = code_point_at(text, i);
    if (cp && acts_on_terminal(*cp)) {
      char code[16];
      std::snprintf(code, sizeof code, "U+%04X", static_cast<unsigned>(*cp));
      return code;
    }
  }
  return "";
}

bool plausible_email(std::string_view email) {
  const size_t at = email.find('@');
  return at != std::string_view::npos && at > 0 && email.find('@', at + 1) == std::string_view::npos &&
         email.find('.', at) != std::string_view::npos && email.back() != '.' &&
         email.find_first_of(" \t\r\n<>\"',;:()[]\\") == std::string_view::npos;
}

}  // namespace

void validate_contact(Contact& contact, Position entry, const std::array<Position, Contact::kFields>& fields,
                      std::vector<Diagnostic>& out) {
  auto problem = [&](size_t field, const std::string& message) {
    const Position at = fields[field].line > 0 ? fields[field] : entry;
    out.push_back(error_at(at.line, at.column, message));
  };
  contact.line = entry.line;
  contact.id_at = fields[kIdField].line > 0 ? fields[kIdField] : entry;
  for (std::string* value : contact.values()) *value = std::string(trim(*value));
  for (size_t f = 0; f < Contact::kFields; ++f) {
    if (contact.values()[f]->find_first_of("\r\n") != std::string::npos) {
      problem(f, format(tr("{0} ({1}) holds a line break (Alt+Enter in Excel): write it on one line"),
                        contact_fields()[f].label, contact_fields()[f].key));
    } else if (const std::string code = first_hiding_character(*contact.values()[f]); !code.empty()) {
      problem(f, format(tr("{0} ({1}) holds the invisible character {2}, which can reorder or hide text on the page; "
                           "delete it"),
                        contact_fields()[f].label, contact_fields()[f].key, code));
    }
  }
  if (!contact.id.empty()) {
    if (const std::string id_problem = contact_id_problem(contact.id); !id_problem.empty())
      problem(kIdField, id_problem);
  }
  if (contact.group.empty()) problem(kGroupField, tr("missing 区分 (group), e.g. \"県内の窓口\" or \"国の窓口\""));
  if (contact.topic.empty()) problem(kTopicField, tr("missing 相談内容 (topic): what people call this window about"));
  if (contact.organization.empty()) problem(kOrganizationField, tr("missing 相談先 (organization)"));
  if (!contact.url.empty() && !is_web_url(contact.url)) {
    problem(kUrlField, format(tr("URL '{0}' must start with https:// or http://"), contact.url));
  }
  if (!contact.phone.empty()) {
    auto normalized = normalize_phone(contact.phone);
    if (!normalized) {
      problem(kPhoneField, format(tr("phone number {0}"), normalized.error().message));
    } else {
      contact.phone = normalized->display;
    }
  }
  // Full-width ＠, letters, digits, ．, ＿ and － (typed with a Japanese input method) become
  // ASCII, as full-width digits of phone numbers do; the table keeps the ASCII address.
  contact.email = nfkc(contact.email);
  if (!contact.email.empty() && !plausible_email(contact.email)) {
    problem(kEmailField, format(tr("email '{0}' is not an e-mail address"), contact.email));
  }
  if (contact.phone.empty() && contact.note.empty() && !contact.organization.empty()) {
    problem(kPhoneField, tr("no phone number: give one, or say in 備考 (note) how to reach this window, e.g. "
                            "\"ウェブサイトのフォームから問い合わせます\""));
  }
}

void check_duplicates(const std::vector<Contact>& contacts, std::string_view unit, std::vector<Diagnostic>& out) {
  std::map<std::string, int> seen;
  for (const auto& contact : contacts) {
    if (contact.topic.empty() || contact.organization.empty()) continue;
    const auto [it, inserted] = seen.emplace(contact.key(), contact.line);
    if (!inserted) {
      out.push_back(error_at(contact.line, 1,
                             format(unit == "line" ? tr("duplicate entry: '{0}' at '{1}' is already listed at line {2}")
                                                   : tr("duplicate entry: '{0}' at '{1}' is already listed at row {2}"),
                                    contact.topic, contact.organization, it->second)));
    }
  }
}

ContactTable parse_contacts(std::string_view toml, std::vector<Diagnostic>& out) {
  ContactTable table;
  const auto parsed = parse_toml(toml, 0, out);
  if (!parsed) return table;
  TomlReader root(*parsed, 0, out);
  if (auto reviewed = root.date("reviewed", Need::required)) {
    table.reviewed = reviewed->value;
    table.reviewed_line = reviewed->line;
    table.reviewed_column = reviewed->column;
  }
  if (const toml::array* list = root.table_list("contact", Need::required)) {
    int index = 0;
    for (const toml::node& node : *list) {
      const toml::table& entry = *node.as_table();
      const Position start{first_key_line(entry, 1), 1};
      TomlReader reader(entry, 0, out, "contact[" + std::to_string(++index) + "]", start.line, start.column);
      Contact contact;
      std::array<Position, Contact::kFields> fields{};
      const auto targets = contact.values();
      for (size_t f = 0; f < Contact::kFields; ++f) {
        if (auto value = reader.string(contact_fields()[f].key)) {
          *targets[f] = value->value;
          fields[f] = Position{value->line, value->column};
        }
      }
      reader.finish();
      validate_contact(contact, start, fields, out);
      contact.url_line = fields[kUrlField].line;
      table.contacts.push_back(std::move(contact));
    }
  }
  root.finish();
  check_duplicates(table.contacts, "line", out);
  check_contact_ids(table.contacts, "line", out);
  return table;
}

namespace {

Date day_after(const Date& d) {
  if (is_valid_date(d.year, d.month, d.day + 1)) return Date{d.year, d.month, d.day + 1};
  if (d.month < 12) return Date{d.year, d.month + 1, 1};
  return Date{d.year + 1, 1, 1};
}

}  // namespace

std::optional<Diagnostic> reviewed_in_future(const ContactTable& table, const Date& today) {
  if (!table.reviewed || *table.reviewed <= day_after(today)) return std::nullopt;
  return error_at(table.reviewed_line, table.reviewed_column,
                  format(tr("最終確認日 (reviewed) {0} is in the future: today is {1}; write the date the table "
                            "was last checked"),
                         to_iso(*table.reviewed), to_iso(today)));
}

std::string missing_table_message(const std::filesystem::path& root) {
  std::error_code ec;
  const std::filesystem::path folder = std::filesystem::absolute(root, ec).lexically_normal();
  std::string shown = folder.string();
  if (shown.size() > 1 && shown.ends_with('/')) shown.pop_back();
  return format(tr("no content/contacts.toml in {0}: run mamori in the project folder (the one holding "
                   "mamori.toml) or pass --root DIR"),
                shown);
}

std::string contacts_to_toml(const ContactTable& table) {
  std::string out =
      "# 相談先一覧。Excel で編集するときは `mamori contacts export 相談先.csv` で書き出し、\n"
      "# 編集後に `mamori contacts import 相談先.csv` で取り込みます（README の「相談先一覧の更新」）。\n";
  out += "reviewed = " + (table.reviewed ? to_iso(*table.reviewed) : std::string("1970-01-01")) + "\n";
  for (const auto& contact : table.contacts) {
    out += "\n[[contact]]\n";
    const auto values = contact.values();
    for (size_t f = 0; f < Contact::kFields; ++f) {
      if (values[f]->empty()) continue;
      out += std::string(contact_fields()[f].key) + " = " + toml_basic_string(*values[f]) + "\n";
    }
  }
  return out;
}

}  // namespace mamori
