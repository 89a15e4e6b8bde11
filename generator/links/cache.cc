#include "links/cache.h"

#include <nlohmann/json.hpp>

#include <climits>
#include <ctime>
#include <iomanip>
#include <sstream>
#include <system_error>

#include "core/date.h"
#include "core/files.h"
#include "core/i18n.h"
#include "core/text.h"
#include "links/fix.h"

namespace mamori {

std::string iso_datetime(int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  std::ostringstream text;
  text << std::put_time(&tm, "%Y-%m-%dT%H:%M:%SZ");
  return text.str();
}

int64_t parse_iso_datetime(const std::string& text) {
  std::tm tm{};
  if (strptime(text.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm) == nullptr) return 0;
  return static_cast<int64_t>(timegm(&tm));
}

namespace {

using Json = nlohmann::json;

std::optional<Verdict> verdict_from(const std::string& name) {
  for (const Verdict v : {Verdict::ok, Verdict::redirected, Verdict::broken, Verdict::timeout, Verdict::unreachable,
                          Verdict::blocked, Verdict::skipped}) {
    if (verdict_name(v) == name) return v;
  }
  return std::nullopt;
}

std::string type_of(const Json& value) {
  return std::string(value.type_name());
}

// Reads the fields of one entry; the first field of the wrong type sets `error`.
struct EntryReader {
  const Json& object;
  std::string where;  // urls["…"]
  std::string error;

