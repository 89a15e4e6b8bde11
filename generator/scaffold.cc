#include "scaffold.h"

#include <algorithm>
#include <system_error>

#include "files.h"
#include "front_matter.h"
#include "page_meta.h"
#include "text.h"
#include "toml_reader.h"
#include "url.h"

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
    auto* text = std::get_if<std::string>(&read);
    if (text == nullptr) continue;
    auto split = split_front_matter(strip_bom(*text));
    auto* parts = std::get_if<FrontMatterSplit>(&split);
    if (parts == nullptr) continue;
    std::vector<Diagnostic> ignored;
    largest = std::max<long long>(largest, parse_page_meta(parts->toml, parts->toml_first_line, ignored).weight);
  }
  return largest;
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

std::variant<Scaffolded, ScaffoldError> scaffold_page(const fs::path& root, std::string path, const Date& today) {
  if (path.starts_with("content/")) path.erase(0, 8);
  if (!path.ends_with(".md")) path += ".md";
  const auto resolved = resolve_relative("", path);
  if (!resolved || resolved->empty() || path.starts_with('/')) {
    return ScaffoldError{"'" + path + "' must be a path inside content/, like cyber/backup.md"};
  }
  std::error_code ec;
  if (!fs::is_directory(root / "content", ec)) {
    return ScaffoldError{"no content/ folder in " + root.string() +
                         ": run mamori in the project folder or pass --root DIR"};
  }
  const fs::path file = root / "content" / fs::path(*resolved);
  if (fs::exists(file, ec)) return ScaffoldError{"content/" + *resolved + " already exists; nothing was written"};
  const fs::path dir = file.parent_path();
  const bool new_folder = !fs::exists(dir, ec);
  std::string title = file.stem().string();
  if (title == "_index") title = dir.filename().string();
  const long long weight = file.filename() == "_index.md" ? 10 : largest_weight(dir) + 10;
  if (auto error = write_file(file, new_page_text(title, weight, today))) return ScaffoldError{error->message};
  Scaffolded done{file, "The page is a draft: set draft = false to publish it."};
  if (file.filename() != "_index.md" && !fs::exists(dir / "_index.md", ec) && dir != root / "content") {
    done.notice += (new_folder ? " The folder is new: " : " ") +
                   std::string("add its _index.md with `mamori new page ") + std::string(dirname(*resolved)) +
                   "/_index.md`.";
  }
  return done;
}

}  // namespace mamori
