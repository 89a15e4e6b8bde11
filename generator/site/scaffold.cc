#include "site/scaffold.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstring>
#include <string>
#include <system_error>
#include <utility>
#include <vector>

#include "core/files.h"
#include "core/i18n.h"
#include "core/spellcheck.h"
#include "core/text.h"
#include "core/toml_reader.h"
#include "core/url.h"
#include "quiz/quiz.h"
#include "site/content_walk.h"
#include "site/front_matter.h"
#include "site/markdown.h"
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

// Creates `file` below `base` (content/ or quizzes/, named `folder` in messages) as a new
// file holding `text`, following no symlink out of `base`: the deepest existing folder is
// checked before folders are made, the folder is then checked again through its open
// descriptor, and the file is created in it with O_CREAT | O_EXCL | O_NOFOLLOW (an existing
// name, a dangling symlink included, is refused).
Result<void> create_new_file(const fs::path& base, std::string_view folder, const fs::path& file,
                             const std::string& shown, std::string_view text) {
  std::error_code ec;
  const fs::path base_real = fs::canonical(base, ec);
  const Error outside{
      format(tr("{0}: the folder leads out of {1} (through a symlink); nothing was written"), shown, folder)};
  if (ec || !leads_inside(file.parent_path(), base_real)) return outside;
  fs::create_directories(file.parent_path(), ec);
  if (ec) return Error{format(tr("cannot create folder {0}: {1}"), file.parent_path().string(), ec.message())};
  const FileDescriptor dir(::open(file.parent_path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() < 0)
    return Error{format(tr("cannot open {0}: {1}"), file.parent_path().string(), std::strerror(errno))};
  const fs::path dir_real = fs::read_symlink("/proc/self/fd/" + std::to_string(dir.get()), ec);
  if (ec || !is_within(dir_real, base_real)) return outside;
  FileDescriptor fd(
      ::openat(dir.get(), file.filename().c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644));
  if (fd.get() < 0 && errno == EEXIST) return Error{format(tr("{0} already exists; nothing was written"), shown)};
  if (fd.get() < 0) return Error{format(tr("cannot write {0}: {1}"), file.string(), std::strerror(errno))};
  auto written = write_all(fd.get(), text);
  if (written && fd.close() != 0) written = Error{std::strerror(errno)};
  if (!written) return Error{format(tr("cannot write {0}: {1}"), file.string(), written.error().message)};
  return {};
}

Error no_content_folder(const fs::path& root) {
  std::error_code ec;
  std::string shown = fs::absolute(root, ec).lexically_normal().string();
  if (shown.size() > 1 && shown.ends_with('/')) shown.pop_back();  // "--root ." is the folder itself
  return Error{format(tr("no content/ folder in {0}: run mamori in the project folder (the one holding "
                         "mamori.toml) or pass --root DIR"),
                      shown)};
}

// A quiz's section: "" (none), or a top-level folder of content/ (as quiz_loading checks).
Result<void> check_quiz_section(const fs::path& content, const std::string& section) {
  if (section.empty()) return {};
  std::vector<std::string> folders;
  std::error_code ec;
  for (fs::directory_iterator it(content, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_directory(ec)) folders.push_back(it->path().filename().string());
  }
  if (std::find(folders.begin(), folders.end(), section) != folders.end()) return {};
  return Error{format(tr("'{0}' is not a folder of content/: write the quiz as SECTION/ID, like cyber/phishing{1}"),
                      printable_text(section), did_you_mean(section, folders))};
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
    return Error{
        format(tr("'{0}' is not a usable page name: use letters, digits, '-' or Japanese"), printable_text(path))};
  }
  const auto resolved = resolve_relative("", path);
  if (!resolved || resolved->empty() || path.starts_with('/')) {
    return Error{format(tr("'{0}' must be a path inside content/, like cyber/backup.md"), path)};
  }
  for (const fs::path& part : fs::path(*resolved)) {
    if (!is_ignored_name(part.string())) continue;
    return Error{format(tr("'{0}' would never be built: the build skips names that start with '.' and the backup "
                           "files of editors (~, .bak, .swp, .tmp, #…#)"),
                        path)};
  }
  std::error_code ec;
  if (!fs::is_directory(root / "content", ec)) return no_content_folder(root);
  const fs::path file = root / "content" / fs::path(*resolved);
  const std::string shown = content_source(*resolved);
  // symlink_status: a dangling symlink is a name that exists too.
  if (fs::exists(fs::symlink_status(file, ec))) {
    return Error{format(tr("{0} already exists; nothing was written"), shown)};
  }
  const fs::path dir = file.parent_path();
  const bool new_folder = !fs::exists(dir, ec);
  std::string title = file.stem().string();
  if (title == "_index") title = dir.filename().string();
  if (trim(title).empty()) {  // the title would be blank, which the build refuses
    return Error{
        format(tr("'{0}' is not a usable page name: use letters, digits, '-' or Japanese"), printable_text(path))};
  }
  const long long weight = file.filename() == "_index.md" ? 10 : weight_after(largest_weight(dir));
  const std::string text = new_page_text(title, weight, today);
  if (auto created = create_new_file(root / "content", kContentPrefix, file, shown, text); !created) {
    return created.error();
  }
  Scaffolded done{file, tr("The page is a draft: set draft = false to publish it.")};
  if (file.filename() != "_index.md" && !fs::exists(dir / "_index.md", ec) && dir != root / "content") {
    const std::string index = std::string(dirname(*resolved)) + "/_index.md";
    done.notice +=
        " " + (new_folder ? format(tr("The folder is new: add its _index.md with `mamori new page {0}`."), index)
                          : format(tr("Add its _index.md with `mamori new page {0}`."), index));
  }
  return done;
}

