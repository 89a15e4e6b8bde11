#include <doctest/doctest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <stdexcept>
#include <vector>

#include "core/parallel.h"

using namespace mamori;

TEST_SUITE("parallel") {
  TEST_CASE("every index is handed out exactly once, to a worker below jobs") {
    for (const int jobs : {0, 1, 2, 4, 64}) {
      CAPTURE(jobs);
      std::vector<std::atomic<int>> calls(1000);
      std::atomic<int> bad_worker{0};
      parallel_for(calls.size(), jobs, [&](size_t i, int worker) {
        ++calls[i];
        if (worker < 0 || worker >= std::max(1, jobs)) ++bad_worker;
      });
      for (const auto& c : calls) CHECK(c == 1);
      CHECK(bad_worker == 0);
    }
  }

  TEST_CASE("nothing to do calls nothing") {
    int calls = 0;
    parallel_for(0, 4, [&](size_t, int) { ++calls; });
    CHECK(calls == 0);
  }

  TEST_CASE("a throwing call does not end the program: the exception reaches the caller") {
    // Without the capture, a throw escaping a std::jthread calls std::terminate.
    for (const int jobs : {1, 2, 8}) {
      CAPTURE(jobs);
      std::atomic<int> calls{0};
      CHECK_THROWS_WITH_AS(parallel_for(100, jobs,
                                        [&](size_t i, int) {
                                          ++calls;
                                          if (i == 10) throw std::runtime_error("item 10 failed");
                                        }),
                           "item 10 failed", std::runtime_error);
      CHECK(calls >= 1);
      CHECK(calls <= 100);
    }
  }

  TEST_CASE("when several calls throw, the first exception is rethrown and the others dropped") {
    std::mutex mutex;
    std::set<std::string> thrown;
    try {
      parallel_for(64, 4, [&](size_t i, int) {
        const std::string message = "item " + std::to_string(i);
        {
          const std::lock_guard lock(mutex);
          thrown.insert(message);
        }
        throw std::runtime_error(message);
      });
      FAIL("parallel_for did not rethrow");
    } catch (const std::runtime_error& e) {
      CHECK(thrown.contains(e.what()));
    }
    CHECK(thrown.size() <= 4);  // once a call failed, no worker takes another index
  }

  TEST_CASE("exceptions of any type are carried") {
    CHECK_THROWS_AS(parallel_for(8, 2, [](size_t, int) { throw 42; }), int);
  }
}
