// Relative links in a page's Markdown → hrefs between built pages.
#pragma once

#include <string>
#include <vector>

#include "site/markdown.h"
#include "site/site.h"

namespace mamori {

// A link to a heading on another page, checked once every page's headings are known.
struct PendingAnchor {
  int target = -1;       // page index
  std::string fragment;  // decoded
  int line = 0;
  int column = 0;
};

class SiteLinkResolver final : public LinkResolver {
 public:
  // Links are written relative to the folder `source_dir` (relative to the project root:
  // "content/cyber" for a page, "quizzes" for a quiz) and rendered for the page built at
  // `output`. They must lead into content/.
  SiteLinkResolver(const Site& site, std::string source_dir, std::string output)
      : site_(site), source_dir_(std::move(source_dir)), output_(std::move(output)) {}
  SiteLinkResolver(const Site& site, const Page& page);

  std::optional<std::string> resolve(std::string_view url, bool image, int line, int column,
                                     std::vector<Diagnostic>& out) const override;

  // Links with a #heading into other pages, to check with check_anchors.
  const std::vector<PendingAnchor>& pending() const { return pending_; }

 private:
  const Site& site_;
  std::string source_dir_;
  std::string output_;
  mutable std::vector<PendingAnchor> pending_;
};

// Reports links whose #heading does not exist on the target page. `ids[i]` holds the
// heading ids of page i.
std::vector<Diagnostic> check_anchors(const Site& site, const std::vector<PendingAnchor>& pending,
                                      const std::vector<std::vector<std::string>>& ids);

}  // namespace mamori
