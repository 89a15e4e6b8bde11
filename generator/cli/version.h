// What `mamori --version` prints: mamori's own version on the first line (the form
// help2man and packagers read), then one line per library mamori runs with.
#pragma once

#include <string>

namespace mamori {

// "mamori 0.1.0\n" then "cmark-gfm 0.29.0.gfm.6", "toml++ 3.3.0", ... one per line, no
// trailing newline. Shared libraries report the version loaded at run time, which is what
// a bug report needs; header-only ones (toml++) the version compiled in.
std::string version_text();

}  // namespace mamori
