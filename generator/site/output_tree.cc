#include "site/output_tree.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <system_error>

#include "core/files.h"
#include "core/i18n.h"

namespace fs = std::filesystem;

namespace mamori {
namespace {

constexpr std::string_view kStagingInfix = ".mamori-staging-";
constexpr std::string_view kOldInfix = ".mamori-old-";

std::string hidden_sibling(const fs::path& out, std::string_view infix) {
  return "." + out.filename().string() + std::string(infix);
}

bool process_alive(const std::string& pid_text) {
  char* end = nullptr;
  const long pid = std::strtol(pid_text.c_str(), &end, 10);
  if (end == pid_text.c_str() || pid <= 0 || pid == getpid()) return false;
  return kill(static_cast<pid_t>(pid), 0) == 0 || errno == EPERM;
}

// Staging and old folders left by builds that died before cleaning up (their names end
// in "<pid>-<random>"); those of a build still running are left alone.
void remove_leftovers(const fs::path& out) {
  std::error_code ec;
  const fs::path parent = out.parent_path().empty() ? fs::path(".") : out.parent_path();
  for (const auto infix : {kStagingInfix, kOldInfix}) {
    const std::string prefix = hidden_sibling(out, infix);
    for (fs::directory_iterator it(parent, ec), end; !ec && it != end; it.increment(ec)) {
      const std::string name = it->path().filename().string();
      if (!name.starts_with(prefix)) continue;
      const std::string rest = name.substr(prefix.size());
      if (process_alive(rest.substr(0, rest.find('-')))) continue;
      std::error_code ignore;
      fs::remove_all(it->path(), ignore);
    }
  }
}

std::string unique_suffix() {
  std::random_device device;
  return std::to_string(getpid()) + "-" + std::to_string(device() % 1000000);
}

bool is_our_site(const fs::path& out) {
  std::error_code ec;
  if (!fs::exists(out, ec)) return true;
  if (!fs::is_directory(out, ec)) return false;
  if (fs::is_empty(out, ec)) return true;
  return fs::is_regular_file(out / kSiteMarker, ec);
}

// The real path `path` leads to, following symlinks, also a dangling last one (a symlinked
// --out whose target does not exist yet is still published into that target).
std::optional<fs::path> follow_links(fs::path path) {
  for (int hops = 0; hops < 40; ++hops) {
    std::error_code ec;
    path = fs::weakly_canonical(path, ec);
    if (ec) return std::nullopt;
    if (!fs::is_symlink(fs::symlink_status(path, ec))) return path;
    const fs::path target = fs::read_symlink(path, ec);
    if (ec) return std::nullopt;
    path = target.is_absolute() ? target : path.parent_path() / target;
  }
  return std::nullopt;  // a symlink loop
}

// Whether a build may publish into `real` (a real path); why not when it may not.
Result<void> check_output_allowed(const fs::path& root, const fs::path& real) {
  std::error_code ec;
  const fs::path root_real = fs::canonical(root, ec);
  if (ec) return Error{format(tr("cannot resolve the project folder {0}: {1}"), root.string(), ec.message())};
  if (real == root_real) return Error{tr("it is the project folder itself")};
  if (is_within(root_real, real)) {
    return Error{
        format(tr("it holds the project folder {0}, which the build would replace; choose a folder outside it"),
               root_real.string())};
  }
  for (const char* source : {"content", "quizzes", "themes"}) {
    // The folder as named and where it leads (content/ may itself be a symlink).
    fs::path folders[2] = {root_real / source, fs::canonical(root_real / source, ec)};
    for (const fs::path& folder : folders) {
      if (folder.empty() || !is_within(real, folder)) continue;
      return Error{format(tr("it is inside {0}/, which the build reads; choose a folder outside content/, "
                             "quizzes/ and themes/"),
                          source)};
    }
  }
  return {};
}

}  // namespace

Result<fs::path> resolve_output_folder(const fs::path& root, const fs::path& out) {
  const fs::path given = out.empty() ? root / "site" : out;
  std::error_code ec;
  fs::path absolute = fs::absolute(given, ec).lexically_normal();
  if (!ec && absolute.filename().empty()) absolute = absolute.parent_path();  // "site/" is "site"
  const std::optional<fs::path> real = ec ? std::nullopt : follow_links(absolute);
  if (!real || real->filename().empty() || *real == real->root_path()) {
    return Error{format(tr("cannot use output folder '{0}'"), given.string())};
  }
  if (auto allowed = check_output_allowed(root, *real); !allowed) {
    const std::string leads = *real == absolute ? "" : format(tr("(it leads to {0}) "), real->string());
    return Error{format(tr("refusing to build into '{0}': {1}"), given.string(), leads + allowed.error().message)};
  }
  return *real;
}

Result<OutputTree> OutputTree::open(const fs::path& out_path) {
  std::error_code ec;
  const fs::path out = fs::absolute(out_path, ec).lexically_normal();
  if (ec || out.filename().empty()) return Error{format(tr("cannot use output folder '{0}'"), out_path.string())};
  if (!is_our_site(out)) {
    return Error{format(tr("refusing to replace '{0}': it is not a site mamori built (no .mamori file in it); remove "
                           "it or choose another --out"),
                        out_path.string())};
  }
  fs::create_directories(out.parent_path(), ec);
  if (ec) return Error{format(tr("cannot create {0}: {1}"), out.parent_path().string(), ec.message())};
  remove_leftovers(out);
  const fs::path staging = out.parent_path() / (hidden_sibling(out, kStagingInfix) + unique_suffix());
  fs::create_directory(staging, ec);
  if (ec) return Error{format(tr("cannot create staging folder {0}: {1}"), staging.string(), ec.message())};
  OutputTree tree(out, staging);
  tree.had_site_ = fs::exists(out / kSiteMarker, ec);
  return tree;
}

OutputTree::OutputTree(fs::path out, fs::path staging) : out_(std::move(out)), staging_(std::move(staging)) {}

OutputTree::OutputTree(OutputTree&& other) noexcept
    : out_(std::move(other.out_)),
      staging_(std::move(other.staging_)),
      committed_(other.committed_),
      had_site_(other.had_site_),
      disk_failed_(other.disk_failed_.load()) {
  other.committed_ = true;  // the moved-from tree owns nothing
}

OutputTree::~OutputTree() {
  if (committed_ || staging_.empty()) return;
  std::error_code ignore;
  fs::remove_all(staging_, ignore);
}

std::string OutputTree::shown(std::string_view relative) const {
  return (out_ / fs::path(std::string(relative))).string();
}

Result<void> OutputTree::make_parent(const fs::path& file) {
  std::lock_guard lock(folders_mutex_);
  if (folders_.contains(file.parent_path())) return {};
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  if (ec) {
    if (ec.category() == std::generic_category() || ec.category() == std::system_category()) note_failure(ec.value());
    return Error{format(tr("cannot create {0}: {1}"), file.parent_path().string(), ec.message())};
  }
  folders_.insert(file.parent_path());
  return {};
}

bool OutputTree::link_unchanged(const std::string& relative, std::string_view content, const fs::path& file) {
  const fs::path current = out_ / relative;
  // O_NOFOLLOW: only a regular file of the previous site is reused, never what a symlink
  // put there by hand points at.
  const FileDescriptor fd(::open(current.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK));
  if (fd.get() < 0) return false;
  struct stat info {};
  if (::fstat(fd.get(), &info) != 0 || !S_ISREG(info.st_mode) || static_cast<size_t>(info.st_size) != content.size()) {
    return false;
  }
  auto old = read_descriptor(fd.get(), content.size());
  if (!old || *old != content) return false;
  // Link the very inode just compared (through the descriptor, not the name). link()
  // fails on file systems without hard links (some network shares) and when `file`
  // exists: then the caller creates the file, which reports a second write.
  const std::string by_descriptor = "/proc/self/fd/" + std::to_string(fd.get());
  return ::linkat(AT_FDCWD, by_descriptor.c_str(), AT_FDCWD, file.c_str(), AT_SYMLINK_FOLLOW) == 0;
}

void OutputTree::note_failure(int error) {
  if (error == ENOSPC || error == EDQUOT || error == EROFS || error == EIO || error == EFBIG) disk_failed_ = true;
}

Result<FileDescriptor> OutputTree::create(std::string_view relative, const fs::path& file) {
  // O_EXCL: a file already in the staging folder may be a hard link into the previous
  // site; it is never opened for writing (O_TRUNC would rewrite the published file).
  FileDescriptor fd(::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644));
  if (fd.get() >= 0) return fd;
  if (errno == EEXIST) {
    return Error{format(tr("cannot write {0}: it was already written by this build (two sources for one output path)"),
                        shown(relative))};
  }
  const int error = errno;
  note_failure(error);
  return Error{format(tr("cannot write {0}: {1}"), shown(relative), std::strerror(error))};
}

