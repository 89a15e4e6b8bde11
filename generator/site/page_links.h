// Relative links in a page's (or a quiz's) Markdown → hrefs between built pages.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "site/markdown.h"
#include "site/site.h"

namespace mamori {

// Where a relative `path` (decoded, without query or fragment) written in a file of the
// folder `source_dir` (relative to the project root: "content/cyber", "quizzes") leads
// inside content/: its content path ("" for content/ itself), or nullopt when it leads
// outside content/.
std::optional<std::string> content_path_of(std::string_view source_dir, std::string_view path);

class SiteLinkResolver final : public LinkResolver {
 public:
  // Links are written relative to the folder `source_dir` (relative to the project root:
  // "content/cyber" for a page, "quizzes" for a quiz) and rendered for the page built at
  // `output`. They must lead into content/.
  SiteLinkResolver(const Site& site, std::string source_dir, std::string output)
      : site_(site), source_dir_(std::move(source_dir)), output_(std::move(output)) {}
  SiteLinkResolver(const Site& site, const Page& page);

  // A link to a page or a folder (its section page) with a #heading names that heading
  // in the result's anchor, to check with check_anchors once every page is rendered.
  Result<ResolvedLink> resolve(std::string_view url, bool image, int line, int column) const override;
  // A link to content/contacts.toml is a reference to a contact (site/contact_refs.h).
  std::optional<Result<std::vector<InlinePiece>>> replacement(std::string_view url, bool image) const override;

 private:
  Result<PageId> linked_page(std::string_view url, const std::string& resolved, bool image) const;
  Result<PageId> linked_folder(const std::string& resolved, bool image) const;
  Result<ResolvedLink> missing_file(const std::string& what, const std::string& resolved) const;

  const Site& site_;
  std::string source_dir_;
  std::string output_;
};

// The heading ids of every page, by page (HeadingIds[index_of(id)]).
using HeadingIds = std::vector<std::vector<std::string>>;

// Reports links whose #heading does not exist on the target page.
std::vector<Diagnostic> check_anchors(const Site& site, const std::vector<PendingAnchor>& pending,
                                      const HeadingIds& ids);

}  // namespace mamori
