#include "links/fix.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <map>
#include <system_error>

#include "core/files.h"
#include "core/i18n.h"
#include "core/text.h"
#include "core/url.h"

namespace mamori {
namespace {

// Characters that may continue a URL: after a cited URL comes something else.
bool continues_url(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         std::string_view("-._~:/?#[]@!$&'*+,;=%").find(c) != std::string_view::npos ||
         static_cast<unsigned char>(c) >= 0x80;
}

}  // namespace

int replace_url_in_line(std::string& line, const std::string& from, const std::string& to) {
  if (from.empty()) return 0;
  int count = 0;
  size_t at = 0;
  while ((at = line.find(from, at)) != std::string::npos) {
    const size_t end = at + from.size();
    // A URL ends before ')' in Markdown links, so ')' counts as an end even though URLs may hold it.
    const bool whole = end == line.size() || !continues_url(line[end]) || line[end] == ')' || line[end] == ',';
    if (!whole) {
      at = end;
      continue;
    }
    line.replace(at, from.size(), to);
    at += to.size();
    ++count;
  }
  return count;
}

namespace {

void append_percent(std::string& out, std::string_view bytes) {
  for (const char c : bytes) out += percent_encoded(static_cast<unsigned char>(c));
}

// The host and port: ASCII letters, digits, '-', '.', ':', non-ASCII letters (an IDN), or
// an IPv6 literal "[…]" with a port after it.
bool safe_authority(std::string_view authority) {
  if (authority.empty()) return false;
  if (authority.front() == '[') {
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) return false;
    const std::string_view literal = authority.substr(1, close - 1);
    const std::string_view port = authority.substr(close + 1);
    return !literal.empty() && literal.find_first_not_of("0123456789abcdefABCDEF:.") == std::string_view::npos &&
           (port.empty() || (port.size() > 1 && port[0] == ':' &&
                             port.substr(1).find_first_not_of("0123456789") == std::string_view::npos));
  }
  if (printable_text(authority) != authority) return false;
  for (const char c : authority) {
    const auto b = static_cast<unsigned char>(c);
    const bool ok = b >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '.' || c == ':';
    if (!ok) return false;
  }
  return true;
}

// Path, query and fragment with everything percent-encoded that replacement_url promises.
std::string encode_rest(std::string_view rest) {
  static constexpr std::string_view kEncoded = " ()<>\"'\\`[]{}|^";
  std::string out;
  bool fragment = false;
  for (size_t i = 0; i < rest.size();) {
    const auto b = static_cast<unsigned char>(rest[i]);
    if (b >= 0x80) {  // a whole code point (the text is valid UTF-8)
      const size_t n = std::max<size_t>(utf8_sequence_length(rest, i), 1);
      const std::string_view code_point = rest.substr(i, n);
      if (printable_text(code_point) == code_point) {
        out += code_point;
      } else {
        append_percent(out, code_point);
      }
      i += n;
      continue;
    }
    const char c = rest[i];
    const bool bad_percent = c == '%' && !is_percent_escape(rest, i);
    if (b < 0x20 || b == 0x7F || kEncoded.find(c) != std::string_view::npos || bad_percent || (c == '#' && fragment)) {
      append_percent(out, rest.substr(i, 1));
    } else {
      out += c;
    }
    fragment = fragment || c == '#';
    ++i;
  }
  return out;
}

}  // namespace

Result<std::string> replacement_url(std::string_view request_url, std::string_view final_url) {
  const std::string resolved = resolve_url(request_url, final_url);
  const std::string shown = printable_text(resolved.substr(0, 200));
  if (find_invalid_utf8(resolved)) return Error{format(tr("the new address '{0}' is not valid UTF-8"), shown)};
  const auto split = split_absolute_url(resolved);
  const std::string scheme = split ? ascii_lower(split->scheme) : std::string();
  if (scheme != "http" && scheme != "https") {
    return Error{format(tr("the new address '{0}' is not an absolute http or https address"), shown)};
  }
  if (!safe_authority(split->authority)) {
    return Error{format(tr("the new address '{0}' has a host name that is not safe to write"), shown)};
  }
  std::string out = scheme + "://" + std::string(split->authority) + encode_rest(split->rest);
  if (!is_web_url(out)) return Error{format(tr("the new address '{0}' is not a web address"), shown)};
  return out;
}

namespace {

using Edits = std::multimap<int, std::pair<std::string, std::string>>;  // line → (from, to)

// An Error saying why `file` (relative to `root`) must not be rewritten when it, or a folder
// on the way to it, is a symbolic link.
Result<void> no_symlink_on_the_way(const std::filesystem::path& root, const std::string& file) {
  std::filesystem::path at = root;
  std::filesystem::path relative;
  const std::filesystem::path whole(file);
  for (auto part = whole.begin(); part != whole.end(); ++part) {
    at /= *part;
    relative /= *part;
    std::error_code ec;
    if (!std::filesystem::is_symlink(std::filesystem::symlink_status(at, ec))) continue;
    if (std::next(part) == whole.end()) return Error{tr("it is a symbolic link; edit the file it points to")};
    return Error{format(tr("its folder {0} is a symbolic link; edit the file it points to"), generic(relative))};
  }
  return {};
}

// Applies the edits to one file; changes are recorded only once the file is written.
void fix_file(const std::filesystem::path& root, const std::string& file, const Edits& edits, FixOutcome& outcome) {
  if (auto safe = no_symlink_on_the_way(root, file); !safe) {
    outcome.errors.push_back(file + ": " + safe.error().message);
    return;
  }
  const std::filesystem::path path = root / file;
  auto read = read_file(path);
  if (!read) {
    outcome.errors.push_back(file + ": " + read.error().message);
    return;
  }
  const std::string* text = &*read;
  std::vector<std::string> lines;
  size_t start = 0;
  while (start <= text->size()) {
    const size_t nl = text->find('\n', start);
    lines.push_back(text->substr(start, nl == std::string::npos ? std::string::npos : nl - start));
    if (nl == std::string::npos) break;
    start = nl + 1;
  }
  std::vector<FixChange> changes;
  for (const auto& [line, edit] : edits) {
    if (line < 1 || static_cast<size_t>(line) > lines.size()) continue;
    if (replace_url_in_line(lines[static_cast<size_t>(line - 1)], edit.first, edit.second) > 0) {
      changes.push_back(FixChange{file, line, edit.first, edit.second});
    }
  }
  if (changes.empty()) return;
  std::string joined;
  for (size_t i = 0; i < lines.size(); ++i) joined += lines[i] + (i + 1 < lines.size() ? "\n" : "");
  if (auto written = write_file_atomically(path, joined); !written) {
    outcome.errors.push_back(file + ": " + written.error().message);
    return;
  }
  outcome.changes.insert(outcome.changes.end(), changes.begin(), changes.end());
}

}  // namespace

FixOutcome fix_redirects(const std::filesystem::path& root, const std::vector<LinkResult>& results) {
  FixOutcome outcome;
  std::map<std::string, Edits> wanted;  // by file
  for (const auto& r : results) {
    if (r.verdict != Verdict::redirected || r.final_url.empty() || r.final_url == r.url) continue;
    const auto to = replacement_url(r.url, r.final_url);
    for (const auto& source : r.sources) {
      if (!to) {
        outcome.refused.push_back(source.file + ":" + std::to_string(source.line) + ": " + r.url + ": " +
                                  to.error().message);
      } else {
        wanted[source.file].emplace(source.line, std::make_pair(r.url, *to));
      }
    }
  }
  for (const auto& [file, edits] : wanted) fix_file(root, file, edits, outcome);
  return outcome;
}

}  // namespace mamori
