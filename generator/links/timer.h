// The time the link checker reads, behind an interface so tests can run it on a fake clock
// that moves only when the checker waits.
#pragma once

#include <chrono>
#include <cstdint>

namespace mamori {

class Timer {
 public:
  virtual ~Timer() = default;
  // Monotonic time, for backoff, Retry-After and the politeness delays between requests.
  virtual std::chrono::milliseconds now() const = 0;
  // Calendar time in seconds since 1970 (UTC), for Retry-After dates and the link cache's
  // dates. A fake keeps it moving with now().
  virtual int64_t unix_seconds() const = 0;
};

// The machine's clocks: std::chrono::steady_clock and the system clock.
class SteadyTimer final : public Timer {
 public:
  std::chrono::milliseconds now() const override;
  int64_t unix_seconds() const override;
};

}  // namespace mamori
