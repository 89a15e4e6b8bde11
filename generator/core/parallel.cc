#include "core/parallel.h"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace mamori {
namespace {

// The first exception any worker threw; once set, workers take no more indices.
class FirstFailure {
 public:
  void record(std::exception_ptr error) {
    const std::lock_guard lock(mutex_);
    if (!first_) first_ = std::move(error);
    failed_ = true;
  }
  bool failed() const { return failed_; }
  void rethrow() const {
    if (first_) std::rethrow_exception(first_);
  }

 private:
  std::mutex mutex_;
  std::exception_ptr first_;  // guarded by mutex_; read after every thread has joined
  std::atomic<bool> failed_{false};
};

}  // namespace

void parallel_for(size_t n, int jobs, const std::function<void(size_t, int)>& fn) {
  const size_t threads = std::min(n, static_cast<size_t>(std::max(1, jobs)));
  if (threads <= 1) {
    for (size_t i = 0; i < n; ++i) fn(i, 0);
    return;
  }
  std::atomic<size_t> next{0};
  FirstFailure failure;
  auto worker = [&](int id) {
    try {
      for (size_t i = next++; i < n && !failure.failed(); i = next++) fn(i, id);
    } catch (...) {
      failure.record(std::current_exception());
    }
  };
  {
    std::vector<std::jthread> pool;
    pool.reserve(threads - 1);
    for (size_t t = 1; t < threads; ++t) pool.emplace_back(worker, static_cast<int>(t));
    worker(0);
  }  // joins every thread
  failure.rethrow();
}

int default_jobs() {
  return static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
}

}  // namespace mamori