Result<void> OutputTree::write(std::string_view relative, std::string_view content) {
  if (disk_failed_) return {};
  const fs::path file = staging_ / fs::path(std::string(relative));
  if (auto made = make_parent(file); !made) return made;
  if (had_site_ && link_unchanged(std::string(relative), content, file)) return {};
  auto created = create(relative, file);
  if (!created) return created.error();
  auto written = write_all(created->get(), content);
  if (written && created->close() != 0) written = Error{std::strerror(errno)};
  if (!written) {
    note_failure(errno);
    return Error{format(tr("cannot write {0}: {1}"), shown(relative), written.error().message)};
  }
  return {};
}

Result<void> OutputTree::copy_stream(std::string_view relative, int from) {
  const fs::path file = staging_ / fs::path(std::string(relative));
  auto created = create(relative, file);
  if (!created) return created.error();
  FileDescriptor& fd = *created;
  std::string buffer(size_t{1} << 20, '\0');
  for (;;) {
    const ssize_t n = ::read(from, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Error{format(tr("cannot copy to {0}: {1}"), shown(relative), std::strerror(errno))};
    if (n == 0) break;
    if (auto written = write_all(fd.get(), std::string_view(buffer.data(), static_cast<size_t>(n))); !written) {
      note_failure(errno);
      return Error{format(tr("cannot write {0}: {1}"), shown(relative), written.error().message)};
    }
  }
  if (fd.close() != 0) {
    const int error = errno;
    note_failure(error);
    return Error{format(tr("cannot write {0}: {1}"), shown(relative), std::strerror(error))};
  }
  return {};
}

Result<void> OutputTree::copy(std::string_view relative, const fs::path& from, const fs::path& tree,
                              std::string_view shown_tree) {
  if (disk_failed_) return {};
  constexpr size_t kInMemory = size_t{64} << 20;  // larger files are streamed (and never linked)
  const fs::path file = staging_ / fs::path(std::string(relative));
  if (auto made = make_parent(file); !made) return made;
  auto opened = open_inside(from, tree, shown_tree);
  if (!opened) return opened.error();
  const int fd = opened->get();
  struct stat info {};
  if (::fstat(fd, &info) == 0 && static_cast<uintmax_t>(info.st_size) > kInMemory) return copy_stream(relative, fd);
  auto content = read_descriptor(fd, kInMemory);
  if (!content) return content.error();
  return write(relative, *content);
}

Result<void> OutputTree::commit() {
  // Written fresh, never linked from the old site: its inode tells builds apart.
  std::error_code ec;
  fs::remove(staging_ / kSiteMarker, ec);
  if (auto written = write_file_atomically(staging_ / kSiteMarker, kSiteMarkerText); !written) return written;
  if (!fs::exists(out_, ec)) {
    fs::rename(staging_, out_, ec);
    if (ec) return Error{format(tr("cannot move the new site into place: {0}"), ec.message())};
    committed_ = true;
    return {};
  }
  // Swap both names in one step; the old site then sits at the staging path.
  if (renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, out_.c_str(), RENAME_EXCHANGE) == 0) {
    committed_ = true;
    fs::remove_all(staging_, ec);
    return {};
  }
  // No RENAME_EXCHANGE here (some network file systems): two renames, with the old site
  // kept until the new one is in place.
  const fs::path old = out_.parent_path() / (hidden_sibling(out_, kOldInfix) + unique_suffix());
  fs::rename(out_, old, ec);
  if (ec) return Error{format(tr("cannot move the old site aside: {0}"), ec.message())};
  fs::rename(staging_, out_, ec);
  if (ec) {
    std::error_code restore;
    fs::rename(old, out_, restore);
    return Error{format(tr("cannot move the new site into place: {0}"), ec.message())};
  }
  committed_ = true;
  fs::remove_all(old, ec);
  return {};
}

}  // namespace mamori
