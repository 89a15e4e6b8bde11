// Phone numbers and e-mail addresses written in a text (a page, a quiz file), found so
// that the build can ask for a reference to the contact table instead (handwritten_contacts.h).
//
// Phone numbers: Japanese numbers of 10 digits (11 for 050/070/080/090 and 0800) in three
// groups, the first starting with 0, as contacts/phone.h accepts them: 052-951-1611,
// 0120-123-456, 0570-000-000, (052) 951-1611, 052(951)1611, full-width digits and any
// hyphen-like character (０５２－９５１－１６１１, 052ー951ー1611). After "TEL", "Tel",
// "電話" or "℡" (and a colon or spaces) also groups split by spaces and numbers without
// separators (電話 0529511611). Not matched: what stands inside a web URL (http://, https://,
// www.), digits that continue a word, a number or a path (v1.0-2, 2025-05-01, /0120-…), short
// numbers (110, #9110, 営業秘密110番) and anything that is not 10 or 11 digits.
//
// E-mail addresses: local@domain with at least one dot in the domain and a top-level
// label of two letters or more; the full-width ＠ counts as '@'. Not inside a web URL.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mamori {

enum class ContactTextKind { phone, email };

struct ContactText {
  ContactTextKind kind = ContactTextKind::phone;
  std::string value;   // phone: digits and ASCII hyphens as grouped in the text ("052-951-1611"),
                       // or only digits when written without groups; e-mail: as written, '＠' as '@'
  std::string digits;  // phone: the digits alone ("0529511611"); e-mail: ""
  int line = 1;        // 1-based, of the first character (of the number, not of a "TEL" before it)
  int column = 1;      // 1-based, in code points
};

// Every phone number and e-mail address in `text`, in order. Pure: any bytes, never throws.
std::vector<ContactText> find_contact_texts(std::string_view text);

// The same, by its definition: every character of the text simplified and scanned. The
// tests hold find_contact_texts, which simplifies only around a '0' or an '@', to it.
std::vector<ContactText> find_contact_texts_whole(std::string_view text);

}  // namespace mamori
