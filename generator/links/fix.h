// --fix-redirects: replace permanently redirected URLs in the files that cite them.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "links/checker.h"

namespace mamori {

struct FixChange {
  std::string file;
  int line = 0;
  std::string from;
  std::string to;
};

struct FixOutcome {
  std::vector<FixChange> changes;    // written to disk
  std::vector<std::string> errors;   // "FILE: why" for files that could not be rewritten
  std::vector<std::string> refused;  // "FILE:LINE: URL: why" for new addresses not safe to write
};

// Replaces, on exactly the cited lines, each `redirected` URL by its final URL made safe by
// replacement_url (or refuses it). Only whole URLs are replaced: "https://a.jp/x" is not
// touched inside "https://a.jp/xy". Each file is rewritten atomically (write_file_atomically in core/files.h);
// a file that is a symbolic link, or lies in a folder that is one, is not touched.
FixOutcome fix_redirects(const std::filesystem::path& root, const std::vector<LinkResult>& results);

// The pure part: replaces whole occurrences of `from` in `line`; returns how many.
int replace_url_in_line(std::string& line, const std::string& from, const std::string& to);

// The address to write in place of a moved URL: `final_url` (from the server: untrusted)
// resolved against `request_url`, which must give an absolute http or https URL with a host
// of letters, digits, '-', '.', ':' (port) or an IPv6 literal. Everything that could end a
// Markdown link destination or a TOML string, or start something else there, is
// percent-encoded: controls, space, ( ) < > " ' \ ` [ ] { } | ^ DEL, a second '#', a '%'
// not followed by two hex digits, and the Unicode controls printable_text escapes.
Result<std::string> replacement_url(std::string_view request_url, std::string_view final_url);

}  // namespace mamori
