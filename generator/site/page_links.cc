#include "site/page_links.h"

#include <algorithm>

#include "core/i18n.h"
#include "core/spellcheck.h"
#include "core/text.h"
#include "core/url.h"
#include "site/contact_refs.h"

namespace mamori {
namespace {

// The parts of a link that its href keeps after the path: "?query#fragment", the
// fragment encoded as heading ids are.
std::string query_and_fragment(const UrlParts& parts) {
  return (parts.query.empty() ? "" : "?" + std::string(parts.query)) +
         (parts.has_fragment ? "#" + encode_fragment(percent_decode(parts.fragment)) : "");
}

// The heading of `target` a link names, if it names one.
std::optional<PendingAnchor> anchor_in(PageId target, const UrlParts& parts, int line, int column) {
  if (!parts.has_fragment || parts.fragment.empty()) return std::nullopt;
  return PendingAnchor{target, percent_decode(parts.fragment), line, column};
}

}  // namespace

std::optional<std::string> content_path_of(std::string_view source_dir, std::string_view path) {
  const auto from_root = resolve_relative(source_dir, path);
  const std::string_view folder = kContentPrefix.substr(0, kContentPrefix.size() - 1);  // "content"
  if (!from_root || (*from_root != folder && !from_root->starts_with(kContentPrefix))) return std::nullopt;
  return from_root->size() > kContentPrefix.size() ? from_root->substr(kContentPrefix.size()) : std::string();
}

SiteLinkResolver::SiteLinkResolver(const Site& site, const Page& page)
    : SiteLinkResolver(site, content_source(dirname(page.content_path)), page.output) {}

Result<ResolvedLink> SiteLinkResolver::resolve(std::string_view url, bool image, int line, int column) const {
  const UrlParts parts = split_url(url);
  const std::string path = percent_decode(parts.path);
  if (path.starts_with('/')) {
    return Error{format(image ? tr("image '{0}' starts with '/': it would not work from a file share or file://; "
                                   "make it relative to this file")
                              : tr("link '{0}' starts with '/': it would not work from a file share or file://; "
                                   "make it relative to this file"),
                        url)};
  }
  if (path.empty()) return Error{format(image ? tr("image '{0}' has no path") : tr("link '{0}' has no path"), url)};
  const auto resolved = content_path_of(source_dir_, path);
  if (!resolved) {
    return Error{format(
        image ? tr("image to '{0}' points outside content/") : tr("link to '{0}' points outside content/"), path)};
  }
  const std::string key = nfc(*resolved);
  const std::string suffix = query_and_fragment(parts);
  if (key.ends_with(".md") || key.empty() || site_.directories.contains(key)) {
    const auto target = key.ends_with(".md") ? linked_page(url, *resolved, image) : linked_folder(*resolved, image);
    if (!target) return target.error();
    return ResolvedLink{relative_url(output_, site_.page(*target).output) + suffix,
                        anchor_in(*target, parts, line, column)};
  }
  if (site_.asset_paths.contains(key)) return ResolvedLink{relative_url(output_, *resolved) + suffix, std::nullopt};
  return missing_file(image ? "image" : "link", *resolved);
}

std::optional<Result<std::vector<InlinePiece>>> SiteLinkResolver::replacement(std::string_view url, bool image) const {
  if (classify_url(url) != UrlKind::relative) return std::nullopt;
  const auto resolved = content_path_of(source_dir_, percent_decode(split_url(url).path));
  if (!resolved || nfc(*resolved) != kContactTablePath) return std::nullopt;
  return contact_reference(site_, url, image, output_);
}

// The page a link to a page (a .md file) names.
Result<PageId> SiteLinkResolver::linked_page(std::string_view url, const std::string& resolved, bool image) const {
  if (image) return Error{format(tr("image '{0}' is a page, not a picture"), url)};
  const std::string key = nfc(resolved);
  if (const auto target = site_.page_id(key)) return *target;
  if (site_.draft_paths.contains(key)) {
    return Error{format(tr("link to draft page '{0}': it is left out of the build (draft = true); build with --drafts "
                           "or remove the link"),
                        resolved)};
  }
  return Error{format(tr("link to missing page '{0}'"), resolved) + did_you_mean(key, site_.page_paths())};
}

// The page a link to a folder names: its section page.
Result<PageId> SiteLinkResolver::linked_folder(const std::string& resolved, bool image) const {
  const std::string key = nfc(resolved);
  const auto target = site_.page_id(key.empty() ? "_index.md" : key + "/_index.md");
  if (!target || image) {
    return Error{format(
        image ? tr("image to folder '{0}' which has no _index.md") : tr("link to folder '{0}' which has no _index.md"),
        resolved)};
  }
  return *target;
}

// A link (`what` is "link") or an image ("image") to a file that does not exist. Perhaps
// the author wrote the built name ("x.html") or left out ".md": the hint says so. Each
// hint is its own whole message, so that a translation words it as one sentence.
Result<ResolvedLink> SiteLinkResolver::missing_file(const std::string& what, const std::string& resolved) const {
  const bool image = what == "image";
  const std::string key = nfc(resolved);
  std::vector<std::string> candidates = site_.page_paths();
  candidates.insert(candidates.end(), site_.asset_paths.begin(), site_.asset_paths.end());
  const std::string hint = did_you_mean(key, candidates);
  if (!hint.empty()) {
    return Error{format(image ? tr("image to missing file '{0}'") : tr("link to missing file '{0}'"), resolved) + hint};
  }
  const std::string stem = key.ends_with(".html") ? key.substr(0, key.size() - 5) : key;
  if (site_.page_by_path.contains(stem + ".md")) {
    return Error{format(image ? tr("image to missing file '{0}' (did you mean '{1}'?)")
                              : tr("link to missing file '{0}' (did you mean '{1}'?)"),
                        resolved, stem + ".md")};
  }
  if (site_.contacts && (key.ends_with("/" + std::string(kContactTablePath)))) {
    return Error{format(image ? tr("image to missing file '{0}' (the contact table is content/contacts.toml: from "
                                   "here '{1}')")
                              : tr("link to missing file '{0}' (the contact table is content/contacts.toml: from "
                                   "here '{1}')"),
                        resolved, contact_table_link(source_dir_))};
  }
  return Error{format(image ? tr("image to missing file '{0}'") : tr("link to missing file '{0}'"), resolved)};
}

std::vector<Diagnostic> check_anchors(const Site& site, const std::vector<PendingAnchor>& pending,
                                      const HeadingIds& ids) {
  std::vector<Diagnostic> out;
  for (const auto& anchor : pending) {
    const auto& targets = ids[index_of(anchor.target)];
    if (std::find(targets.begin(), targets.end(), anchor.fragment) != targets.end()) continue;
    std::vector<std::string> anchors;
    anchors.reserve(targets.size());
    for (const auto& id : targets) anchors.push_back("#" + id);
    out.push_back(error_at(
        anchor.line, anchor.column,
        format(tr("link to missing heading '#{0}' in '{1}'"), anchor.fragment, site.page(anchor.target).content_path) +
            did_you_mean("#" + anchor.fragment, anchors)));
  }
  return out;
}

}  // namespace mamori