namespace {

// Resolves every link to itself: new_quiz_source only wants a page's heading ids.
class NoLinks final : public LinkResolver {
 public:
  Result<ResolvedLink> resolve(std::string_view url, bool /*image*/, int /*line*/, int /*column*/) const override {
    return ResolvedLink{std::string(url), std::nullopt};
  }
};

// The id of the first heading of the published page `file`, or "" (a draft, no heading, or
// unreadable). Ids are made by the renderer itself, so the link is the one a build checks.
std::string first_heading_id(const fs::path& file) {
  auto read = read_file(file);
  if (!read) return "";
  auto split = split_front_matter(strip_bom(*read));
  auto* parts = std::get_if<FrontMatterSplit>(&split);
  if (parts == nullptr) return "";
  std::vector<Diagnostic> ignored;
  if (parse_page_meta(parts->toml, parts->toml_first_line, ignored).draft) return "";
  const ReservedIds none;
  const RenderedMarkdown body = render_markdown(parts->body, parts->body_first_line, NoLinks{}, none);
  return body.headings.empty() ? "" : body.headings.front().id;
}

// The pages a new quiz may cite, best first: the section's page, then the section's other
// pages, shallow before deep, in name order (content/ itself is the section when there is
// none). Symlinked folders are not followed.
std::vector<std::string> citable_pages(const fs::path& content, const std::string& section) {
  const std::string first = section.empty() ? "_index.md" : section + "/_index.md";
  std::vector<std::pair<size_t, std::string>> others;  // (depth, content path)
  std::error_code ec;
  for (fs::recursive_directory_iterator it(content / section, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().extension() != ".md") continue;
    const std::string path = it->path().lexically_relative(content).generic_string();
    if (path != first) others.emplace_back(static_cast<size_t>(std::count(path.begin(), path.end(), '/')), path);
  }
  std::sort(others.begin(), others.end());
  std::vector<std::string> pages{first};
  for (auto& [depth, path] : others) pages.push_back(std::move(path));
  return pages;
}

}  // namespace

QuizSource new_quiz_source(const fs::path& root, const std::string& section) {
  const fs::path content = root / "content";
  const std::vector<std::string> pages = citable_pages(content, section);
  for (const auto& page : pages) {
    if (const std::string id = first_heading_id(content / page); !id.empty()) {
      return QuizSource{"../content/" + page + "#" + id, true};
    }
  }
  return QuizSource{"../content/" + pages.front() + "#見出し", false};
}

