#include "build_state.h"

#include <sys/stat.h>
#include <unistd.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdint>
#include <system_error>

#include "files.h"
#include "output_tree.h"

namespace fs = std::filesystem;

namespace mamori {
namespace {

std::string hex64(uint64_t value) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(16, '0');
  for (int i = 0; i < 16; ++i) out[static_cast<size_t>(i)] = kHex[(value >> (60 - 4 * i)) & 0xF];
  return out;
}

// FNV-1a, 64 bits: enough to tell whether anything changed, not a security measure.
class Fnv {
 public:
  void add(std::string_view text) {
    for (const char c : text) {
      hash_ ^= static_cast<unsigned char>(c);
      hash_ *= 0x100000001b3ULL;
    }
    hash_ ^= 0xff;  // separates fields
    hash_ *= 0x100000001b3ULL;
  }
  std::string hex() const { return hex64(hash_); }

 private:
  uint64_t hash_ = 0xcbf29ce484222325ULL;
};

void add_file(Fnv& fnv, const fs::path& file, const std::string& name) {
  std::error_code ec;
  const auto status = fs::symlink_status(file, ec);
  fnv.add(name);
  if (ec) return;
  fnv.add(std::to_string(static_cast<int>(status.type())));
  if (fs::is_regular_file(status)) {
    fnv.add(std::to_string(fs::file_size(file, ec)));
    fnv.add(std::to_string(fs::last_write_time(file, ec).time_since_epoch().count()));
  } else if (fs::is_symlink(status)) {
    fnv.add(fs::read_symlink(file, ec).string());
  }
}

void add_tree(Fnv& fnv, const fs::path& dir, const std::string& name) {
  std::error_code ec;
  std::vector<std::pair<std::string, fs::path>> files;
  for (fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end;
       !ec && it != end; it.increment(ec)) {
    files.emplace_back(generic(it->path().lexically_relative(dir)), it->path());
  }
  std::sort(files.begin(), files.end());
  fnv.add(name + "/" + std::to_string(files.size()));
  for (const auto& [relative, file] : files) add_file(fnv, file, relative);
}

}  // namespace

std::string input_fingerprint(const fs::path& root, bool include_drafts, const Date& today) {
  Fnv fnv;
  fnv.add("mamori-state-1");
  std::error_code ec;
  add_file(fnv, fs::read_symlink("/proc/self/exe", ec), "binary");
  fnv.add(include_drafts ? "drafts" : "no-drafts");
  fnv.add(to_iso(today));
  add_file(fnv, root / "mamori.toml", "mamori.toml");
  for (const char* dir : {"content", "quizzes", "themes"}) add_tree(fnv, root / dir, dir);
  return fnv.hex();
}

fs::path state_file_for(const fs::path& out) {
  const fs::path absolute = fs::absolute(out).lexically_normal();
  return absolute.parent_path() / ("." + absolute.filename().string() + ".mamori-state");
}

std::optional<BuildState> read_build_state(const fs::path& out) {
  auto read = read_file(state_file_for(out), size_t{16} << 20);
  auto* text = std::get_if<std::string>(&read);
  if (text == nullptr) return std::nullopt;
  const auto json = nlohmann::json::parse(*text, nullptr, false);
  if (json.is_discarded() || !json.is_object() || json.value("version", 0) != 1) return std::nullopt;
  BuildState state;
  state.fingerprint = json.value("fingerprint", "");
  state.marker = json.value("marker", "");
  state.pages = json.value("pages", 0);
  if (json.contains("warnings") && json["warnings"].is_array()) {
    for (const auto& w : json["warnings"]) {
      if (w.is_string()) state.warnings.push_back(w.get<std::string>());
    }
  }
  return state;
}

void write_build_state(const fs::path& out, const BuildState& state) {
  const nlohmann::json json = {{"version", 1},
                               {"fingerprint", state.fingerprint},
                               {"marker", state.marker},
                               {"pages", state.pages},
                               {"warnings", state.warnings}};
  const fs::path file = state_file_for(out);
  const fs::path temporary = file.string() + ".tmp-" + std::to_string(getpid());
  if (write_file(temporary, json.dump(1) + "\n")) return;  // a cache: failing to keep it is harmless
  std::error_code ec;
  fs::rename(temporary, file, ec);
  if (ec) fs::remove(temporary, ec);
}

std::string marker_identity(const fs::path& out) {
  struct stat info {};
  if (::stat((out / kSiteMarker).c_str(), &info) != 0) return {};
  return std::to_string(info.st_dev) + ":" + std::to_string(info.st_ino) + ":" + std::to_string(info.st_mtim.tv_sec) +
         "." + std::to_string(info.st_mtim.tv_nsec);
}

}  // namespace mamori
