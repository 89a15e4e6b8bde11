// The external URLs a site cites, and where: what a build collects for the link checker
// (links/), which reads it without the site build knowing anything about checking.
#pragma once

#include <string>
#include <vector>

namespace mamori {

struct LinkSource {
  std::string file;  // relative to the project root
  int line = 0;
  friend bool operator==(const LinkSource&, const LinkSource&) = default;
};

struct LinkTarget {
  std::string url;
  std::vector<LinkSource> sources;
};

}  // namespace mamori
