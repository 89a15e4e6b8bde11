// mamori.toml: the site's settings.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "diagnostic.h"

namespace mamori {

struct SiteConfig {
  std::string title;  // required
  std::string description;
  std::string language = "ja";    // the <html lang> of every page
  std::string base_url;           // optional absolute URL of the published site (sitemap.xml)
  std::string theme = "default";  // folder under themes/
  std::string footer;             // plain text under every page (e.g. the organisation)
  int stale_after_months = 12;    // pages reviewed longer ago than this get a notice
};

// Parses the text of mamori.toml. Problems go to `out` (positions in the file); the
// returned config has defaults wherever a value was missing or wrong.
SiteConfig parse_config(std::string_view text, std::vector<Diagnostic>& out);

}  // namespace mamori
