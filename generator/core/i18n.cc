#include "core/i18n.h"

#include <libintl.h>
#include <unistd.h>

#include <atomic>
#include <clocale>
#include <cstdlib>
#include <optional>
#include <string>
#include <system_error>

namespace mamori {
namespace {

constexpr const char* kDomain = "mamori";

std::atomic<Language> g_language{Language::en};

// What set_language changed for Japanese, to put back for English.
struct SavedLocale {
  std::optional<std::string> language_variable;  // $LANGUAGE
  std::string messages;                          // setlocale(LC_MESSAGES)
  std::string ctype;                             // setlocale(LC_CTYPE)
};
std::optional<SavedLocale> g_saved;

std::string current_locale(int category) {
  const char* name = std::setlocale(category, nullptr);
  return name != nullptr ? name : "C";
}

void restore_locale() {
  if (!g_saved) return;
  if (g_saved->language_variable)
    setenv("LANGUAGE", g_saved->language_variable->c_str(), 1);
  else
    unsetenv("LANGUAGE");
  std::setlocale(LC_MESSAGES, g_saved->messages.c_str());
  std::setlocale(LC_CTYPE, g_saved->ctype.c_str());
  g_saved.reset();
}

// Japanese from every catalogue, our own and the C library's (strerror), in UTF-8.
void use_japanese_locale() {
  if (!g_saved) {
    const char* variable = std::getenv("LANGUAGE");
    g_saved = SavedLocale{variable ? std::optional<std::string>(variable) : std::nullopt, current_locale(LC_MESSAGES),
                          current_locale(LC_CTYPE)};
  }
  setenv("LANGUAGE", "ja", 1);
  if (std::setlocale(LC_MESSAGES, "C.UTF-8") == nullptr) std::setlocale(LC_MESSAGES, "ja_JP.UTF-8");
  std::setlocale(LC_CTYPE, "C.UTF-8");
}

std::filesystem::path running_program() {
  std::error_code ec;
  auto path = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::filesystem::path() : path;
}

bool has_catalogue(const std::filesystem::path& dir) {
  std::error_code ec;
  return std::filesystem::is_regular_file(dir / "ja" / "LC_MESSAGES" / "mamori.mo", ec);
}

}  // namespace

std::optional<Language> parse_language(std::string_view name) {
  if (name == "C" || name == "POSIX" || name.starts_with("C.")) return Language::en;
  const std::string_view code = name.substr(0, name.find_first_of("_-.@"));
  if (code == "ja") return Language::ja;
  if (code == "en") return Language::en;
  return std::nullopt;
}

std::optional<Language> language_from_environment() {
  for (const char* variable : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
    const char* value = std::getenv(variable);
    if (value != nullptr && *value != '\0') return parse_language(value);
  }
  return std::nullopt;
}

std::vector<std::filesystem::path> default_locale_dirs() {
  std::vector<std::filesystem::path> dirs;
  if (const char* dir = std::getenv("MAMORI_LOCALEDIR"); dir != nullptr && *dir != '\0') dirs.emplace_back(dir);
  if (const auto program = running_program(); !program.empty())
    dirs.push_back(program.parent_path().parent_path() / "share" / "locale");
#ifdef MAMORI_INSTALL_LOCALEDIR
  dirs.emplace_back(MAMORI_INSTALL_LOCALEDIR);
#endif
#ifdef MAMORI_BUILD_LOCALEDIR
  dirs.emplace_back(MAMORI_BUILD_LOCALEDIR);
#endif
  return dirs;
}

// gettext translates only when LC_MESSAGES is not the "C" locale, and picks the catalogue
// from LANGUAGE before the locale's own name. C.UTF-8 is built into glibc, so Japanese
// messages work on a machine without the ja_JP locale; setlocale also makes gettext drop
// what it cached for an earlier language. LC_CTYPE becomes UTF-8 too, or the C library's
// own Japanese (strerror) would be converted to ASCII as "?".
bool set_language(Language language, const std::vector<std::filesystem::path>& locale_dirs) {
  g_language = Language::en;
  restore_locale();
  if (language == Language::en) return true;
  for (const auto& dir : locale_dirs) {
    if (!has_catalogue(dir)) continue;
    bindtextdomain(kDomain, dir.c_str());
    bind_textdomain_codeset(kDomain, "UTF-8");
    use_japanese_locale();
    g_language = Language::ja;
    return true;
  }
  return false;
}

Language current_language() {
  return g_language;
}

const char* tr(const char* msgid) {
  if (g_language == Language::en || *msgid == '\0') return msgid;
  return dgettext(kDomain, msgid);
}

const char* tr_n(const char* one, const char* many, unsigned long n) {
  if (g_language == Language::en) return n == 1 ? one : many;
  return dngettext(kDomain, one, many, n);
}

namespace detail {

std::string substitute(std::string_view pattern, const std::vector<std::string>& args) {
  std::string out;
  out.reserve(pattern.size() + 16 * args.size());
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    const bool doubled = i + 1 < pattern.size() && pattern[i + 1] == c;
    if ((c == '{' || c == '}') && doubled) {
      out += c;
      ++i;
      continue;
    }
    const bool placeholder =
        c == '{' && i + 2 < pattern.size() && pattern[i + 1] >= '0' && pattern[i + 1] <= '9' && pattern[i + 2] == '}';
    const size_t index = placeholder ? static_cast<size_t>(pattern[i + 1] - '0') : 0;
    if (placeholder && index < args.size()) {
      out += args[index];
      i += 2;
      continue;
    }
    out += c;
  }
  return out;
}

}  // namespace detail
}  // namespace mamori