  void text(const char* key, std::string& out) {
    const auto it = object.find(key);
    if (it == object.end() || !error.empty()) return;
    if (!it->is_string()) {
      error = format(tr("{0}.{1}: expected a string, found {2}"), where, key, type_of(*it));
      return;
    }
    out = it->get<std::string>();
  }
  // Integers from `low` up; above `high` they saturate at `high`.
  void integer(const char* key, int& out, int64_t low, int64_t high, bool saturate) {
    const auto it = object.find(key);
    if (it == object.end() || !error.empty()) return;
    // A number beyond 64 bits reads as a float: one that large saturates too.
    if (saturate && it->is_number_float() && it->get<double>() >= static_cast<double>(high)) {
      out = static_cast<int>(high);
      return;
    }
    const bool in_range = it->is_number_unsigned() ? (saturate || it->get<uint64_t>() <= static_cast<uint64_t>(high))
                          : it->is_number_integer()
                              ? it->get<int64_t>() >= low && (saturate || it->get<int64_t>() <= high)
                              : false;
    if (!in_range) {
      error = format(tr("{0}.{1}: expected an integer from {2} to {3}, found {4}"), where, key, low, high,
                     it->is_number() ? it->dump() : type_of(*it));
      return;
    }
    out = it->is_number_unsigned() ? static_cast<int>(std::min<uint64_t>(it->get<uint64_t>(), high))
                                   : static_cast<int>(std::min<int64_t>(it->get<int64_t>(), high));
  }
};

Result<CacheEntry> parse_entry(const std::string& url, const Json& value) {
  const std::string where = "urls[\"" + printable_text(url.substr(0, 200)) + "\"]";
  if (!value.is_object()) return Error{format(tr("{0}: expected an object, found {1}"), where, type_of(value))};
  CacheEntry entry;
  EntryReader read{value, where, {}};
  std::string verdict = "broken";
  read.text("verdict", verdict);
  read.integer("status", entry.status, 0, 999, false);
  read.text("final_url", entry.final_url);
  read.text("reason", entry.reason);
  read.text("checked", entry.checked);
  read.text("first_failure", entry.first_failure);
  read.integer("consecutive_failures", entry.consecutive_failures, 0, INT_MAX, true);
  read.text("last_ok", entry.last_ok);
  if (!read.error.empty()) return Error{read.error};
  // A failure history that does not hold together is dropped, not shown: a count of failures
  // needs the date they started, and the dates must be dates.
  if (!parse_iso_date(entry.first_failure)) entry.first_failure.clear();
  if (!parse_iso_date(entry.last_ok)) entry.last_ok.clear();
  const auto v = verdict_from(verdict);
  if (!v) return Error{format(tr("{0}.verdict: unknown verdict '{1}'"), where, printable_text(verdict.substr(0, 40)))};
  entry.verdict = *v;
  if (entry.first_failure.empty() || entry.verdict == Verdict::ok || entry.verdict == Verdict::redirected) {
    entry.consecutive_failures = 0;  // a URL that answered has no run of failures
  }
  if (entry.consecutive_failures == 0) entry.first_failure.clear();
  return entry;
}

Result<Json> parse_json(std::string_view text) {
  try {
    return Json::parse(text);
  } catch (const Json::exception& e) {
    std::string what = e.what();  // "[json.exception.parse_error.101] parse error at …"
    if (const size_t bracket = what.find("] "); what.starts_with("[json.exception.") && bracket != std::string::npos) {
      what.erase(0, bracket + 2);
    }
    return Error{format(tr("not JSON: {0}"), printable_text(what))};
  }
}

}  // namespace

Result<LinkCache> parse_link_cache(std::string_view text) {
  auto parsed = parse_json(text);
  if (!parsed) return parsed.error();
  const Json& json = *parsed;
  if (!json.is_object()) {
    return Error{format(tr("not a link cache: the top level is {0}, not an object"), type_of(json))};
  }
  const auto version = json.find("version");
  if (version == json.end()) return Error{tr("not a link cache: it has no \"version\"")};
  if (!version->is_number_integer()) {
    return Error{format(tr("not a link cache: \"version\" is {0}, not 1"), type_of(*version))};
  }
  if (*version != 1)
    return Error{format(tr("a link cache of version {0}; this mamori reads version 1"), version->dump())};
  const auto urls = json.find("urls");
  if (urls == json.end() || !urls->is_object()) {
    return Error{tr("not a link cache: \"urls\" is missing or not an object")};
  }
  LinkCache cache;
  for (const auto& [url, value] : urls->items()) {
    auto entry = parse_entry(url, value);
    if (!entry) return entry.error();
    cache.entries.emplace(url, std::move(*entry));
  }
  return cache;
}

namespace {

// Renames a cache that cannot be used to FILE.corrupt (FILE.corrupt.2, … when taken).
std::optional<std::filesystem::path> keep_aside(const std::filesystem::path& file) {
  for (int n = 1; n <= 20; ++n) {
    const std::filesystem::path aside = file.string() + ".corrupt" + (n == 1 ? "" : "." + std::to_string(n));
    std::error_code ec;
    if (std::filesystem::exists(std::filesystem::symlink_status(aside, ec))) continue;
    std::filesystem::rename(file, aside, ec);
    if (!ec) return aside;
    return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

LoadedCache load_link_cache(const std::filesystem::path& file) {
  LoadedCache loaded;
  std::error_code ec;
  if (std::filesystem::symlink_status(file, ec).type() == std::filesystem::file_type::not_found) return loaded;
  auto read = read_file(file, size_t{64} << 20);
  if (!read) {
    loaded.diagnostics.warning(
        file.string(), 0, 0,
        format(tr("{0}; the link cache is left as it is and not updated this run"), read.error().message));
    loaded.may_save = false;
    return loaded;
  }
  auto parsed = parse_link_cache(*read);
  if (parsed) {
    loaded.cache = std::move(*parsed);
    return loaded;
  }
  const std::string why = parsed.error().message;
  if (const auto aside = keep_aside(file)) {
    loaded.diagnostics.warning(file.string(), 0, 0,
                               format(tr("{0}; kept it as {1}; starting a fresh cache"), why, aside->string()));
  } else {
    loaded.diagnostics.warning(
        file.string(), 0, 0,
        format(tr("{0}; it could not be kept aside, so it is left as it is and not updated this run"), why));
    loaded.may_save = false;
  }
  return loaded;
}

Result<void> save_link_cache(const std::filesystem::path& file, const LinkCache& cache) {
  nlohmann::json urls = nlohmann::json::object();
  for (const auto& [url, e] : cache.entries) {
    urls[url] = {{"verdict", verdict_name(e.verdict)},
                 {"status", e.status},
                 {"final_url", e.final_url},
                 {"reason", e.reason},
                 {"checked", e.checked},
                 {"first_failure", e.first_failure},
                 {"consecutive_failures", e.consecutive_failures},
                 {"last_ok", e.last_ok}};
  }
  const nlohmann::json json = {{"version", 1}, {"urls", urls}};
  // Strings are valid UTF-8 where they enter; `replace` keeps dump() from throwing if one is not.
  return write_file_atomically(file, json.dump(1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n");
}

bool is_fresh(const CacheEntry& entry, int64_t now_unix, int64_t max_age_seconds) {
  if (entry.verdict != Verdict::ok && entry.verdict != Verdict::redirected) return false;
  const int64_t checked = parse_iso_datetime(entry.checked);
  return checked > 0 && now_unix >= checked && now_unix - checked < max_age_seconds;
}

void remember(LinkCache& cache, const LinkResult& result, int64_t now_unix) {
  if (result.cached || result.verdict == Verdict::skipped) return;
  CacheEntry& entry = cache.entries[result.url];
  const std::string now = iso_datetime(now_unix);
  entry.verdict = result.verdict;
  entry.status = result.status;
  entry.final_url = result.final_url;
  entry.reason = result.reason;
  entry.checked = now;
  if (result.verdict == Verdict::ok || result.verdict == Verdict::redirected) {
    entry.last_ok = now.substr(0, 10);
    entry.first_failure.clear();
    entry.consecutive_failures = 0;
  } else if (is_failure(result.verdict)) {
    if (entry.consecutive_failures == 0) entry.first_failure = now.substr(0, 10);
    if (entry.consecutive_failures < INT_MAX) ++entry.consecutive_failures;
  }
}

std::string failure_history(const LinkCache& cache, const std::string& url) {
  const auto it = cache.entries.find(url);
  if (it == cache.entries.end() || it->second.consecutive_failures == 0) return {};
  const CacheEntry& e = it->second;
  const auto runs = static_cast<unsigned long>(e.consecutive_failures);
  std::string text = format(tr_n("{0} since {1} ({2} run)", "{0} since {1} ({2} runs)", runs), verdict_name(e.verdict),
                            e.first_failure, e.consecutive_failures);
  if (!e.last_ok.empty()) text = format(tr("{0}; last ok {1}"), text, e.last_ok);
  return text;
}

}  // namespace mamori
