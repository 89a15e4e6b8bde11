#include "link_cache.h"

#include <unistd.h>
#include <nlohmann/json.hpp>

#include <ctime>
#include <iomanip>
#include <sstream>
#include <system_error>

#include "files.h"

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

Verdict verdict_from(const std::string& name) {
  for (const Verdict v : {Verdict::ok, Verdict::redirected, Verdict::broken, Verdict::timeout, Verdict::unreachable,
                          Verdict::blocked, Verdict::skipped}) {
    if (verdict_name(v) == name) return v;
  }
  return Verdict::broken;
}

}  // namespace

LinkCache load_link_cache(const std::filesystem::path& file) {
  LinkCache cache;
  auto read = read_file(file, size_t{64} << 20);
  auto* text = std::get_if<std::string>(&read);
  if (text == nullptr) return cache;
  const auto json = nlohmann::json::parse(*text, nullptr, false);
  if (json.is_discarded() || !json.is_object() || json.value("version", 0) != 1 || !json.contains("urls")) {
    return cache;
  }
  for (const auto& [url, value] : json["urls"].items()) {
    if (!value.is_object()) continue;
    CacheEntry entry;
    entry.verdict = verdict_from(value.value("verdict", "broken"));
    entry.status = value.value("status", 0);
    entry.final_url = value.value("final_url", "");
    entry.reason = value.value("reason", "");
    entry.checked = value.value("checked", "");
    entry.first_failure = value.value("first_failure", "");
    entry.consecutive_failures = value.value("consecutive_failures", 0);
    entry.last_ok = value.value("last_ok", "");
    cache.entries.emplace(url, std::move(entry));
  }
  return cache;
}

std::optional<std::string> save_link_cache(const std::filesystem::path& file, const LinkCache& cache) {
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
  const std::filesystem::path temporary = file.string() + ".tmp-" + std::to_string(getpid());
  if (auto error = write_file(temporary, json.dump(1) + "\n")) return error->message;
  std::error_code ec;
  std::filesystem::rename(temporary, file, ec);
  if (ec) {
    std::filesystem::remove(temporary, ec);
    return "cannot write " + file.string() + ": " + ec.message();
  }
  return std::nullopt;
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
    ++entry.consecutive_failures;
  }
}

std::string failure_history(const LinkCache& cache, const std::string& url) {
  const auto it = cache.entries.find(url);
  if (it == cache.entries.end() || it->second.consecutive_failures == 0) return {};
  const CacheEntry& e = it->second;
  std::string text = std::string(verdict_name(e.verdict)) + " since " + e.first_failure + " (" +
                     std::to_string(e.consecutive_failures) + (e.consecutive_failures == 1 ? " run" : " runs") + ")";
  if (!e.last_ok.empty()) text += "; last ok " + e.last_ok;
  return text;
}

}  // namespace mamori
