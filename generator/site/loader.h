// Loading a project: mamori.toml and content/ become a Site (site.h).
//
// Every problem in the user's files becomes a diagnostic; loading goes on so that one
// run reports them all. A problem with the environment (no mamori.toml, no content/
// folder, an unreadable root) is an Error instead: the run cannot go on.
#pragma once

#include <filesystem>
#include <string>

#include "core/diagnostic.h"
#include "core/result.h"
#include "core/text_file.h"  // check_text_file, which every reader of a project file uses
#include "site/site.h"

namespace mamori {

struct LoadOptions {
  bool include_drafts = false;
  int jobs = 1;
};

Result<Site> load_site(const std::filesystem::path& root, const LoadOptions& options, Diagnostics& diagnostics);

}  // namespace mamori
