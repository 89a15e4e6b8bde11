// --fix-redirects: replace permanently redirected URLs in the files that cite them.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "link_check.h"

namespace mamori {

struct FixChange {
  std::string file;
  int line = 0;
  std::string from;
  std::string to;
};

struct FixOutcome {
  std::vector<FixChange> changes;
  std::vector<std::string> errors;  // files that could not be rewritten
};

// Replaces, on exactly the cited lines, each `redirected` URL by its final URL. Only whole
// URLs are replaced: "https://a.jp/x" is not touched inside "https://a.jp/xy".
FixOutcome fix_redirects(const std::filesystem::path& root, const std::vector<LinkResult>& results);

// The pure part: replaces whole occurrences of `from` in `line`; returns how many.
int replace_url_in_line(std::string& line, const std::string& from, const std::string& to);

}  // namespace mamori
