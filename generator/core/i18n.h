// The language of messages: every diagnostic and every line the CLI prints is written in
// English in the source and translated with GNU gettext (po/ja.po, compiled into
// mamori.mo at build time).
//
// The language is chosen once per run, before any message is made: `--lang`, else the
// locale (LC_ALL, LC_MESSAGES, LANG: `ja_*` → Japanese), else mamori.toml's `language`.
// It does not depend on the Japanese locale being installed on the machine.
//
// Messages hold numbered placeholders, `{0}`, `{1}`, so that a translation can put them
// in another order (Japanese usually does): format(tr("{0} is not a phone number"), x).
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace mamori {

enum class Language { en, ja };

// "ja", "ja_JP.UTF-8", "ja-JP" → ja; "en", "en_US", "C", "POSIX", "C.UTF-8" → en;
// anything else → nullopt.
std::optional<Language> parse_language(std::string_view name);

// The language the environment asks for: the first of LC_ALL, LC_MESSAGES, LANG that is
// set and not empty decides (as setlocale does). nullopt when none is set or it names a
// language mamori has no messages for.
std::optional<Language> language_from_environment();

// Sets the language of every later tr() in this process. For Japanese it loads mamori.mo
// from the first of `locale_dirs` that holds ja/LC_MESSAGES/mamori.mo; false when none
// does (messages then stay English). Not thread-safe: call it before starting threads.
bool set_language(Language language, const std::vector<std::filesystem::path>& locale_dirs);

// The folders set_language searches by default: $MAMORI_LOCALEDIR, the share/locale next
// to the running program (an installed mamori), and this build's own locale folder.
std::vector<std::filesystem::path> default_locale_dirs();

Language current_language();

// The translation of `msgid` in the current language (msgid itself in English or when
// there is none). The result lives as long as the process. Thread-safe.
const char* tr(const char* msgid);

// The translation of `one`/`many` for n (English: `one` only when n == 1).
const char* tr_n(const char* one, const char* many, unsigned long n);

// Marks a string for translation without translating it (a table of messages that is
// translated where it is used).
constexpr const char* N_(const char* msgid) {
  return msgid;
}

namespace detail {
std::string substitute(std::string_view pattern, const std::vector<std::string>& args);
inline std::string to_text(std::string_view s) {
  return std::string(s);
}
inline std::string to_text(const std::string& s) {
  return s;
}
inline std::string to_text(const char* s) {
  return s;
}
template <class T>
std::string to_text(const T& n) requires std::is_arithmetic_v<T> {
  return std::to_string(n);
}
}  // namespace detail

// Replaces {0}…{9} in `pattern` with the arguments; `{{` and `}}` are literal braces; a
// placeholder without an argument is left as it is (a translation mistake stays visible).
template <class... Args>
std::string format(std::string_view pattern, const Args&... args) {
  return detail::substitute(pattern, {detail::to_text(args)...});
}

}  // namespace mamori
