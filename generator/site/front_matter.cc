#include "site/front_matter.h"

#include "core/i18n.h"
#include "core/text.h"

namespace mamori {
namespace {

// A CR that does not start a CRLF: the line ends of classic Mac OS. TOML refuses it, and
// the body's first line is counted in LF lines, so front matter holding one is refused
// with its reason (positions count it as a line end, as cmark-gfm does in the body).
std::optional<Diagnostic> lone_cr(std::string_view text) {
  for (size_t i = text.find('\r'); i != std::string_view::npos; i = text.find('\r', i + 1)) {
    if (i + 1 < text.size() && text[i + 1] == '\n') continue;
    const TextPosition pos = position_of(text, i);
    return error_at(pos.line, pos.column,
                    tr("this line ends with a CR alone (the line ends of old Mac editors): save the file with LF or "
                       "CRLF line ends"));
  }
  return std::nullopt;
}

bool is_fence(std::string_view line) {
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
    line.remove_suffix(1);
  }
  return line == "+++";
}

}  // namespace

std::variant<FrontMatterSplit, Diagnostic> split_front_matter(std::string_view text) {
  size_t end = text.find('\n');
  const std::string_view first = text.substr(0, end);
  if (!is_fence(first)) {
    if (auto cr = lone_cr(first)) return *cr;
    return error_at(
        1, 1, tr("missing front matter: a page starts with a '+++' line, then TOML such as title = \"…\", then '+++'"));
  }
  if (end == std::string_view::npos) {
    return error_at(1, 1, tr("front matter is not closed: add a '+++' line after it"));
  }
  const size_t toml_start = end + 1;
  size_t pos = toml_start;
  int line = 2;
  while (pos <= text.size()) {
    const size_t nl = text.find('\n', pos);
    const std::string_view current = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    if (is_fence(current)) {
      // Up to the closing fence's line end; a CR at the very end of the file is one.
      std::string_view front = text.substr(0, nl == std::string_view::npos ? text.size() : nl + 1);
      if (nl == std::string_view::npos && front.ends_with('\r')) front.remove_suffix(1);
      if (auto cr = lone_cr(front)) return *cr;
      FrontMatterSplit split;
      split.toml = text.substr(toml_start, pos - toml_start);
      split.toml_first_line = 2;
      split.body = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
      split.body_first_line = line + 1;
      return split;
    }
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
    ++line;
  }
  if (auto cr = lone_cr(text)) return *cr;
  return error_at(1, 1, tr("front matter is not closed: add a '+++' line after it"));
}

}  // namespace mamori
