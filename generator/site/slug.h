// Heading ids: stable, readable, Japanese kept (`## 初動対応` → `#初動対応`).
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

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
// unique() is O(1) amortised: each base remembers the last number it handed out, and
// every number below it is known to be taken already (ids are never given back).
class IdAllocator {
 public:
  IdAllocator();
  std::string unique(std::string base);
  bool taken(std::string_view id) const { return used_.contains(std::string(id)); }
  // True for the ids the theme's templates use themselves (m-main, m-toc, quiz-app, …).
  static bool reserved(std::string_view id);
  // Candidates tried so far (for tests: at most one per id handed out, plus one per call).
  size_t probes() const { return probes_; }

 private:
  std::unordered_set<std::string> used_;
  std::unordered_map<std::string, int> next_;  // base → the number its next probe starts at
  size_t probes_ = 0;
};

}  // namespace mamori
