#include "site/scaffold.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <system_error>

#include "core/files.h"
#include "core/text.h"
#include "core/toml_reader.h"
#include "core/url.h"
#include "site/front_matter.h"
#include "site/page_meta.h"
#include "site/paths.h"

namespace fs = std::filesystem;

namespace mamori {
namespace {

// The largest weight among the pages already in `dir` (0 when there are none).
long long largest_weight(const fs::path& dir) {
  long long largest = 0;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() != ".md" || it->path().filename() == "_index.md") continue;
    auto read = read_file(it->path());
    if (!read) continue;
    auto split = split_front_matter(strip_bom(*read));
    auto* parts = std::get_if<FrontMatterSplit>(&split);
    if (parts == nullptr) continue;
    std::vector<Diagnostic> ignored;
    largest = std::max<long long>(largest, parse_page_meta(parts->toml, parts->toml_first_line, ignored).weight);
  }
  return largest;
}

// After the largest sibling weight; saturates instead of overflowing.
long long weight_after(long long largest) {
  constexpr long long kStep = 10;
  return largest > LLONG_MAX - kStep ? LLONG_MAX : largest + kStep;
}

// Whether the deepest part of `dir` that exists really lies inside `content_real` (a
// symlinked folder may lead anywhere; a dangling one cannot be resolved and is refused).
bool leads_inside(fs::path dir, const fs::path& content_real) {
  std::error_code ec;
  while (!fs::exists(fs::symlink_status(dir, ec)) && dir.has_relative_path()) dir = dir.parent_path();
  const fs::path real = fs::canonical(dir, ec);
  return !ec && is_within(real, content_real);
}

// Creates `file` below content/ as a new file holding `text`, following no symlink out of
// content/: the deepest existing folder is checked before folders are made, the folder is
// then checked again through its open descriptor, and the file is created in it with
// O_CREAT | O_EXCL | O_NOFOLLOW (an existing name, a dangling symlink included, is refused).
Result<void> create_page(const fs::path& content, const fs::path& file, const std::string& shown,
                         std::string_view text) {
  std::error_code ec;
  const fs::path content_real = fs::canonical(content, ec);
  const Error outside{shown + ": the folder leads out of content/ (through a symlink); nothing was written"};
  if (ec || !leads_inside(file.parent_path(), content_real)) return outside;
  fs::create_directories(file.parent_path(), ec);
  if (ec) return Error{"cannot create folder " + file.parent_path().string() + ": " + ec.message()};
  const FileDescriptor dir(::open(file.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() < 0) return Error{"cannot open " + file.parent_path().string() + ": " + std::strerror(errno)};
  const fs::path dir_real = fs::read_symlink("/proc/self/fd/" + std::to_string(dir.get()), ec);
  if (ec || !is_within(dir_real, content_real)) return outside;
  FileDescriptor fd(
      ::openat(dir.get(), file.filename().c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644));
  if (fd.get() < 0 && errno == EEXIST) return Error{shown + " already exists; nothing was written"};
  if (fd.get() < 0) return Error{"cannot write " + file.string() + ": " + std::strerror(errno)};
  auto written = write_all(fd.get(), text);
  if (written && fd.close() != 0) written = Error{std::strerror(errno)};
  if (!written) return Error{"cannot write " + file.string() + ": " + written.error().message};
  return {};
}

}  // namespace

std::string new_page_text(const std::string& title, long long weight, const Date& today) {
  return "+++\n"
         "title = " +
         toml_basic_string(title) +
         "\n"
         "description = \"\"           # 一覧とページの冒頭に出る一文\n"
         "weight = " +
         std::to_string(weight) +
         "                # 同じ章の中での順番（小さいほど前）\n"
         "reviewed = " +
         to_iso(today) +
         "     # 出典の情報を最後に確認した日\n"
         "sources = []                # 出典の URL: [\"https://…\", \"https://…\"]\n"
         "draft = true                # 公開するときに false にします\n"
         "+++\n"
         "\n"
         "## 見出し\n"
         "\n"
         "本文をここに書きます。\n";
}

Result<Scaffolded> scaffold_page(const fs::path& root, std::string path, const Date& today) {
  if (path.starts_with(kContentPrefix)) path.erase(0, kContentPrefix.size());
  if (!path.ends_with(".md")) path += ".md";
  if (find_invalid_utf8(path) || printable_text(path) != path) {
    // The name becomes the page's title and URL: it must be text a browser can show.
    return Error{"'" + printable_text(path) + "' is not a usable page name: use letters, digits, '-' or Japanese"};
  }
  const auto resolved = resolve_relative("", path);
  if (!resolved || resolved->empty() || path.starts_with('/')) {
    return Error{"'" + path + "' must be a path inside content/, like cyber/backup.md"};
  }
  std::error_code ec;
  if (!fs::is_directory(root / "content", ec)) {
    return Error{"no content/ folder in " + root.string() + ": run mamori in the project folder or pass --root DIR"};
  }
  const fs::path file = root / "content" / fs::path(*resolved);
  const std::string shown = content_source(*resolved);
  // symlink_status: a dangling symlink is a name that exists too.
  if (fs::exists(fs::symlink_status(file, ec))) return Error{shown + " already exists; nothing was written"};
  const fs::path dir = file.parent_path();
  const bool new_folder = !fs::exists(dir, ec);
  std::string title = file.stem().string();
  if (title == "_index") title = dir.filename().string();
  const long long weight = file.filename() == "_index.md" ? 10 : weight_after(largest_weight(dir));
  if (auto created = create_page(root / "content", file, shown, new_page_text(title, weight, today)); !created) {
    return created.error();
  }
  Scaffolded done{file, "The page is a draft: set draft = false to publish it."};
  if (file.filename() != "_index.md" && !fs::exists(dir / "_index.md", ec) && dir != root / "content") {
    done.notice += (new_folder ? " The folder is new: " : " ") +
                   std::string("add its _index.md with `mamori new page ") + std::string(dirname(*resolved)) +
                   "/_index.md`.";
  }
  return done;
}

}  // namespace mamori
