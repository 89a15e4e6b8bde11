#include "results/collect.h"

#include <algorithm>
#include <system_error>

#include "core/files.h"
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

void read_one(const fs::path& file, Collected& out) {
  const std::string shown = printable_text(file.string());
  auto bytes = read_file(file, kMaxResultFileBytes);
  if (!bytes) {
    out.skipped.push_back(shown + ": " + printable_text(bytes.error().message));
    return;
  }
  auto record = is_csv(file) ? parse_result_csv(*bytes) : parse_result_json(*bytes);
  if (!record) {
    out.skipped.push_back(shown + ": " + printable_text(record.error().message));
    return;
  }
  out.results.push_back({shown, std::move(*record)});
}

std::vector<fs::path> result_files_under(const fs::path& folder, Collected& out) {
  std::vector<fs::path> files;
  std::error_code ec;
  fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec);
  for (const fs::recursive_directory_iterator end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file(ec) && is_result_name(it->path())) files.push_back(it->path());
  }
  if (ec) out.skipped.push_back(printable_text(folder.string()) + ": cannot read the folder: " + ec.message());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

Collected collect_results(const std::vector<fs::path>& inputs) {
  Collected out;
  for (const fs::path& input : inputs) {
    std::error_code ec;
    if (fs::is_directory(input, ec)) {
      for (const fs::path& file : result_files_under(input, out)) read_one(file, out);
    } else if (fs::exists(input, ec)) {
      read_one(input, out);
    } else {
      out.skipped.push_back(printable_text(input.string()) + ": no such file or folder");
    }
  }
  return out;
}

}  // namespace mamori
