#include "core/parallel.h"

#include <algorithm>
#include <atomic>
#include <thread>
#include <vector>

namespace mamori {

void parallel_for(size_t n, int jobs, const std::function<void(size_t, int)>& fn) {
  const size_t threads = std::min(n, static_cast<size_t>(std::max(1, jobs)));
  if (threads <= 1) {
    for (size_t i = 0; i < n; ++i) fn(i, 0);
    return;
  }
  std::atomic<size_t> next{0};
  auto worker = [&](int id) {
    for (size_t i = next++; i < n; i = next++) fn(i, id);
  };
  std::vector<std::jthread> pool;
  pool.reserve(threads - 1);
  for (size_t t = 1; t < threads; ++t) pool.emplace_back(worker, static_cast<int>(t));
  worker(0);
}

int default_jobs() {
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

}  // namespace mamori
