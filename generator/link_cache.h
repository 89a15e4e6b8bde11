// The link checker's memory between runs (--cache FILE): ok results are reused for a
// while, failures are always checked again, and each URL keeps a short history so a
// report can say "broken since 2026-03-02 (4 runs)".
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "link_check.h"

namespace mamori {

struct CacheEntry {
  Verdict verdict = Verdict::ok;
  int status = 0;
  std::string final_url;
  std::string reason;
  std::string checked;        // when it was last fetched: "2026-11-23T10:00:00Z"
  std::string first_failure;  // date of the first failure of the current run of failures ("" when ok)
  int consecutive_failures = 0;
  std::string last_ok;  // date it was last ok or redirected
};

struct LinkCache {
  std::map<std::string, CacheEntry> entries;  // by URL
};

// A missing or unreadable cache is an empty one.
LinkCache load_link_cache(const std::filesystem::path& file);
// Returns an error message when the file cannot be written.
std::optional<std::string> save_link_cache(const std::filesystem::path& file, const LinkCache& cache);

// Whether a cached result can stand for a fetch now: only ok and redirected results
// younger than `max_age_seconds` (0: none).
bool is_fresh(const CacheEntry& entry, int64_t now_unix, int64_t max_age_seconds);

// Records a result fetched now (not one taken from the cache) and updates the history.
void remember(LinkCache& cache, const LinkResult& result, int64_t now_unix);

// "broken since 2026-03-02 (4 runs)" for a failing URL with a history, else "".
std::string failure_history(const LinkCache& cache, const std::string& url);

std::string iso_datetime(int64_t unix_seconds);
int64_t parse_iso_datetime(const std::string& text);  // 0 when it cannot

}  // namespace mamori
