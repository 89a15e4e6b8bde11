#include "site/build_state.h"

#include <sys/stat.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <system_error>

#include "core/files.h"
#include "core/hashing.h"
#include "core/text.h"
#include "site/output_tree.h"

namespace fs = std::filesystem;

namespace mamori {
namespace {

constexpr int64_t kStateVersion = 2;

std::string stat_text(const struct stat& info) {
  return std::to_string(info.st_mode & S_IFMT) + ":" + std::to_string(info.st_size) + ":" +
         std::to_string(info.st_mtim.tv_sec) + "." + std::to_string(info.st_mtim.tv_nsec) + ":" +
         std::to_string(info.st_ctim.tv_sec) + "." + std::to_string(info.st_ctim.tv_nsec) + ":" +
         std::to_string(info.st_dev) + ":" + std::to_string(info.st_ino);
}

// A file as the build sees it: a symlink's text and what it leads to (the build follows it).
// Adds what identifies `file` (and the target of a symlink) to the hash; whether it is a
// folder or leads to one. One lstat, and a stat only for a symlink.
bool add_file(Fnv1a64& fnv, const fs::path& file, const std::string& name) {
  fnv.add(name);
  struct stat link {};
  if (::lstat(file.c_str(), &link) != 0) {
    fnv.add("missing");
    return false;
  }
  if (!S_ISLNK(link.st_mode)) {
    fnv.add(stat_text(link));
    return S_ISDIR(link.st_mode);
  }
  std::error_code ec;
  fnv.add("-> " + fs::read_symlink(file, ec).string());
  struct stat target {};
  if (::stat(file.c_str(), &target) != 0) {
    fnv.add("dangling");
    return false;
  }
  fnv.add(stat_text(target));
  return S_ISDIR(target.st_mode);
}

// Every entry below `dir`, in name order, following symlinked folders (as the build does)
// but not into a loop.
void add_tree(Fnv1a64& fnv, const fs::path& dir, const std::string& name, std::vector<fs::path>& stack) {
  std::error_code ec;
  const fs::path real = fs::canonical(dir, ec);
  if (ec || stack.size() > 32 || std::find(stack.begin(), stack.end(), real) != stack.end()) {
    fnv.add(name + (ec ? ": unreadable" : ": loop"));
    return;
  }
  stack.push_back(real);
  std::vector<std::string> names;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    names.push_back(it->path().filename().string());
  }
  std::sort(names.begin(), names.end());
  fnv.add(name + "/" + std::to_string(names.size()) + (ec ? " unreadable" : ""));
  for (const auto& entry : names) {
    const fs::path path = dir / entry;
    if (add_file(fnv, path, name + "/" + entry)) add_tree(fnv, path, name + "/" + entry, stack);
  }
  stack.pop_back();
}

// Deeper JSON than a state ever has is refused before parsing (no recursion to exhaust).
bool nested_too_deep(std::string_view text) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > 16) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

std::optional<int64_t> as_integer(const nlohmann::json& value) {
  if (value.is_number_unsigned()) {
    const auto number = value.get<uint64_t>();
    if (number > static_cast<uint64_t>(INT64_MAX)) return std::nullopt;
    return static_cast<int64_t>(number);
  }
  if (value.is_number_integer()) return value.get<int64_t>();
  return std::nullopt;
}

bool take_string(const nlohmann::json& json, const char* key, std::string& out) {
  const auto it = json.find(key);
  if (it == json.end() || !it->is_string()) return false;
  out = it->get<std::string>();
  return true;
}

std::optional<BuildState> parse_checked(std::string_view text) {
  if (nested_too_deep(text)) return std::nullopt;
  const auto json = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (json.is_discarded() || !json.is_object()) return std::nullopt;
  const auto version = json.find("version");
  if (version == json.end() || as_integer(*version) != kStateVersion) return std::nullopt;
  BuildState state;
  if (!take_string(json, "fingerprint", state.fingerprint) || !take_string(json, "marker", state.marker) ||
      !take_string(json, "output", state.output)) {
    return std::nullopt;
  }
  const auto pages = json.find("pages");
  const auto page_count = pages == json.end() ? std::nullopt : as_integer(*pages);
  if (!page_count || *page_count < 0 || *page_count > INT_MAX) return std::nullopt;
  state.pages = static_cast<int>(*page_count);
  const auto warnings = json.find("warnings");
  if (warnings == json.end() || !warnings->is_array()) return std::nullopt;
  for (const auto& warning : *warnings) {
    if (!warning.is_string() || !is_stored_warning(warning.get_ref<const std::string&>())) return std::nullopt;
    state.warnings.push_back(warning.get<std::string>());
  }
  return state;
}

}  // namespace

