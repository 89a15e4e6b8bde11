#include "serve/debounce.h"

#include <doctest/doctest.h>

using mamori::Debouncer;
using mamori::is_editor_temp_file;
using std::chrono::milliseconds;

TEST_SUITE("serve") {
  TEST_CASE("editors' temp files are left out; the files a build reads are not") {
    for (const char* name : {"content/.basics.md.swp", "content/.basics.md.swx", "content/.basics.md.swo",
                             "content/basics.md~", "content/4913", "content/basics.md.kate-swp", "content/#basics.md#",
                             "content/.#basics.md", "content/.~lock.report.csv#", ".swp", "quizzes/q.toml~"}) {
      CHECK_MESSAGE(is_editor_temp_file(name), name);
    }
    for (const char* name :
         {"content/basics.md", "mamori.toml", "content/49130.md", "content/a#b.md", "themes/default/assets/style.css",
          "content/#", "content/", "content/.~lock.x", "content/swp", "content/4913/index.md"}) {
      CHECK_MESSAGE(!is_editor_temp_file(name), name);
    }
  }

  TEST_CASE("a burst of changes is one build, once it has been quiet for the quiet time") {
    Debouncer debouncer(milliseconds(200), milliseconds(2000));
    const auto t0 = Debouncer::Clock::time_point() + std::chrono::hours(1);
    CHECK_FALSE(debouncer.due(t0));
    CHECK(debouncer.wait_hint(t0) == milliseconds(0));
    for (int i = 0; i < 100; ++i) debouncer.change(t0 + milliseconds(i));
    CHECK(debouncer.pending());
    CHECK_FALSE(debouncer.due(t0 + milliseconds(150)));
    CHECK(debouncer.wait_hint(t0 + milliseconds(150)) == milliseconds(149));
    CHECK_FALSE(debouncer.due(t0 + milliseconds(298)));
    CHECK(debouncer.due(t0 + milliseconds(299)));
    CHECK_FALSE(debouncer.pending());
    CHECK_FALSE(debouncer.due(t0 + milliseconds(1000)));
  }

  TEST_CASE("changes that never stop still build, after the longest wait") {
    Debouncer debouncer(milliseconds(200), milliseconds(1000));
    const auto t0 = Debouncer::Clock::time_point() + std::chrono::hours(1);
    int builds = 0;
    for (int ms = 0; ms <= 3000; ms += 50) {
      debouncer.change(t0 + milliseconds(ms));
      if (debouncer.due(t0 + milliseconds(ms))) ++builds;
    }
    CHECK(builds == 2);  // at 1000 and 2050 (the next would be 3100): one a second, not one per change
  }
}
