// A scripted network and a fake clock for the link checker's tests: requests are answered
// from a script after a fixed latency, and time moves only when the checker waits.
#pragma once

#include <algorithm>
#include <chrono>
#include <deque>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>

#include "links/checker.h"
#include "links/http.h"
#include "links/timer.h"

namespace mamori::testing {

using namespace std::chrono_literals;

// Time that moves only when the checker waits. Its calendar time starts at `epoch` seconds
// and moves with it.
class FakeTimer final : public Timer {
 public:
  static constexpr int64_t kEpoch = 4102444800;  // 2100-01-01T00:00:00Z, a Friday

  std::chrono::milliseconds now() const override { return now_; }
  int64_t unix_seconds() const override { return epoch + now_.count() / 1000; }
  void advance(std::chrono::milliseconds by) { now_ += by; }

  int64_t epoch = kEpoch;

 private:
  std::chrono::milliseconds now_{0};
};

inline HttpResult respond(int status, std::vector<std::pair<std::string, std::string>> headers = {},
                          std::string body = {}) {
  HttpResult r;
  HttpResponse response;
  response.status = status;
  response.headers = std::move(headers);
  response.body = std::move(body);
  r.response = std::move(response);
  return r;
}

inline HttpResult fail(FetchFailure failure) {
  HttpResult r;
  r.failure = failure;
  r.detail = "scripted";
  return r;
}

inline const std::vector<std::pair<std::string, std::string>> kHtml = {{"content-type", "text/html; charset=utf-8"}};
inline const std::vector<std::pair<std::string, std::string>> kText = {{"content-type", "text/plain"}};

// Answers from a script: per "METHOD URL", a queue of results (the last one repeats; an
// unscripted request fails as DNS does). Requests finish after `latency`; the timer advances
// as the checker waits.
class FakeTransport final : public HttpTransport {
 public:
  explicit FakeTransport(FakeTimer& timer) : timer_(timer) {}

  // A request as it started: when, which ("HEAD https://…"), and how many requests were in
  // flight at its host then, itself included.
  struct Started {
    std::chrono::milliseconds at;
    std::string key;
    int in_flight_at_host = 0;
    friend bool operator==(const Started&, const Started&) = default;
  };

  void on(const std::string& method, const std::string& url, std::vector<HttpResult> results) {
    script_[method + " " + url] = std::deque<HttpResult>(results.begin(), results.end());
  }

  void start(uint64_t id, const HttpRequest& request) override {
    const std::string key = std::string(request.method == HttpMethod::head ? "HEAD" : "GET") + " " + request.url;
    const std::string host = host_key(request.url);
    const auto same_host =
        std::count_if(pending_.begin(), pending_.end(), [&](const Pending& p) { return p.host == host; });
    log.push_back(key);
    started.push_back(Started{timer_.now(), key, static_cast<int>(same_host) + 1});
    pending_.push_back({id, key, host, timer_.now() + latency});
  }

  std::vector<std::pair<uint64_t, HttpResult>> poll(std::chrono::milliseconds wait) override {
    std::vector<std::pair<uint64_t, HttpResult>> done;
    auto next = timer_.now() + wait;
    for (const auto& p : pending_) next = std::min(next, p.ready);
    timer_.advance(std::max(next - timer_.now(), 0ms));
    for (auto it = pending_.begin(); it != pending_.end();) {
      if (it->ready > timer_.now()) {
        ++it;
        continue;
      }
      auto& queue = script_[it->key];
      HttpResult result = queue.empty() ? fail(FetchFailure::dns) : queue.front();
      if (queue.size() > 1) queue.pop_front();
      done.emplace_back(it->id, std::move(result));
      it = pending_.erase(it);
    }
    return done;
  }

  std::vector<std::string> log;  // every request started, "METHOD URL"
  std::vector<Started> started;
  std::chrono::milliseconds latency{100};

 private:
  struct Pending {
    uint64_t id;
    std::string key;
    std::string host;
    std::chrono::milliseconds ready;
  };
  FakeTimer& timer_;
  std::map<std::string, std::deque<HttpResult>> script_;
  std::vector<Pending> pending_;
};

}  // namespace mamori::testing

namespace doctest {
template <>
struct StringMaker<std::vector<mamori::testing::FakeTransport::Started>> {
  static String convert(const std::vector<mamori::testing::FakeTransport::Started>& started) {
    std::string out = "{";
    for (const auto& s : started) {
      out += "\n  " + std::to_string(s.at.count()) + " ms " + s.key + " (" + std::to_string(s.in_flight_at_host) +
             " in flight)";
    }
    return String((out + "\n}").c_str());
  }
};
}  // namespace doctest
