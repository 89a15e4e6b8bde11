#include "site/page_links.h"

#include <algorithm>

#include "core/spellcheck.h"
#include "core/text.h"
#include "core/url.h"

namespace mamori {
namespace {

std::vector<std::string> page_paths(const Site& site) {
  std::vector<std::string> paths;
  paths.reserve(site.page_by_path.size());
  for (const auto& [path, index] : site.page_by_path) paths.push_back(path);
  return paths;
}

}  // namespace

SiteLinkResolver::SiteLinkResolver(const Site& site, const Page& page)
    : SiteLinkResolver(site, "content/" + std::string(dirname(page.content_path)), page.output) {}

std::optional<std::string> SiteLinkResolver::resolve(std::string_view url, bool image, int line, int column,
                                                     std::vector<Diagnostic>& out) const {
  const UrlParts parts = split_url(url);
  const std::string path = percent_decode(parts.path);
  const std::string what = image ? "image" : "link";
  auto fail = [&](std::string message) {
    out.push_back(error_at(line, column, std::move(message)));
    return std::nullopt;
  };
  if (path.starts_with('/')) {
    return fail(what + " '" + std::string(url) +
                "' starts with '/': it would not work from a file share or file://; make it relative to this file");
  }
  if (path.empty()) return fail(what + " '" + std::string(url) + "' has no path");
  const auto from_root = resolve_relative(source_dir_, path);
  if (!from_root || (*from_root != "content" && !from_root->starts_with("content/"))) {
    return fail(what + " to '" + path + "' points outside content/");
  }
  const std::optional<std::string> resolved = from_root->size() > 8 ? from_root->substr(8) : std::string();
  const std::string key = nfc(*resolved);
  const std::string suffix = (parts.query.empty() ? "" : "?" + std::string(parts.query)) +
                             (parts.has_fragment ? "#" + encode_fragment(percent_decode(parts.fragment)) : "");

  if (key.ends_with(".md")) {
    if (image) return fail("image '" + std::string(url) + "' is a page, not a picture");
    const auto it = site_.page_by_path.find(key);
    if (it == site_.page_by_path.end()) {
      if (site_.draft_paths.contains(key)) {
        return fail("link to draft page '" + *resolved +
                    "': it is left out of the build (draft = true); build with --drafts or remove the link");
      }
      return fail("link to missing page '" + *resolved + "'" + did_you_mean(key, page_paths(site_)));
    }
    const Page& target = site_.pages[static_cast<size_t>(it->second)];
    if (parts.has_fragment && !parts.fragment.empty()) {
      pending_.push_back(PendingAnchor{it->second, percent_decode(parts.fragment), line, column});
    }
    return relative_url(output_, target.output) + suffix;
  }
  if (key.empty() || site_.directories.contains(key)) {
    // A folder: its section page.
    const auto it = site_.page_by_path.find(key.empty() ? "_index.md" : key + "/_index.md");
    if (it == site_.page_by_path.end() || image) {
      return fail(what + " to folder '" + *resolved + "' which has no _index.md");
    }
    if (parts.has_fragment && !parts.fragment.empty()) {
      pending_.push_back(PendingAnchor{it->second, percent_decode(parts.fragment), line, column});
    }
    return relative_url(output_, site_.pages[static_cast<size_t>(it->second)].output) + suffix;
  }
  if (site_.asset_paths.contains(key)) {
    return relative_url(output_, *resolved) + suffix;
  }
  // Perhaps the author wrote the built name ("x.html") or left out ".md".
  std::vector<std::string> candidates = page_paths(site_);
  candidates.insert(candidates.end(), site_.asset_paths.begin(), site_.asset_paths.end());
  std::string hint = did_you_mean(key, candidates);
  if (hint.empty()) {
    const std::string stem = key.ends_with(".html") ? key.substr(0, key.size() - 5) : key;
    if (site_.page_by_path.contains(stem + ".md")) hint = " (did you mean '" + stem + ".md'?)";
  }
  return fail(what + " to missing file '" + *resolved + "'" + hint);
}

std::vector<Diagnostic> check_anchors(const Site& site, const std::vector<PendingAnchor>& pending,
                                      const std::vector<std::vector<std::string>>& ids) {
  std::vector<Diagnostic> out;
  for (const auto& anchor : pending) {
    const auto& targets = ids[static_cast<size_t>(anchor.target)];
    if (std::find(targets.begin(), targets.end(), anchor.fragment) != targets.end()) continue;
    const Page& target = site.pages[static_cast<size_t>(anchor.target)];
    std::vector<std::string> anchors;
    anchors.reserve(targets.size());
    for (const auto& id : targets) anchors.push_back("#" + id);
    out.push_back(error_at(anchor.line, anchor.column,
                           "link to missing heading '#" + anchor.fragment + "' in '" + target.content_path + "'" +
                               did_you_mean("#" + anchor.fragment, anchors)));
  }
  return out;
}

}  // namespace mamori
