#include "site/contact_refs.h"

#include <vector>

#include "contacts/contact_ids.h"
#include "core/i18n.h"
#include "core/spellcheck.h"
#include "core/url.h"
#include "site/paths.h"

namespace mamori {
namespace {

// A phone number in a tel: href: '#' (of a short number such as #9110) percent-encoded.
std::string tel_href(std::string_view phone) {
  std::string out = "tel:";
  for (const char c : phone) out += c == '#' ? std::string("%23") : std::string(1, c);
  return out;
}

// Where the page that shows the contact table is, seen from `from_output`; "" when no page
// shows it or when `from_output` is that page.
std::string table_page_href(const Site& site, std::string_view from_output) {
  for (const auto& page : site.pages) {
    if (!page.meta.contacts || !page.meta.contacts->value) continue;
    return page.output == from_output ? "" : relative_url(from_output, page.output);
  }
  return "";
}

}  // namespace

std::string contact_table_link(std::string_view source_dir) {
  const std::string from = std::string(source_dir) + (source_dir.ends_with('/') ? "file" : "/file");
  return relative_url(from, content_source(kContactTablePath));
}

std::vector<InlinePiece> contact_pieces(const Contact& contact, std::string_view table_href) {
  std::vector<InlinePiece> ways;
  if (!contact.phone.empty()) ways.push_back({contact.phone, tel_href(contact.phone)});
  if (!contact.email.empty()) ways.push_back({contact.email, "mailto:" + contact.email});
  if (ways.empty() && !contact.url.empty()) {
    ways.push_back({"ウェブサイト", contact.url});
  } else if (ways.empty() && !table_href.empty()) {
    ways.push_back({"相談先一覧", std::string(table_href)});
  }
  std::vector<InlinePiece> out = {{contact.organization, ""}};
  if (ways.empty()) return out;
  out.push_back({"（", ""});
  for (size_t i = 0; i < ways.size(); ++i) {
    if (i > 0) out.push_back({"、", ""});
    out.push_back(std::move(ways[i]));
  }
  out.push_back({"）", ""});
  return out;
}

Result<std::vector<InlinePiece>> contact_reference(const Site& site, std::string_view url, bool image,
                                                   std::string_view from_output) {
  const UrlParts parts = split_url(url);
  const std::string id = percent_decode(parts.fragment);
  if (image) return Error{format(tr("image '{0}' is the contact table, not a picture"), url)};
  if (id.empty()) {
    return Error{
        format(tr("link '{0}' names no contact: add its id from content/contacts.toml, like '{1}#aichi-police'"), url,
               parts.path)};
  }
  if (!site.contacts) return Error{format(tr("contact '{0}' cannot be shown: there is no content/contacts.toml"), id)};
  const Contact* contact = find_contact(*site.contacts, id);
  if (contact == nullptr) {
    return Error{format(tr("contact '{0}' is not in content/contacts.toml"), id) +
                 did_you_mean(id, contact_ids(*site.contacts))};
  }
  return contact_pieces(*contact, table_page_href(site, from_output));
}

}  // namespace mamori