bool is_stored_warning(std::string_view text) {
  // What format_with_caret wrote: one printable diagnostic line, then at most the source
  // line and the caret line, both indented. Anything else (an escape sequence, a forged
  // "x: error:" line) means the file was not written by a build, and the warnings are
  // printed again as they are: refuse it.
  if (text.empty()) return false;
  size_t lines = 0;
  for (size_t start = 0; start <= text.size(); ++lines) {
    const size_t end = std::min(text.find('\n', start), text.size());
    const std::string_view line = text.substr(start, end - start);
    if (printable_text(line) != line) return false;
    if (lines > 0 && !line.starts_with(' ')) return false;
    start = end + 1;
  }
  return lines >= 1 && lines <= 3;
}

std::string input_fingerprint(const fs::path& root, bool include_drafts, const Date& today) {
  Fnv1a64 fnv;
  fnv.add("mamori-state-2");
  std::error_code ec;
  add_file(fnv, fs::read_symlink("/proc/self/exe", ec), "binary");
  fnv.add(include_drafts ? "drafts" : "no-drafts");
  fnv.add(to_iso(today));
  add_file(fnv, root / "mamori.toml", "mamori.toml");
  for (const char* dir : {"content", "quizzes", "themes"}) {
    std::vector<fs::path> stack;
    add_file(fnv, root / dir, dir);
    add_tree(fnv, root / dir, dir, stack);
  }
  return fnv.hex();
}

fs::path state_file_for(const fs::path& out) {
  const fs::path absolute = fs::absolute(out).lexically_normal();
  return absolute.parent_path() / ("." + absolute.filename().string() + ".mamori-state");
}

std::optional<BuildState> parse_build_state(std::string_view text) noexcept {
  try {
    return parse_checked(text);
  } catch (...) {  // out of memory, or a library surprise: the state is only a cache
    return std::nullopt;
  }
}

std::string build_state_text(const BuildState& state) {
  const nlohmann::json json = {{"version", kStateVersion}, {"fingerprint", state.fingerprint},
                               {"marker", state.marker},   {"output", state.output},
                               {"pages", state.pages},     {"warnings", state.warnings}};
  // A warning may quote a file name that is not UTF-8: replaced, not an exception.
  return json.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::optional<BuildState> read_build_state(const fs::path& out) {
  std::error_code ec;
  const fs::path file = state_file_for(out);
  if (!fs::is_regular_file(fs::symlink_status(file, ec))) return std::nullopt;  // no FIFO, device or link
  auto read = read_file(file, size_t{16} << 20);
  if (!read) return std::nullopt;
  return parse_build_state(*read);
}

Result<void> write_build_state(const fs::path& out, const BuildState& state) {
  return write_file_atomically(state_file_for(out), build_state_text(state));
}

std::string marker_identity(const fs::path& out) {
  struct stat info {};
  if (::stat((out / kSiteMarker).c_str(), &info) != 0) return {};
  return std::to_string(info.st_dev) + ":" + std::to_string(info.st_ino) + ":" + std::to_string(info.st_mtim.tv_sec) +
         "." + std::to_string(info.st_mtim.tv_nsec);
}

std::string output_manifest(const fs::path& out) {
  std::error_code ec;
  std::vector<std::pair<std::string, std::string>> entries;
  const size_t prefix = (out / "").string().size();  // every entry's path starts with out and a '/'
  for (fs::recursive_directory_iterator it(out, ec), end; !ec && it != end; it.increment(ec)) {
    struct stat info {};
    const std::string& path = it->path().native();
    if (::lstat(path.c_str(), &info) != 0) return {};
    entries.emplace_back(path.substr(std::min(prefix, path.size())), stat_text(info));
  }
  if (ec) return {};
  std::sort(entries.begin(), entries.end());
  Fnv1a64 fnv;
  for (const auto& [path, stat] : entries) {
    fnv.add(path);
    fnv.add(stat);
  }
  return std::to_string(entries.size()) + ":" + fnv.hex();
}

}  // namespace mamori
