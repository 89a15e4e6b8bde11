#include "html_probe.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "text.h"
#include "url.h"

namespace mamori {
namespace {

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

std::string decode_entities(std::string_view text) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 6> kEntities = {
      {{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&nbsp;", " "}}};
  std::string out;
  for (size_t i = 0; i < text.size();) {
    bool replaced = false;
    if (text[i] == '&') {
      for (const auto& [entity, value] : kEntities) {
        if (text.substr(i, entity.size()) == entity) {
          out += value;
          i += entity.size();
          replaced = true;
          break;
        }
      }
    }
    if (!replaced) out += text[i++];
  }
  return out;
}

}  // namespace

std::optional<std::string> html_title(std::string_view html) {
  const std::string folded = lower_ascii(html.substr(0, std::min<size_t>(html.size(), 1 << 20)));
  size_t open = folded.find("<title");
  if (open == std::string::npos) return std::nullopt;
  open = folded.find('>', open);
  if (open == std::string::npos) return std::nullopt;
  const size_t close = folded.find("</title", open);
  if (close == std::string::npos) return std::nullopt;
  const std::string raw = decode_entities(html.substr(open + 1, close - open - 1));
  std::string collapsed;
  bool space = false;
  for (const char c : raw) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !collapsed.empty();
      continue;
    }
    if (space) collapsed += ' ';
    space = false;
    collapsed += c;
  }
  return collapsed;
}

bool is_not_found_title(std::string_view title) {
  static constexpr std::array<std::string_view, 10> kJapanese = {
      "ページが見つかりません",   "ページが見つかりませんでした",
      "ページは見つかりません",   "ページは見つかりませんでした",
      "お探しのページ",           "ページが存在しません",
      "ページは存在しません",     "指定されたページ",
      "ファイルが見つかりません", "該当するページがありません"};
  for (const auto phrase : kJapanese) {
    if (title.find(phrase) != std::string_view::npos) return true;
  }
  const std::string folded = lower_ascii(title);
  static constexpr std::array<std::string_view, 6> kEnglish = {"404 not found", "page not found", "not found",
                                                               "error 404",     "404 error",      "file not found"};
  for (const auto phrase : kEnglish) {
    if (folded.find(phrase) != std::string::npos) return true;
  }
  return folded.starts_with("404");
}

bool html_has_fragment(std::string_view html, std::string_view fragment) {
  if (fragment.empty()) return true;
  const std::string decoded = percent_decode(fragment);
  for (const std::string& wanted : {std::string(fragment), decoded}) {
    for (const char* attribute : {"id=", "name="}) {
      for (const char quote : {'"', '\''}) {
        const std::string needle = std::string(attribute) + quote + wanted + quote;
        size_t at = 0;
        while ((at = html.find(needle, at)) != std::string_view::npos) {
          // The attribute name must stand alone (not "data-id=" or "grid=").
          const char before = at == 0 ? ' ' : html[at - 1];
          if (before == ' ' || before == '\t' || before == '\n' || before == '\r') return true;
          at += needle.size();
        }
      }
      const std::string unquoted = std::string(attribute) + wanted;
      size_t at = 0;
      while ((at = html.find(unquoted, at)) != std::string_view::npos) {
        const char before = at == 0 ? ' ' : html[at - 1];
        const size_t end = at + unquoted.size();
        const char after = end < html.size() ? html[end] : '>';
        if ((before == ' ' || before == '\t' || before == '\n') && (after == ' ' || after == '>' || after == '/')) {
          return true;
        }
        at = end;
      }
    }
  }
  return false;
}

bool is_html_content_type(std::string_view content_type) {
  const std::string folded = lower_ascii(content_type);
  return folded.find("text/html") != std::string::npos || folded.find("application/xhtml") != std::string::npos;
}

}  // namespace mamori
