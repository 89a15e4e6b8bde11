// A zip archive built in memory (libzip), so that it can be written atomically and two
// builds of the same files give the same bytes.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace mamori {

struct ZipEntry {
  std::string name;   // path inside the archive: relative, '/'-separated, UTF-8
  std::string bytes;  // the file's content
};

// The archive of `entries`, in their order. Every entry gets the same fixed date (the zip
// format's earliest, 1980-01-01) and the UTF-8 name flag, and text is deflated; so the bytes
// depend on the entries only. Names that are empty, absolute, contain ".." or a backslash,
// or repeat an earlier one are refused (an unzip tool must not write outside its folder).
Result<std::string> zip_archive(const std::vector<ZipEntry>& entries);

}  // namespace mamori
