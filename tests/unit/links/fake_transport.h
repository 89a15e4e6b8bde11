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
// as the checker waits. A GET's body is handed over in pieces of `piece` bytes, as a network
// does, and no further than the request's max_body and its `enough` want; `body_read` records
// how much of each body was handed over.
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
    pending_.push_back({id, key, host, timer_.now() + latency, request});
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
      if (result.response && it->request.method == HttpMethod::get) read_body(it->request, *result.response);
      body_read.push_back(result.response ? result.response->body.size() : 0);
      done.emplace_back(it->id, std::move(result));
      it = pending_.erase(it);
    }
    return done;
  }

  std::vector<std::string> log;  // every request started, "METHOD URL"
  std::vector<Started> started;
  std::vector<size_t> body_read;  // per request answered, in the order answered: body bytes handed over
  std::chrono::milliseconds latency{100};
  size_t piece = 1024;

 private:
  struct Pending {
    uint64_t id;
    std::string key;
    std::string host;
    std::chrono::milliseconds ready;
    HttpRequest request;
  };

  // Hands the scripted body over piece by piece, as CurlTransport does: up to max_body, and
  // no further once the request's `enough` says so.
  void read_body(const HttpRequest& request, HttpResponse& response) const {
    const std::string whole = std::move(response.body);
    response.body.clear();
    for (size_t at = 0; at < whole.size();) {
      const size_t n = std::min(piece, whole.size() - at);
      const size_t room = request.max_body - std::min(request.max_body, response.body.size());
      response.body.append(whole, at, std::min(n, room));
      at += n;
      if (n > room) {
        response.truncated = true;
        return;
      }
      if (request.enough && request.enough(response)) {
        response.stopped_early = true;
        return;
      }
    }
  }
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