std::string new_quiz_text(const std::string& id, const std::string& section, const std::string& source) {
  const std::string src = "source = " + toml_basic_string(source) + "  # 答えを教えているページと見出し\n";
  return "# 新しい理解度チェックです。下の3問は書き方の例です。実際の問題に差し替えてください。\n"
         "# 書き方は README の「Quizzes」にあります。保存したら `mamori check` で確かめます。\n"
         "title = " +
         toml_basic_string("理解度チェック（" + id + "）") +
         "  # 一覧とページに出る題名\n"
         "description = \"このチェックで確かめることを一文で書きます。\"\n" +
         (section.empty() ? "" : "section = " + toml_basic_string(section) + "  # content/ のどの章のチェックか\n") +
         "pass_mark = 80   # 合格に必要な正答率（%）\n"
         "shuffle = true   # 問題と選択肢の順番を毎回入れ替えます\n"
         "\n"
         "# ---- 例1：選択肢から一つを選ぶ問題（single） ----\n"
         "[[questions]]\n"
         "id = \"example-single\"   # 半角英数字と - _ で、このファイルの中で重ならない名前\n"
         "type = \"single\"\n"
         "text = \"（例の問題です。差し替えてください）不審なメールが届きました。まず何をしますか。\"\n"
         "explanation = \"（例）答えたあとに出る解説です。正しい答えの理由を書きます。\"\n" +
         src +
         "  [[questions.choices]]\n"
         "  text = \"添付ファイルを開かずに、担当者に知らせる\"\n"
         "  correct = true   # 正しい選択肢に付けます\n"
         "  [[questions.choices]]\n"
         "  text = \"添付ファイルを開いて確かめる\"\n"
         "  feedback = \"（例）この選択肢を選んだ人に出る説明です。なくてもかまいません。\"\n"
         "  [[questions.choices]]\n"
         "  text = \"メールの差出人に返信して聞く\"\n"
         "\n"
         "# ---- 例2：当てはまるものをすべて選ぶ問題（multiple） ----\n"
         "[[questions]]\n"
         "id = \"example-multiple\"\n"
         "type = \"multiple\"\n"
         "text = \"（例の問題です。差し替えてください）パスワードの扱いとして正しいものを、すべて選んでください。\"\n"
         "explanation = \"（例）正しい選択肢をすべて選んだときだけ正解になります。\"\n" +
         src +
         "  [[questions.choices]]\n"
         "  text = \"サービスごとに別のパスワードにする\"\n"
         "  correct = true\n"
         "  [[questions.choices]]\n"
         "  text = \"できるだけ長いパスワードにする\"\n"
         "  correct = true\n"
         "  [[questions.choices]]\n"
         "  text = \"パスワードを付箋に書いて画面に貼る\"\n"
         "\n"
         "# ---- 例3：正しいか誤りかを答える問題（true_false） ----\n"
         "[[questions]]\n"
         "id = \"example-true-false\"\n"
         "type = \"true_false\"\n"
         "text = \"（例の問題です。差し替えてください）会社のパソコンの更新の通知は、後回しにしてよい。\"\n"
         "answer = false   # 正しい文なら true、誤りなら false\n"
         "explanation = \"（例）更新は早めに済ませます。\"\n" +
         src;
}

Result<Scaffolded> scaffold_quiz(const fs::path& root, std::string path) {
  if (path.starts_with("quizzes/")) path.erase(0, 8);
  if (path.ends_with(".toml")) path.resize(path.size() - 5);
  const size_t slash = path.rfind('/');
  const std::string section = slash == std::string::npos ? "" : path.substr(0, slash);
  const std::string id = slash == std::string::npos ? path : path.substr(slash + 1);
  if (!is_valid_quiz_id(id)) {
    return Error{format(tr("'{0}' is not a usable quiz id: use ASCII letters, digits, '-' or '_', like phishing"),
                        printable_text(id))};
  }
  std::error_code ec;
  if (!fs::is_directory(root / "content", ec)) return no_content_folder(root);
  if (auto problem = check_quiz_section(root / "content", section); !problem) return problem.error();
  const fs::path quizzes = root / "quizzes";
  const std::string shown = quiz_source(id);
  const fs::path file = quizzes / (id + ".toml");
  if (fs::exists(fs::symlink_status(file, ec))) {
    return Error{format(tr("{0} already exists; nothing was written"), shown)};
  }
  // quizzes/ itself must lie in the project: a symlink to elsewhere is refused.
  fs::create_directories(quizzes, ec);
  const fs::path quizzes_real = fs::canonical(quizzes, ec);
  if (ec || !is_within(quizzes_real, fs::canonical(root, ec))) {
    return Error{
        format(tr("{0}: the folder leads out of the project (through a symlink); nothing was written"), shown)};
  }
  const QuizSource source = new_quiz_source(root, section);
  if (auto created = create_new_file(quizzes, "quizzes/", file, shown, new_quiz_text(id, section, source.url));
      !created) {
    return created.error();
  }
  Scaffolded done{file, format(tr("The quiz is listed under 理解度チェック from the next build: replace the three "
                                  "example questions first. To link it from a page, add quiz = \"{0}\" to that "
                                  "page's front matter."),
                               id)};
  if (!source.found) {
    done.notice += " " + format(tr("No page to cite was found: point each question's source at the page and "
                                   "heading that teach it, like {0}."),
                                source.url);
  }
  return done;
}

}  // namespace mamori
