#include "link_fix.h"

#include <unistd.h>
#include <map>
#include <system_error>

#include "files.h"

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

FixOutcome fix_redirects(const std::filesystem::path& root, const std::vector<LinkResult>& results) {
  FixOutcome outcome;
  // file → line → (from, to)
  std::map<std::string, std::multimap<int, std::pair<std::string, std::string>>> wanted;
  for (const auto& r : results) {
    if (r.verdict != Verdict::redirected || r.final_url.empty() || r.final_url == r.url) continue;
    for (const auto& source : r.sources) wanted[source.file].emplace(source.line, std::make_pair(r.url, r.final_url));
  }
  for (const auto& [file, edits] : wanted) {
    const std::filesystem::path path = root / file;
    auto read = read_file(path);
    auto* text = std::get_if<std::string>(&read);
    if (text == nullptr) {
      outcome.errors.push_back(file + ": " + std::get<FileError>(read).message);
      continue;
    }
    std::vector<std::string> lines;
    size_t start = 0;
    while (start <= text->size()) {
      const size_t nl = text->find('\n', start);
      lines.push_back(text->substr(start, nl == std::string::npos ? std::string::npos : nl - start));
      if (nl == std::string::npos) break;
      start = nl + 1;
    }
    bool changed = false;
    for (const auto& [line, edit] : edits) {
      if (line < 1 || static_cast<size_t>(line) > lines.size()) continue;
      if (replace_url_in_line(lines[static_cast<size_t>(line - 1)], edit.first, edit.second) > 0) {
        outcome.changes.push_back(FixChange{file, line, edit.first, edit.second});
        changed = true;
      }
    }
    if (!changed) continue;
    std::string joined;
    for (size_t i = 0; i < lines.size(); ++i) joined += lines[i] + (i + 1 < lines.size() ? "\n" : "");
    const std::filesystem::path temporary = path.string() + ".tmp-" + std::to_string(getpid());
    std::error_code ec;
    if (auto error = write_file(temporary, joined)) {
      outcome.errors.push_back(file + ": " + error->message);
      continue;
    }
    std::filesystem::rename(temporary, path, ec);
    if (ec) {
      std::filesystem::remove(temporary, ec);
      outcome.errors.push_back(file + ": " + ec.message());
    }
  }
  return outcome;
}

}  // namespace mamori
