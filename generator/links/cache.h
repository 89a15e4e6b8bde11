// The link checker's memory between runs (--cache FILE): ok results are reused for a
// while, failures are always checked again, and each URL keeps a short history so a
// report can say "broken since 2026-03-02 (4 runs)". docs/links.md describes the file.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "core/diagnostic.h"
#include "core/result.h"
#include "links/checker.h"

namespace mamori {

struct CacheEntry {
  Verdict verdict = Verdict::ok;
  int status = 0;
  std::string final_url;
  std::string reason;
  std::string checked;           // when it was last fetched: "2026-11-23T10:00:00Z"
  std::string first_failure;     // date of the first failure of the current run of failures ("" when ok)
  int consecutive_failures = 0;  // saturates at INT_MAX
  std::string last_ok;           // date it was last ok or redirected
};

struct LinkCache {
  std::map<std::string, CacheEntry> entries;  // by URL
};

// The text of a cache file → the cache, or why it is not one ("not JSON: parse error at line
// 1, column 9: …", "urls[\"https://a.jp/\"].status: expected an integer from 0 to 999").
// Pure: any bytes give one or the other, and it never throws (short of running out of
// memory) — a fuzzer calls it. Fields left out take their defaults; a field of the wrong
// type, an unknown verdict, or a version other than 1 make the whole file unusable.
Result<LinkCache> parse_link_cache(std::string_view text);

struct LoadedCache {
  LinkCache cache;
  Diagnostics diagnostics;  // a warning about FILE when it could not be used
  bool may_save = true;     // false: the file could be neither used nor kept aside; leave it
};

// A missing cache is an empty one. A file that cannot be parsed (truncated, foreign, wrong
// types) is renamed to FILE.corrupt (or FILE.corrupt.2, …) so its history is not lost, and the
// run starts a fresh cache, with a warning saying what and where. An unreadable file is left
// as it is and not overwritten this run.
LoadedCache load_link_cache(const std::filesystem::path& file);
// Returns an error message when the file cannot be written. Atomic: the old file stays
// whole until the new one replaces it.
Result<void> save_link_cache(const std::filesystem::path& file, const LinkCache& cache);

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
