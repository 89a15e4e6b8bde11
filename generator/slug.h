// Heading ids: stable, readable, Japanese kept (`## 初動対応` → `#初動対応`).
#pragma once

#include <set>
#include <string>
#include <string_view>

namespace mamori {

// GitHub's rule, in Unicode terms: NFC, lower-case, drop every character that is not a
// letter, mark, number, space, '-' or '_', then turn spaces into '-'. Returns "" when
// nothing is left (the caller then picks a fallback such as "section").
std::string slugify(std::string_view heading_text);

// Splits an explicit id off the end of a heading: "見出し {#first-response}" →
// {"見出し", "first-response"}. An id may hold ASCII letters, digits, '-', '_' and must
// start with a letter. Returns nullopt-like empty id when there is none.
struct ExplicitId {
  std::string_view text;  // the heading without the id part (trailing spaces removed)
  std::string_view id;    // "" when there is no explicit id
};
ExplicitId split_explicit_id(std::string_view heading_text);

// Hands out ids unique within one page: the first "x" stays "x", later ones become
// "x-1", "x-2", … (skipping any already taken, and the reserved ids of the theme).
class IdAllocator {
 public:
  IdAllocator();
  std::string unique(std::string base);
  bool taken(std::string_view id) const { return used_.contains(std::string(id)); }

 private:
  std::set<std::string> used_;
};

}  // namespace mamori
