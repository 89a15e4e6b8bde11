#include "serve/preview_state.h"

#include <doctest/doctest.h>

#include <clocale>
#include <cstdlib>
#include <string>

#include "core/i18n.h"

TEST_SUITE("serve") {
  TEST_CASE("the status: builds counted, the errors of the last build as path:line:col lines, labels") {
    mamori::PreviewState state;
    mamori::Diagnostics good;
    good.warning("content/a.md", 5, 12, "old page");
    state.record(true, good, true);
    CHECK(state.site() == 1);
    CHECK(state.status_json() ==
          R"({"build":1,"labels":{"close":"Close","hint":"This page shows the last good build. Fix the problems )"
          R"(below and save the file; the page then reloads by itself.","title":"The preview could not be )"
          R"(rebuilt"},"language":"en","ok":true,"problems":[],"site":1})");
    mamori::Diagnostics bad;
    bad.error("content/<b>.md", 1, 1, "front matter is not closed");
    bad.warning("content/a.md", 5, 12, "old page");
    state.record(false, bad, false);
    CHECK(state.builds() == 2);
    CHECK(state.site() == 1);
    const std::string json = state.status_json();
    CHECK(json.find(R"("ok":false,"problems":[{"column":1,"line":1,"message":"front matter is not closed",)"
                    R"("path":"content/<b>.md","text":"content/<b>.md:1:1: error: front matter is not closed"}],)"
                    R"("site":1})") != std::string::npos);
  }

  TEST_CASE("the labels are in the chosen language") {
    // set_language(en) leaves LANGUAGE and LC_MESSAGES as Japanese set them, which turns the
    // C library's own messages (strerror) Japanese for the tests that run after this one.
    const char* old_language = std::getenv("LANGUAGE");
    const std::string saved_language = old_language ? old_language : "";
    const std::string saved_locale = std::setlocale(LC_MESSAGES, nullptr);
    REQUIRE(mamori::set_language(mamori::Language::ja, mamori::default_locale_dirs()));
    mamori::PreviewState state;
    state.record_failure("no mamori.toml");
    const std::string json = state.status_json();
    mamori::set_language(mamori::Language::en, {});
    if (old_language) {
      setenv("LANGUAGE", saved_language.c_str(), 1);
    } else {
      unsetenv("LANGUAGE");
    }
    std::setlocale(LC_MESSAGES, saved_locale.c_str());
    CHECK(json.find(R"("title":"プレビューを更新できませんでした")") != std::string::npos);
    CHECK(json.find(R"("close":"閉じる")") != std::string::npos);
    CHECK(json.find(R"("language":"ja")") != std::string::npos);
    CHECK(json.find(R"("text":"error: no mamori.toml")") != std::string::npos);
  }
}
