#include <doctest/doctest.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

#include "core/i18n.h"
#include "i18n_guard.h"

using namespace mamori;

TEST_SUITE("i18n") {
  TEST_CASE("locale names choose a language; unknown ones choose none") {
    CHECK(parse_language("ja") == Language::ja);
    CHECK(parse_language("ja_JP.UTF-8") == Language::ja);
    CHECK(parse_language("ja-JP") == Language::ja);
    CHECK(parse_language("ja_JP.eucJP@x") == Language::ja);
    CHECK(parse_language("en_GB.UTF-8") == Language::en);
    CHECK(parse_language("C") == Language::en);
    CHECK(parse_language("C.UTF-8") == Language::en);
    CHECK(parse_language("POSIX") == Language::en);
    CHECK_FALSE(parse_language("fr_FR.UTF-8").has_value());
    CHECK_FALSE(parse_language("japanese").has_value());
    CHECK_FALSE(parse_language("").has_value());
  }

  TEST_CASE("the first locale variable that is set decides, as setlocale does") {
    const EnvironmentGuard all("LC_ALL"), messages("LC_MESSAGES"), lang("LANG");
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    unsetenv("LANG");
    CHECK_FALSE(language_from_environment().has_value());
    setenv("LANG", "ja_JP.UTF-8", 1);
    CHECK(language_from_environment() == Language::ja);
    setenv("LC_MESSAGES", "", 1);  // empty counts as not set
    CHECK(language_from_environment() == Language::ja);
    setenv("LC_ALL", "C.UTF-8", 1);
    CHECK(language_from_environment() == Language::en);
  }

  TEST_CASE("placeholders are numbered so a translation can reorder them") {
    CHECK(format("{0} of {1}", "a", 2) == "a of 2");
    CHECK(format("{1}の{0}", "a", 2) == "2のa");
    CHECK(format("{0}{0}", "x") == "xx");
    CHECK(format("{{{0}}}", "key") == "{key}");
    CHECK(format("missing {3}", "x") == "missing {3}");  // a translator's mistake stays visible
    CHECK(format("{", "x") == "{");
    CHECK(format("{0", "x") == "{0");
    CHECK(format("{0} {1}", std::string("s"), std::string_view("v")) == "s v");
    CHECK(format("{0}", size_t{7}) == "7");
  }

  TEST_CASE("Japanese comes from the compiled catalogue; English is the source text") {
    CHECK(std::string(tr("{0}, {1}")) == "{0}, {1}");
    CHECK(std::string(tr_n("{0} error", "{0} errors", 2)) == "{0} errors");
    {
      const JapaneseMessages japanese;
      CHECK(current_language() == Language::ja);
      CHECK(std::string(tr("{0}, {1}")) == "{0}、{1}");
      CHECK(format(tr_n("{0} error", "{0} errors", 2), 2) == "エラー 2 件");
      CHECK(format(tr_n("{0} error", "{0} errors", 1), 1) == "エラー 1 件");
      CHECK(std::string(tr("a text with no translation")) == "a text with no translation");
    }
    CHECK(current_language() == Language::en);
    CHECK(std::string(tr("{0}, {1}")) == "{0}, {1}");
  }

  TEST_CASE("English again puts back the C library's language and character set") {
    const EnvironmentGuard language("LANGUAGE");
    unsetenv("LANGUAGE");
    const std::string english = std::strerror(ENOENT);
    {
      const JapaneseMessages japanese;
      CHECK(std::string(std::getenv("LANGUAGE")) == "ja");
      CHECK(std::string(std::strerror(ENOENT)).find('?') == std::string::npos);  // UTF-8, not "???"
    }
    CHECK(std::getenv("LANGUAGE") == nullptr);
    CHECK(std::string(std::strerror(ENOENT)) == english);
  }

  TEST_CASE("without a catalogue the messages stay English") {
    CHECK_FALSE(set_language(Language::ja, {"/nonexistent/locale"}));
    CHECK(current_language() == Language::en);
    CHECK(std::string(tr("{0}, {1}")) == "{0}, {1}");
  }
}
