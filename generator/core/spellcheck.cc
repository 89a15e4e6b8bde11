#include "core/spellcheck.h"

#include <algorithm>
#include <cstdint>

#include "core/i18n.h"
#include "core/text.h"

namespace mamori {
namespace {

std::u32string decode(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<unsigned char>(s[i]);
    int len = 1;
    char32_t cp = b;
    if (b >= 0xF0) {
      len = 4;
      cp = b & 0x07;
    } else if (b >= 0xE0) {
      len = 3;
      cp = b & 0x0F;
    } else if (b >= 0xC0) {
      len = 2;
      cp = b & 0x1F;
    }
    for (int k = 1; k < len && i + static_cast<size_t>(k) < s.size(); ++k) {
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<size_t>(k)]) & 0x3F);
    }
    out.push_back(cp);
    i += static_cast<size_t>(len);
  }
  return out;
}

}  // namespace

int edit_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment: insertions, deletions, substitutions and swaps of two
  // neighbouring characters ("titel" → "title") each cost 1.
  const std::u32string x = decode(a);
  const std::u32string y = decode(b);
  const size_t width = y.size() + 1;
  std::vector<int> d((x.size() + 1) * width);
  auto at = [&](size_t i, size_t j) -> int& { return d[i * width + j]; };
  for (size_t i = 0; i <= x.size(); ++i) at(i, 0) = static_cast<int>(i);
  for (size_t j = 0; j <= y.size(); ++j) at(0, j) = static_cast<int>(j);
  for (size_t i = 1; i <= x.size(); ++i) {
    for (size_t j = 1; j <= y.size(); ++j) {
      const int cost = x[i - 1] == y[j - 1] ? 0 : 1;
      at(i, j) = std::min({at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost});
      if (i > 1 && j > 1 && x[i - 1] == y[j - 2] && x[i - 2] == y[j - 1]) {
        at(i, j) = std::min(at(i, j), at(i - 2, j - 2) + 1);
      }
    }
  }
  return at(x.size(), y.size());
}

std::optional<std::string> closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  const size_t length = count_code_points(word);
  if (length > 200) return std::nullopt;  // not a typo of a name; keep the cost bounded
  const int limit = std::max<int>(1, static_cast<int>(length) / 3);
  std::optional<std::string> best;
  int best_distance = limit + 1;
  for (const auto& candidate : candidates) {
    if (candidate == word) continue;
    const int d = edit_distance(word, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = candidate;
    }
  }
  return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  auto match = closest_match(word, candidates);
  if (!match && count_code_points(word) >= 2) {
    // A shortened name ("電話" for "電話番号") is far by edit distance but plainly meant.
    for (const auto& candidate : candidates) {
      if (candidate != word && (candidate.starts_with(word) || candidate.ends_with(word))) {
        match = candidate;
        break;
      }
    }
  }
  return match ? format(tr(" (did you mean '{0}'?)"), *match) : std::string();
}

}  // namespace mamori
