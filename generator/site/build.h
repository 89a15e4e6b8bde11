// The whole pipeline: load → site model → render → write atomically.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/date.h"
#include "core/diagnostic.h"
#include "site/cited_urls.h"
#include "site/config.h"

namespace mamori {

struct BuildOptions {
  std::filesystem::path root = ".";
  std::filesystem::path out;  // empty: ROOT/site
  bool include_drafts = false;
  int jobs = 1;
  bool write = true;             // false for `mamori check`: validate everything, write nothing
  const Clock* clock = nullptr;  // null: the system clock
  bool collect_links = false;    // fill BuildReport::links (for `mamori links`)
};

struct BuildReport {
  Diagnostics diagnostics;
  std::optional<std::string> environment_error;  // set: the run could not go on (exit 2)
  int pages = 0;                                 // pages rendered
  int files = 0;                                 // files written or copied
  std::filesystem::path out;                     // where the site is (when written)
  bool up_to_date = false;                       // nothing changed since the last build: nothing done
  std::vector<std::string> earlier_warnings;     // when up to date: the last build's warnings, as printed
  std::vector<LinkTarget> links;                 // with collect_links: every cited URL and where
  SiteConfig config;                             // as loaded from mamori.toml

  // 0 success, 1 problems in the content, 2 environment or usage error.
  int exit_status() const;
};

BuildReport build_site(const BuildOptions& options);

}  // namespace mamori
