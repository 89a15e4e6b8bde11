#include "site/content_walk.h"

#include <algorithm>
#include <system_error>

#include "core/i18n.h"
#include "core/text.h"
#include "site/paths.h"

namespace fs = std::filesystem;

namespace mamori {
namespace {

constexpr int kMaxDepth = 32;

class ContentWalker {
 public:
  ContentWalker(fs::path content_root, Diagnostics& diagnostics)
      : content_root_(std::move(content_root)), diagnostics_(diagnostics) {
    std::error_code ec;
    canonical_root_ = fs::canonical(content_root_, ec);
  }

  ContentFiles walk() && {
    visit(content_root_, "", 0);
    return std::move(found_);
  }

 private:
  void problem(const std::string& content_path, const std::string& message) {
    diagnostics_.error(content_source(content_path), 0, 0, message);
  }

  // Visits the folder `dir`, whose content path is `prefix` ("" or "a/b/").
  void visit(const fs::path& dir, const std::string& prefix, int depth) {
    std::error_code ec;
    const fs::path canonical = fs::canonical(dir, ec);
    if (ec) {
      problem(prefix, format(tr("cannot open folder: {0}"), ec.message()));
      return;
    }
    if (std::find(stack_.begin(), stack_.end(), canonical) != stack_.end()) {
      problem(prefix.empty() ? prefix : prefix.substr(0, prefix.size() - 1),
              tr("symlink loop: this folder leads back to one that contains it"));
      return;
    }
    if (depth > kMaxDepth) {
      problem(prefix, format(tr("folders are nested more than {0} deep"), kMaxDepth));
      return;
    }
    stack_.push_back(canonical);
    for (const auto& entry : sorted_entries(dir, prefix)) visit_entry(entry, prefix, depth);
    stack_.pop_back();
  }

  std::vector<fs::directory_entry> sorted_entries(const fs::path& dir, const std::string& prefix) {
    std::vector<fs::directory_entry> entries;
    std::error_code ec;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) entries.push_back(*it);
    if (ec) problem(prefix, format(tr("cannot list folder: {0}"), ec.message()));
    std::sort(entries.begin(), entries.end(),
              [](const auto& a, const auto& b) { return a.path().filename() < b.path().filename(); });
    return entries;
  }

  void visit_entry(const fs::directory_entry& entry, const std::string& prefix, int depth) {
    const std::string name = entry.path().filename().string();
    if (is_ignored_name(name)) return;
    const std::string content_path = prefix + name;
    if (find_invalid_utf8(name)) {
      // It would become a URL, a sitemap entry and a link text: none can hold such bytes.
      problem(content_path,
              tr("the file name is not valid UTF-8: rename it (e.g. save it again under a Japanese name)"));
      return;
    }
    std::error_code ec;
    if (entry.is_symlink(ec) && !symlink_stays_inside(entry, content_path)) return;
    if (entry.is_directory(ec)) {
      found_.directories.push_back(content_path);
      visit(entry.path(), content_path + "/", depth + 1);
    } else if (entry.is_regular_file(ec)) {
      FoundFile found{content_path, entry.path()};
      if (name.ends_with(".md")) {
        found_.pages.push_back(std::move(found));
      } else if (name.ends_with(".toml")) {
        found_.data.push_back(std::move(found));
      } else {
        found_.assets.push_back(std::move(found));
      }
    } else if (!ec) {
      problem(content_path, tr("not a file or a folder (a pipe, socket or device): replace it with a file"));
    }
  }

  // Whether a symlink leads to something inside content/; reports it when not.
  bool symlink_stays_inside(const fs::directory_entry& entry, const std::string& content_path) {
    std::error_code ec;
    const fs::path target = fs::canonical(entry.path(), ec);
    if (ec) {
      problem(content_path, tr("broken symlink: its target does not exist"));
      return false;
    }
    const auto rel = target.lexically_relative(canonical_root_);
    if (rel.empty() || rel.begin()->string() == "..") {
      problem(content_path, tr("symlink points outside content/: copy the file in instead"));
      return false;
    }
    return true;
  }

  fs::path content_root_;
  fs::path canonical_root_;
  Diagnostics& diagnostics_;
  std::vector<fs::path> stack_;  // the real paths of the folders being visited
  ContentFiles found_;
};

}  // namespace

bool is_ignored_name(const std::string& name) {
  return name.empty() || name.front() == '.' || name.back() == '~' || name.ends_with(".swp") ||
         name.ends_with(".bak") || name.ends_with(".tmp") || (name.front() == '#' && name.back() == '#');
}

ContentFiles walk_content(const fs::path& content_root, Diagnostics& diagnostics) {
  return ContentWalker(content_root, diagnostics).walk();
}

}  // namespace mamori
