#include "links/html_probe.h"

#include <algorithm>
#include <array>

#include "core/text.h"
#include "core/url.h"

namespace mamori {
namespace {

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

size_t find_ascii_ci(std::string_view text, std::string_view lower, size_t from) {
  const auto fold = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
  if (lower.empty()) return std::min(from, text.size());
  const bool first_is_letter = lower[0] >= 'a' && lower[0] <= 'z';
  for (size_t at = from; at < text.size(); ++at) {
    if (!first_is_letter) at = text.find(lower[0], at);  // memchr: '<' is rare in a page's bytes
    if (at == std::string_view::npos || text.size() - at < lower.size()) return std::string_view::npos;
    size_t i = 0;
    while (i < lower.size() && fold(text[at + i]) == lower[i]) ++i;
    if (i == lower.size()) return at;
  }
  return std::string_view::npos;
}

std::optional<std::string> html_title(std::string_view html) {
  const std::string_view scanned = html.substr(0, std::min(html.size(), kTitleScanBytes));
  size_t open = find_ascii_ci(scanned, "<title", 0);
  if (open == std::string_view::npos) return std::nullopt;
  open = scanned.find('>', open);
  if (open == std::string_view::npos) return std::nullopt;
  const size_t close = find_ascii_ci(scanned, "</title", open);
  if (close == std::string_view::npos) return std::nullopt;
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
  constexpr size_t kMaxTitle = 200;  // code points: a reason stays one readable line
  std::string title = printable_text(collapsed);
  if (count_code_points(title) > kMaxTitle) title = std::string(prefix_of_code_points(title, kMaxTitle)) + "…";
  return title;
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
  const std::string folded = ascii_lower(title);
  static constexpr std::array<std::string_view, 6> kEnglish = {"404 not found", "page not found", "not found",
                                                               "error 404",     "404 error",      "file not found"};
  for (const auto phrase : kEnglish) {
    if (folded.find(phrase) != std::string::npos) return true;
  }
  return folded.starts_with("404");
}

size_t scan_html_ids(std::string_view html, size_t from, bool more, std::vector<std::string>& ids) {
  const auto blank = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  for (size_t at = from; at < html.size(); ++at) {
    if (html[at] != '=') continue;
    // The attribute name before '=' must be "id" or "name" and stand alone.
    size_t start = at;
    if (at >= 2 && html.substr(at - 2, 2) == "id") start = at - 2;
    if (at >= 4 && html.substr(at - 4, 4) == "name") start = at - 4;
    if (start == at || (start > 0 && !blank(html[start - 1]))) continue;
    const size_t value = at + 1;
    if (value >= html.size()) return more ? at : html.size();
    if (html[value] == '"' || html[value] == '\'') {
      const size_t close = html.find(html[value], value + 1);
      if (close == std::string_view::npos) {
        if (more) return at;  // the value may close in what is still to come
        continue;
      }
      ids.emplace_back(html.substr(value + 1, close - value - 1));
      at = close;
      continue;
    }
    size_t end = value;
    while (end < html.size() && !blank(html[end]) && html[end] != '>' && html[end] != '/') ++end;
    if (end == html.size() && more) return at;
    if (end > value) ids.emplace_back(html.substr(value, end - value));
    at = end - 1;
  }
  return html.size();
}

std::vector<std::string> html_ids(std::string_view html) {
  std::vector<std::string> ids;
  scan_html_ids(html, 0, false, ids);
  return ids;
}

HtmlProbe probe_html(std::string_view html) {
  return HtmlProbe{html_title(html), html_ids(html)};
}

bool html_has_fragment(std::string_view html, std::string_view fragment) {
  if (fragment.empty()) return true;
  const std::string decoded = percent_decode(fragment);
  const std::vector<std::string> ids = html_ids(html);
  return std::any_of(ids.begin(), ids.end(), [&](const std::string& id) { return id == fragment || id == decoded; });
}

bool is_html_content_type(std::string_view content_type) {
  const std::string folded = ascii_lower(content_type);
  return folded.find("text/html") != std::string::npos || folded.find("application/xhtml") != std::string::npos;
}

}  // namespace mamori
