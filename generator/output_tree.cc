#include "output_tree.h"

#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <random>
#include <system_error>

#include "files.h"

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

}  // namespace

std::variant<OutputTree, std::string> OutputTree::open(const fs::path& out_path) {
  std::error_code ec;
  const fs::path out = fs::absolute(out_path, ec).lexically_normal();
  if (ec || out.filename().empty()) return "cannot use output folder '" + out_path.string() + "'";
  if (!is_our_site(out)) {
    return "refusing to replace '" + out_path.string() +
           "': it is not a site mamori built (no .mamori file in it); remove it or choose another --out";
  }
  fs::create_directories(out.parent_path(), ec);
  if (ec) return "cannot create " + out.parent_path().string() + ": " + ec.message();
  remove_leftovers(out);
  const fs::path staging = out.parent_path() / (hidden_sibling(out, kStagingInfix) + unique_suffix());
  fs::create_directory(staging, ec);
  if (ec) return "cannot create staging folder " + staging.string() + ": " + ec.message();
  return OutputTree(out, staging);
}

OutputTree::OutputTree(fs::path out, fs::path staging) : out_(std::move(out)), staging_(std::move(staging)) {}

OutputTree::OutputTree(OutputTree&& other) noexcept
    : out_(std::move(other.out_)), staging_(std::move(other.staging_)), committed_(other.committed_) {
  other.committed_ = true;  // the moved-from tree owns nothing
}

OutputTree::~OutputTree() {
  if (committed_ || staging_.empty()) return;
  std::error_code ignore;
  fs::remove_all(staging_, ignore);
}

std::optional<std::string> OutputTree::make_parent(const fs::path& file) {
  std::lock_guard lock(folders_mutex_);
  if (folders_.contains(file.parent_path())) return std::nullopt;
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  if (ec) return "cannot create " + file.parent_path().string() + ": " + ec.message();
  folders_.insert(file.parent_path());
  return std::nullopt;
}

bool OutputTree::link_unchanged(const std::string& relative, std::string_view content, const fs::path& file) {
  const fs::path current = out_ / relative;
  const int fd = ::open(current.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat info {};
  bool same = ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && static_cast<size_t>(info.st_size) == content.size();
  if (same) {
    std::string old(content.size(), '\0');
    size_t done = 0;
    while (done < old.size()) {
      const ssize_t n = ::read(fd, old.data() + done, old.size() - done);
      if (n <= 0) break;
      done += static_cast<size_t>(n);
    }
    same = done == old.size() && old == content;
  }
  ::close(fd);
  // A file system without hard links (some network shares) makes link() fail: then the
  // file is written as usual.
  return same && ::link(current.c_str(), file.c_str()) == 0;
}

std::optional<std::string> OutputTree::write(std::string_view relative, std::string_view content) {
  const fs::path file = staging_ / fs::path(std::string(relative));
  if (auto error = make_parent(file)) return error;
  if (link_unchanged(std::string(relative), content, file)) return std::nullopt;
  // Plain POSIX calls: the staging folder is new, so there is nothing to truncate or keep.
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return "cannot write " + file.string() + ": " + std::strerror(errno);
  size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string error = "cannot write " + file.string() + ": " + std::strerror(errno);
      ::close(fd);
      return error;
    }
    done += static_cast<size_t>(n);
  }
  if (::close(fd) != 0) return "cannot write " + file.string() + ": " + std::strerror(errno);
  return std::nullopt;
}

std::optional<std::string> OutputTree::copy(std::string_view relative, const fs::path& from) {
  const fs::path file = staging_ / fs::path(std::string(relative));
  if (auto error = make_parent(file)) return error;
  if (auto content = read_file(from); std::holds_alternative<std::string>(content)) {
    return write(relative, std::get<std::string>(content));
  }
  std::error_code ec;
  fs::copy_file(from, file, fs::copy_options::overwrite_existing, ec);
  if (ec) return "cannot copy " + from.string() + ": " + ec.message();
  return std::nullopt;
}

std::optional<std::string> OutputTree::commit() {
  // Written fresh, never linked from the old site: its inode tells builds apart.
  std::error_code ec;
  fs::remove(staging_ / kSiteMarker, ec);
  if (auto error = write_file(staging_ / kSiteMarker, kSiteMarkerText)) return error->message;
  if (!fs::exists(out_, ec)) {
    fs::rename(staging_, out_, ec);
    if (ec) return "cannot move the new site into place: " + ec.message();
    committed_ = true;
    return std::nullopt;
  }
  // Swap both names in one step; the old site then sits at the staging path.
  if (renameat2(AT_FDCWD, staging_.c_str(), AT_FDCWD, out_.c_str(), RENAME_EXCHANGE) == 0) {
    committed_ = true;
    fs::remove_all(staging_, ec);
    return std::nullopt;
  }
  // No RENAME_EXCHANGE here (some network file systems): two renames, with the old site
  // kept until the new one is in place.
  const fs::path old = out_.parent_path() / (hidden_sibling(out_, kOldInfix) + unique_suffix());
  fs::rename(out_, old, ec);
  if (ec) return "cannot move the old site aside: " + ec.message();
  fs::rename(staging_, out_, ec);
  if (ec) {
    std::error_code restore;
    fs::rename(old, out_, restore);
    return "cannot move the new site into place: " + ec.message();
  }
  committed_ = true;
  fs::remove_all(old, ec);
  return std::nullopt;
}

}  // namespace mamori
