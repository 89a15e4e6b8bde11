// Running independent work items on several threads.
#pragma once

#include <cstddef>
#include <functional>

namespace mamori {

// Calls fn(i, worker) for every i in [0, n) on up to `jobs` threads (jobs <= 1: on this
// thread), handing out indices in order. `worker` (0 ≤ worker < jobs) names the thread
// making the call, so callers can give each thread its own state. Returns when all calls
// have returned.
//
// When a call throws, no further indices are handed out (calls already running finish),
// and the first exception thrown is rethrown here once every thread has stopped: a throw
// never escapes a thread, which would end the program.
void parallel_for(size_t n, int jobs, const std::function<void(size_t index, int worker)>& fn);

// The default for --jobs: the number of cores.
int default_jobs();

}  // namespace mamori
