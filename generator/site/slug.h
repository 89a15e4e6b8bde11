// Heading ids: stable, readable, Japanese kept (`## 初動対応` → `#初動対応`).
#pragma once

#include <functional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace mamori {

// GitHub's rule, in Unicode terms: NFC, lower-case, drop every character that is not a
// letter, mark, number, space, '-' or '_', then turn spaces into '-'. Returns "" when
// nothing is left (the caller then picks a fallback such as "section").
std::string slugify(std::string_view heading_text);

// Whether slugify may take `cp` as it is, without NFC (exposed for its test).
bool is_nfc_stable(char32_t cp);

// Splits an explicit id off the end of a heading: "見出し {#first-response}" →
// {"見出し", "first-response"}. An id may hold ASCII letters, digits, '-', '_' and must
// start with a letter. The id is empty when there is none.
struct ExplicitId {
  std::string_view text;  // the heading without the id part (trailing spaces removed)
  std::string_view id;    // "" when there is no explicit id
};
ExplicitId split_explicit_id(std::string_view heading_text);

// Whether `id` may be written as an explicit {#id}: ASCII letters, digits, '-' and '_',
// starting with a letter. The theme's reserved ids follow the same rule.
bool is_valid_explicit_id(std::string_view id);

// Ids no heading may take: those the theme's templates use themselves (m-main, quiz-app,
// …), declared in the theme's theme.toml (see theme.h).
using ReservedIds = std::set<std::string, std::less<>>;

// Hands out ids unique within one page: the first "x" stays "x", later ones become
// "x-1", "x-2", … (skipping any already taken, and the reserved ids).
// unique() is O(1) amortised: each base remembers the last number it handed out, and
// every number below it is known to be taken already (ids are never given back).
class IdAllocator {
 public:
  // `reserved` must outlive the allocator.
  explicit IdAllocator(const ReservedIds& reserved);
  std::string unique(std::string base);
  bool taken(std::string_view id) const { return reserved(id) || used_.contains(std::string(id)); }
  bool reserved(std::string_view id) const { return reserved_.contains(id); }
  // Candidates tried so far (for tests: at most one per id handed out, plus one per call).
  size_t probes() const { return probes_; }

 private:
  const ReservedIds& reserved_;
  std::unordered_set<std::string> used_;
  std::unordered_map<std::string, int> next_;  // base → the number its next probe starts at
  size_t probes_ = 0;

  bool take(const std::string& id);  // false when `id` is reserved or handed out already
};

}  // namespace mamori
