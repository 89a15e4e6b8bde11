// `mamori links`: everything the command does, with the network and the clocks passed in so
// tests can run it against a scripted transport at a fixed time: the Timer for the checker's
// delays and the cache's dates, LinksOptions::clock for the build's today.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/date.h"
#include "links/http.h"
#include "links/timer.h"
#include "site/config.h"

namespace mamori {

enum class ReportFormat { text, json, junit, markdown };

struct LinksOptions {
  std::filesystem::path root = ".";
  bool offline = false;
  ReportFormat format = ReportFormat::text;
  int timeout = 0;   // seconds; 0: mamori.toml's [links] timeout
  int retries = -1;  // -1: mamori.toml's
  int per_host = 0;  // 0: mamori.toml's
  int max_connections = 16;
  std::filesystem::path cache;  // "": ROOT/.mamori/link-cache.json
  bool no_cache = false;
  int max_age_days = -1;  // -1: mamori.toml's
  bool fix_redirects = false;
  bool color = false;
  std::function<void(size_t, size_t)> progress;
  const Clock* clock = nullptr;  // today, for the build's date checks ('reviewed'); null: the system clock
};

struct LinksRun {
  int exit_status = 0;             // 0, 1 (broken, timeout, unreachable, or internal errors), 2 (environment)
  std::string report;              // for stdout
  std::vector<std::string> notes;  // for stderr: diagnostics, fixes, cache problems
};

// Makes the transport once mamori.toml's [links] settings are known (its user agent).
using TransportFactory = std::function<std::unique_ptr<HttpTransport>(const LinkSettings&)>;

// Builds the site in memory (every check of `mamori check`, writing nothing), checks the URLs it
// cites (fresh ok results from the cache; the cache updated), applies --fix-redirects, and
// writes the report.
LinksRun run_links(const LinksOptions& options, const TransportFactory& make_transport, const Timer& timer);

}  // namespace mamori
