// Loading a project: mamori.toml and content/ become a Site (site.h).
//
// Every problem in the user's files becomes a diagnostic; loading goes on so that one
// run reports them all. A problem with the environment (no mamori.toml, no content/
// folder, an unreadable root) is a LoadFailure instead: the run cannot go on.
#pragma once

#include <filesystem>
#include <string>
#include <variant>

#include "core/diagnostic.h"
#include "core/result.h"
#include "site/site.h"

namespace mamori {

struct LoadOptions {
  bool include_drafts = false;
  int jobs = 1;
};

Result<Site> load_site(const std::filesystem::path& root, const LoadOptions& options, Diagnostics& diagnostics);

// Checks a page file's bytes (empty, binary, invalid UTF-8) and splits off the front
// matter. On success returns the text after a BOM; otherwise adds the problem to `out`.
std::optional<std::string_view> check_text_file(std::string_view bytes, std::vector<Diagnostic>& out);

}  // namespace mamori
