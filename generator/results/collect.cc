#include "results/collect.h"

#include <algorithm>
#include <optional>
#include <system_error>

#include "core/files.h"
#include "core/i18n.h"
#include "core/parallel.h"
#include "core/text.h"
#include "results/record_csv.h"

namespace mamori {
namespace {

namespace fs = std::filesystem;

bool is_csv(const fs::path& file) {
  return ascii_lower(file.extension().string()) == ".csv";
}

// The extensions searched for in folders: the two downloads of a quiz page.
bool is_result_name(const fs::path& file) {
  const std::string extension = ascii_lower(file.extension().string());
  return extension == ".json" || extension == ".csv";
}

// One entry of the run, in the order HR is told about it: a file to read, or a problem
// found while listing (a folder that cannot be read, a name that does not exist).
struct Item {
  fs::path file;        // empty for a problem
  std::string skipped;  // the problem, or why the file was skipped once read
  std::optional<HandedIn> read;
};

void read_one(Item& item) {
  const std::string shown = printable_text(item.file.string());
  auto bytes = read_file(item.file, kMaxResultFileBytes);
  if (!bytes) {
    item.skipped = shown + ": " + printable_text(bytes.error().message);
    return;
  }
  auto record = is_csv(item.file) ? parse_result_csv(*bytes) : parse_result_json(*bytes);
  if (!record) {
    item.skipped = shown + ": " + printable_text(record.error().message);
    return;
  }
  item.read = HandedIn{shown, std::move(*record)};
}

// The paths in `exclude` as they can be compared with what a folder holds (existing ones only).
std::vector<fs::path> comparable(const std::vector<fs::path>& exclude) {
  std::vector<fs::path> out;
  for (const fs::path& path : exclude) {
    std::error_code ec;
    fs::path canonical = fs::canonical(path, ec);
    if (!ec) out.push_back(std::move(canonical));
  }
  return out;
}

bool is_excluded(const fs::path& path, const std::vector<fs::path>& excluded) {
  if (excluded.empty()) return false;
  std::error_code ec;
  const fs::path canonical = fs::canonical(path, ec);
  return !ec && std::find(excluded.begin(), excluded.end(), canonical) != excluded.end();
}

// The result files under `folder`, in path order. A symbolic link there is not followed (it
// becomes a problem): whoever can write to the shared folder could point one at any file
// HR's account may read. Files named on the command line are followed.
void add_files_under(const fs::path& folder, const std::vector<fs::path>& excluded, std::vector<Item>& items) {
  std::vector<std::pair<fs::path, bool>> found;  // (file, whether it is a symbolic link)
  std::error_code ec;
  fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec);
  for (const fs::recursive_directory_iterator end; !ec && it != end; it.increment(ec)) {
    if (is_excluded(it->path(), excluded)) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    if (!is_result_name(it->path())) continue;
    std::error_code type_ec;
    if (it->is_symlink(type_ec)) {
      found.emplace_back(it->path(), true);
    } else if (it->is_regular_file(type_ec)) {
      found.emplace_back(it->path(), false);
    }
  }
  std::sort(found.begin(), found.end());
  items.reserve(items.size() + found.size());
  for (auto& [file, link] : found) {
    if (link) {
      items.push_back({{}, printable_text(file.string()) + ": " + tr("a symbolic link; not followed"), {}});
    } else {
      items.push_back({std::move(file), {}, {}});
    }
  }
  if (ec) {
    items.push_back(
        {{}, printable_text(folder.string()) + ": " + format(tr("cannot read the folder: {0}"), ec.message()), {}});
  }
}

}  // namespace

Collected collect_results(const std::vector<fs::path>& inputs, const std::vector<fs::path>& exclude) {
  const std::vector<fs::path> excluded = comparable(exclude);
  std::vector<Item> items;
  for (const fs::path& input : inputs) {
    std::error_code ec;
    if (fs::is_directory(input, ec)) {
      add_files_under(input, excluded, items);
    } else if (fs::exists(input, ec)) {
      items.push_back({input, {}, {}});
    } else {
      items.push_back({{}, printable_text(input.string()) + ": " + tr("no such file or folder"), {}});
    }
  }
  // Files are read and parsed on every core (HR's folder may hold thousands); the order
  // of what is reported does not depend on the threads.
  parallel_for(items.size(), default_jobs(), [&](size_t i, int) {
    if (!items[i].file.empty()) read_one(items[i]);
  });
  Collected out;
  out.results.reserve(items.size());
  for (Item& item : items) {
    if (item.read) out.results.push_back(std::move(*item.read));
    if (!item.skipped.empty()) out.skipped.push_back(std::move(item.skipped));
  }
  return out;
}

}  // namespace mamori
