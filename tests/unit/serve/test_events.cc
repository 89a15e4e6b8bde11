#include "serve/events.h"

#include <doctest/doctest.h>

#include <thread>

using mamori::EventHub;
using mamori::sse_frame;
using std::chrono::milliseconds;

TEST_SUITE("serve") {
  TEST_CASE("an event is framed as text/event-stream lines; a newline in the data cannot end it") {
    CHECK(sse_frame("reload", "{\"site\":2}") == "event: reload\ndata: {\"site\":2}\n\n");
    CHECK(sse_frame("status", "") == "event: status\ndata: \n\n");
    CHECK(sse_frame("status", "a\n\nevent: reload\ndata: x") ==
          "event: status\ndata: a\ndata: \ndata: event: reload\ndata: data: x\n\n");
    CHECK(sse_frame("status", "a\r\nb\rc\n") == "event: status\ndata: a\ndata: b\ndata: c\ndata: \n\n");
    CHECK(mamori::kSseKeepAlive == ": keep-alive\n\n");
  }

  TEST_CASE("the hub hands each connection the events after the last it sent") {
    EventHub hub;
    const uint64_t start = hub.next();
    CHECK_FALSE(hub.wait(start, milliseconds(1)));
    hub.publish("one");
    hub.publish("two");
    auto first = hub.wait(start, milliseconds(1));
    REQUIRE(first);
    CHECK(first->second == "one");
    auto second = hub.wait(first->first + 1, milliseconds(1));
    REQUIRE(second);
    CHECK(second->second == "two");
    CHECK_FALSE(hub.wait(second->first + 1, milliseconds(1)));
  }

  TEST_CASE("a connection far behind gets the oldest event still kept") {
    EventHub hub;
    for (int i = 0; i < 40; ++i) hub.publish(std::to_string(i));
    const auto event = hub.wait(0, milliseconds(1));
    REQUIRE(event);
    CHECK(event->first == 24);
    CHECK(event->second == "24");
  }

  TEST_CASE("a waiting connection wakes on an event from another thread, and for good on close") {
    EventHub hub;
    std::thread publisher([&] {
      std::this_thread::sleep_for(milliseconds(20));
      hub.publish("later");
    });
    const auto event = hub.wait(hub.next(), milliseconds(5000));
    publisher.join();
    REQUIRE(event);
    CHECK(event->second == "later");
    std::thread closer([&] {
      std::this_thread::sleep_for(milliseconds(20));
      hub.close();
    });
    const auto start = std::chrono::steady_clock::now();
    CHECK_FALSE(hub.wait(hub.next(), milliseconds(5000)));
    closer.join();
    CHECK(std::chrono::steady_clock::now() - start < milliseconds(4000));
    CHECK(hub.closed());
  }
}
