#include <doctest/doctest.h>

#include "fake_transport.h"
#include "links/checker.h"
#include "links/html_probe.h"
#include "links/http.h"
#include "links/page_need.h"

using namespace mamori;
using namespace std::chrono_literals;

namespace {

using testing::fail;
using testing::FakeTimer;
using testing::FakeTransport;
using testing::kHtml;
using testing::kText;
using testing::respond;

struct Fixture {
  FakeTimer timer;
  FakeTransport transport{timer};
  CheckOptions options;

  Fixture() { options.backoff = 1000ms; }

  LinkResult check_one(const std::string& url) { return check({url})[0]; }
  std::vector<LinkResult> check(const std::vector<std::string>& urls) {
    std::vector<LinkTarget> targets;
    for (const auto& url : urls) targets.push_back(LinkTarget{url, {LinkSource{"content/a.md", 3}}});
    LinkChecker checker(transport, timer, options);
    auto results = checker.check(targets);
    peak = checker.peak_per_host();
    return results;
  }
  int peak = 0;
};

}  // namespace

TEST_SUITE("link check") {
  TEST_CASE("a page that answers HEAD with a non-HTML 200 is ok, with one request") {
    Fixture f;
    f.transport.on("HEAD", "https://a.go.jp/doc.pdf", {respond(200, {{"content-type", "application/pdf"}})});
    const LinkResult r = f.check_one("https://a.go.jp/doc.pdf");
    CHECK(r.verdict == Verdict::ok);
    CHECK(r.status == 200);
    CHECK(f.transport.log == std::vector<std::string>{"HEAD https://a.go.jp/doc.pdf"});
  }

  TEST_CASE("an HTML page takes one GET, read only up to its title") {
    Fixture f;
    const std::string page = "<!DOCTYPE html><html><head><title>経済産業省</title></head><body>" +
                             std::string(100 << 10, 'x') + "</body></html>";
    f.transport.on("GET", "https://a.go.jp/", {respond(200, kHtml, page)});
    const LinkResult r = f.check_one("https://a.go.jp/");
    CHECK(r.verdict == Verdict::ok);
    CHECK(f.transport.log == std::vector<std::string>{"GET https://a.go.jp/"});
    CHECK(f.transport.body_read == std::vector<size_t>{1024});  // the first piece holds the title
  }

  TEST_CASE("a title split between pieces, or after a long head, is still waited for") {
    Fixture f;
    f.transport.piece = 100;
    const std::string head = "<html><head>" + std::string(250, ' ') + "<title>お探しのページは見つかりませんでした";
    const std::string page = head + "</title></head><body>" + std::string(5000, 'x');
    f.transport.on("GET", "https://a.go.jp/moved", {respond(200, kHtml, page)});
    const LinkResult r = f.check_one("https://a.go.jp/moved");
    CHECK(r.verdict == Verdict::broken);
    CHECK(r.reason == "soft 404: the page says \"お探しのページは見つかりませんでした\"");
    REQUIRE(f.transport.body_read.size() == 1);
    CHECK(f.transport.body_read[0] == (head.size() + 8 + 99) / 100 * 100);  // up to the piece with "</title>"
  }

  TEST_CASE("an error, a redirect or a page that is not HTML is not read beyond the first piece") {
    Fixture f;
    const std::string big(50 << 10, 'x');
    f.transport.on("GET", "https://a.go.jp/missing", {respond(404, kHtml, "<title>404</title>" + big)});
    f.transport.on("GET", "https://a.go.jp/moved", {respond(302, {{"location", "/text"}}, big)});
    f.transport.on("GET", "https://a.go.jp/text", {respond(200, kText, big)});
    const auto results = f.check({"https://a.go.jp/missing", "https://a.go.jp/moved"});
    CHECK(results[0].verdict == Verdict::broken);
    CHECK(results[1].verdict == Verdict::ok);
    CHECK(f.transport.log == std::vector<std::string>{"GET https://a.go.jp/missing", "GET https://a.go.jp/moved",
                                                      "GET https://a.go.jp/text"});
    CHECK(f.transport.body_read == std::vector<size_t>{1024, 1024, 1024});
  }

  TEST_CASE("a large download is asked with HEAD, and with GET when its HEAD fails in any way") {
    Fixture f;
    const std::vector<std::pair<std::string, std::string>> pdf = {{"content-type", "application/pdf"}};
    f.transport.on("HEAD", "https://a.go.jp/plan.PDF", {respond(200, pdf)});
    f.transport.on("HEAD", "https://a.go.jp/refused.pdf", {respond(405)});
    f.transport.on("GET", "https://a.go.jp/refused.pdf", {respond(200, pdf, std::string(1 << 20, '%'))});
    f.transport.on("HEAD", "https://b.go.jp/data.xlsx?v=2", {respond(501)});
    f.transport.on("GET", "https://b.go.jp/data.xlsx?v=2", {respond(200, {{"content-type", "application/x"}}, "PK")});
    f.transport.on("HEAD", "https://c.go.jp/reset.zip", {fail(FetchFailure::reset)});
    f.transport.on("GET", "https://c.go.jp/reset.zip", {respond(200, {}, "PK")});
    f.transport.on("HEAD", "https://d.go.jp/gone.docx", {respond(200, kHtml)});  // a page where a file was
    f.transport.on("GET", "https://d.go.jp/gone.docx", {respond(200, kHtml, "<title>ページが見つかりません</title>")});
    const auto results =
        f.check({"https://a.go.jp/plan.PDF", "https://a.go.jp/refused.pdf", "https://b.go.jp/data.xlsx?v=2",
                 "https://c.go.jp/reset.zip", "https://d.go.jp/gone.docx"});
    CHECK(results[0].verdict == Verdict::ok);
    CHECK(results[1].verdict == Verdict::ok);
    CHECK(results[2].verdict == Verdict::ok);
    CHECK(results[3].verdict == Verdict::ok);
    CHECK(results[4].verdict == Verdict::broken);
    std::vector<std::string> log = f.transport.log;
    std::sort(log.begin(), log.end());
    CHECK(log == std::vector<std::string>{"GET https://a.go.jp/refused.pdf", "GET https://b.go.jp/data.xlsx?v=2",
                                          "GET https://c.go.jp/reset.zip", "GET https://d.go.jp/gone.docx",
                                          "HEAD https://a.go.jp/plan.PDF", "HEAD https://a.go.jp/refused.pdf",
                                          "HEAD https://b.go.jp/data.xlsx?v=2", "HEAD https://c.go.jp/reset.zip",
                                          "HEAD https://d.go.jp/gone.docx"});
    // The fallback GET of a PDF stops after the first piece: only the status mattered.
    CHECK(std::count(f.transport.body_read.begin(), f.transport.body_read.end(), 1024) == 1);
  }

  TEST_CASE("each hop of a redirect is asked the way its own URL calls for") {
    Fixture f;
    f.transport.on("GET", "https://a.go.jp/plan", {respond(301, {{"location", "/files/plan.pdf"}})});
    f.transport.on("HEAD", "https://a.go.jp/files/plan.pdf", {respond(302, {{"location", "/files/plan/"}})});
    f.transport.on("GET", "https://a.go.jp/files/plan/", {respond(200, kHtml, "<title>計画</title>")});
    CHECK(f.check_one("https://a.go.jp/plan").verdict == Verdict::redirected);
    CHECK(f.transport.log == std::vector<std::string>{"GET https://a.go.jp/plan", "HEAD https://a.go.jp/files/plan.pdf",
                                                      "GET https://a.go.jp/files/plan/"});
  }

  TEST_CASE("which URLs are large downloads") {
    CHECK(is_large_download("https://a.go.jp/plan.pdf"));
    CHECK(is_large_download("https://a.go.jp/plan.PDF?download=1#page=2"));
    CHECK(is_large_download("https://a.go.jp/%E8%A8%88%E7%94%BB.pptx"));
    CHECK(is_large_download("https://a.go.jp/a.lzh"));
    CHECK_FALSE(is_large_download("https://a.go.jp/plan.pdf/"));
    CHECK_FALSE(is_large_download("https://a.go.jp/files.zip/index.html"));
    CHECK_FALSE(is_large_download("https://a.go.jp/page.html"));
    CHECK_FALSE(is_large_download("https://a.go.jp/"));
    CHECK_FALSE(is_large_download("https://a.go.jp/?file=a.pdf"));
    CHECK(first_method("https://a.go.jp/a.mp4") == HttpMethod::head);
    CHECK(first_method("https://a.go.jp/a") == HttpMethod::get);
  }

  TEST_CASE("permanent redirects, also along a chain, are 'redirected' with the final URL; temporary ones are fine") {
    Fixture f;
    f.transport.on("GET", "https://a.go.jp/old", {respond(302, {{"location", "/mid"}})});
    f.transport.on("GET", "https://a.go.jp/mid", {respond(301, {{"location", "https://b.go.jp/new/"}})});
    f.transport.on("GET", "https://b.go.jp/new/", {respond(200, {{"content-type", "application/pdf"}})});
    f.transport.on("GET", "https://a.go.jp/temp", {respond(307, {{"location", "page.html"}})});
    f.transport.on("GET", "https://a.go.jp/page.html", {respond(200, {{"content-type", "text/plain"}})});
    const auto results = f.check({"https://a.go.jp/old", "https://a.go.jp/temp"});
    CHECK(results[0].verdict == Verdict::redirected);
    CHECK(results[0].final_url == "https://b.go.jp/new/");
    CHECK(results[0].reason == "moved permanently: cite https://b.go.jp/new/ instead");
    CHECK(results[1].verdict == Verdict::ok);
  }

  TEST_CASE("redirect loops and too many hops are unreachable") {
    Fixture f;
    f.transport.on("GET", "https://a.go.jp/x", {respond(302, {{"location", "/y"}})});
    f.transport.on("GET", "https://a.go.jp/y", {respond(302, {{"location", "/x"}})});
    const LinkResult loop = f.check_one("https://a.go.jp/x");
    CHECK(loop.verdict == Verdict::unreachable);
    CHECK(loop.reason == "redirect loop at https://a.go.jp/x");
    Fixture g;
    g.options.max_redirects = 3;
    for (int i = 0; i < 6; ++i) {
      g.transport.on("GET", "https://a.go.jp/" + std::to_string(i),
                     {respond(302, {{"location", "/" + std::to_string(i + 1)}})});
    }
    CHECK(g.check_one("https://a.go.jp/0").reason == "more than 3 redirects");
  }

  TEST_CASE("a redirect to a malformed web URL is broken and not followed") {
    Fixture f;
    f.transport.on("GET", "https://a.go.jp/x", {respond(302, {{"location", "https://[::1/y"}})});
    const LinkResult result = f.check_one("https://a.go.jp/x");
    CHECK(result.verdict == Verdict::broken);
    CHECK(result.reason == "redirected to 'https://[::1/y', which is not a web page");
    CHECK(f.transport.log.size() == 1);
  }

  TEST_CASE("soft 404s: sent to the top page, or a 200 page that says it was not found") {
    Fixture f;
    f.transport.on("GET", "https://a.go.jp/gone.html", {respond(301, {{"location", "https://a.go.jp/"}})});
    f.transport.on("GET", "https://a.go.jp/", {respond(200, kHtml, "<title>トップ</title>")});
    f.transport.on(
        "GET", "https://a.go.jp/moved",
        {respond(200, kHtml, "<html><head><title>お探しのページは見つかりませんでした | 経済産業省</title>")});
    const auto results = f.check({"https://a.go.jp/gone.html", "https://a.go.jp/moved", "https://a.go.jp/"});
    CHECK(results[0].verdict == Verdict::broken);
    CHECK(results[0].reason == "soft 404: redirected to the site's top page https://a.go.jp/");
    CHECK(results[1].verdict == Verdict::broken);
    CHECK(results[1].reason == "soft 404: the page says \"お探しのページは見つかりませんでした | 経済産業省\"");
    CHECK(results[2].verdict == Verdict::ok);
  }

  TEST_CASE("cited fragments must exist; each page is fetched once however often it is cited") {
    Fixture f;
    f.transport.on("GET", "https://a.go.jp/p",
                   {respond(200, kHtml, "<h2 id=\"初動対応\">x</h2><a name=\"old\"></a><p id=section-2>")});
    const auto results = f.check({"https://a.go.jp/p#%E5%88%9D%E5%8B%95%E5%AF%BE%E5%BF%9C", "https://a.go.jp/p#old",
                                  "https://a.go.jp/p#section-2", "https://a.go.jp/p#missing", "https://a.go.jp/p"});
    CHECK(results[0].verdict == Verdict::ok);
    CHECK(results[1].verdict == Verdict::ok);
    CHECK(results[2].verdict == Verdict::ok);
    CHECK(results[3].verdict == Verdict::broken);
    CHECK(results[3].reason == "the page has no #missing");
    CHECK(results[4].verdict == Verdict::ok);
    CHECK(f.transport.log == std::vector<std::string>{"GET https://a.go.jp/p"});
  }

  TEST_CASE("5xx and resets are retried with backoff; they end broken or unreachable") {
    Fixture f;
    f.transport.on("GET", "https://a.go.jp/flaky", {respond(503), respond(200, {{"content-type", "text/plain"}})});
    f.transport.on("GET", "https://a.go.jp/down", {respond(500)});
    const auto results = f.check({"https://a.go.jp/flaky", "https://a.go.jp/down"});
    CHECK(results[0].verdict == Verdict::ok);
    CHECK(results[1].verdict == Verdict::broken);
    CHECK(results[1].reason == "HTTP 500 after 3 tries");
    CHECK(f.timer.now() >= 3000ms);  // 1 s and 2 s of backoff at least
  }

  TEST_CASE("429 honours Retry-After and slows the whole host") {
    Fixture f;
    f.options.per_host = 4;
    f.transport.on("GET", "https://a.go.jp/1", {respond(429, {{"retry-after", "5"}}), respond(200, kText)});
    for (int i = 2; i <= 6; ++i) f.transport.on("GET", "https://a.go.jp/" + std::to_string(i), {respond(200, kText)});
    const auto results = f.check({"https://a.go.jp/1", "https://a.go.jp/2", "https://a.go.jp/3", "https://a.go.jp/4",
                                  "https://a.go.jp/5", "https://a.go.jp/6"});
    for (const auto& r : results) CHECK(r.verdict == Verdict::ok);
    CHECK(f.timer.now() >= 5000ms);
    // Four at once until the 429 comes back at 100 ms; from then on one at a time, and none
    // before the 5 s the site asked for, not even the pages that were never refused.
    using Started = FakeTransport::Started;
    CHECK(f.transport.started == std::vector<Started>{{0ms, "GET https://a.go.jp/1", 1},
                                                      {0ms, "GET https://a.go.jp/2", 2},
                                                      {0ms, "GET https://a.go.jp/3", 3},
                                                      {0ms, "GET https://a.go.jp/4", 4},
                                                      {5100ms, "GET https://a.go.jp/1", 1},
                                                      {5200ms, "GET https://a.go.jp/5", 1},
                                                      {5300ms, "GET https://a.go.jp/6", 1}});
    CHECK(parse_retry_after("120", 0) == std::chrono::milliseconds(120000));
    CHECK(parse_retry_after("Thu, 01 Jan 1970 00:01:40 GMT", 40) == std::chrono::milliseconds(60000));
    CHECK_FALSE(parse_retry_after("soon", 0).has_value());
  }

  TEST_CASE("a Retry-After date is read against the timer's calendar time") {
    Fixture f;  // the timer's calendar starts at 2100-01-01T00:00:00Z
    f.transport.on("GET", "https://a.go.jp/busy",
                   {respond(503, {{"retry-after", "Fri, 01 Jan 2100 00:00:10 GMT"}}), respond(200, kText)});
    const LinkResult r = f.check_one("https://a.go.jp/busy");
    CHECK(r.verdict == Verdict::ok);
    // GET at 0 answered at 100 ms: the retry waits the 10 s the date names.
    REQUIRE(f.transport.started.size() == 2);
    CHECK(f.transport.started[1].key == "GET https://a.go.jp/busy");
    CHECK(f.transport.started[1].at == 10100ms);
  }

  TEST_CASE("timeouts, DNS, refused connections, bot walls and proxies") {
    Fixture f;
    f.transport.on("GET", "https://slow.go.jp/", {fail(FetchFailure::timeout)});
    f.transport.on("GET", "https://refused.go.jp/", {fail(FetchFailure::connect)});
    f.transport.on("GET", "https://cf.example.jp/", {respond(403, {{"cf-mitigated", "challenge"}})});
    f.transport.on("GET", "https://li.example.jp/", {respond(999)});
    f.transport.on("GET", "https://proxy.example.jp/", {respond(407)});
    const auto results = f.check({"https://slow.go.jp/", "https://nxdomain.invalid/", "https://refused.go.jp/",
                                  "https://cf.example.jp/", "https://li.example.jp/", "https://proxy.example.jp/"});
    CHECK(results[0].verdict == Verdict::timeout);
    CHECK(results[0].reason == "no answer within 20 s, 3 tries");
    CHECK(results[1].verdict == Verdict::unreachable);
    CHECK(results[1].reason == "the host name does not resolve");
    CHECK(results[2].verdict == Verdict::unreachable);
    CHECK(results[3].verdict == Verdict::blocked);
    CHECK(results[4].verdict == Verdict::blocked);
    CHECK(results[5].verdict == Verdict::blocked);
  }

  TEST_CASE("mailto, tel, excluded, offline and malformed URLs are not fetched") {
    Fixture f;
    f.options.exclude = {"https://intra.example.jp/*"};
    const auto results = f.check({"mailto:a@example.jp", "tel:052-954-6370", "https://intra.example.jp/x",
                                  "https://exa mple.jp/", "https://", "https://[::1"});
    CHECK(results[0].verdict == Verdict::skipped);
    CHECK(results[1].verdict == Verdict::skipped);
    CHECK(results[2].verdict == Verdict::skipped);
    CHECK(results[2].reason == "excluded by the pattern 'https://intra.example.jp/*' in mamori.toml");
    CHECK(results[3].verdict == Verdict::broken);
    CHECK(results[3].reason == "malformed URL: it cannot be fetched");
    CHECK(results[4].verdict == Verdict::broken);
    CHECK(results[5].verdict == Verdict::broken);
    CHECK(results[5].reason == "malformed URL: it cannot be fetched");
    CHECK(f.transport.log.empty());
    Fixture g;
    g.options.offline = true;
    CHECK(g.check_one("https://www.meti.go.jp/").verdict == Verdict::skipped);
    CHECK(g.transport.log.empty());
  }

  TEST_CASE("never more than the per-host limit in flight at one host") {
    Fixture f;
    f.options.per_host = 3;
    std::vector<std::string> urls;
    for (int host = 0; host < 4; ++host) {
      for (int i = 0; i < 20; ++i) {
        const std::string url = "https://h" + std::to_string(host) + ".go.jp/" + std::to_string(i);
        f.transport.on("GET", url, {respond(200, {{"content-type", "text/plain"}})});
        urls.push_back(url);
      }
    }
    const auto results = f.check(urls);
    CHECK(f.peak == 3);
    for (const auto& r : results) CHECK(r.verdict == Verdict::ok);
    // 20 pages per host, 3 at a time, 100 ms each: 7 rounds.
    CHECK(f.timer.now() == 700ms);
  }

  TEST_CASE("the unit of politeness is scheme, host and port") {
    CHECK(host_key("https://WWW.Meti.go.jp/a") == "https://www.meti.go.jp:443");
    CHECK(host_key("http://127.0.0.2:8080/") == "http://127.0.0.2:8080");
    CHECK(host_key("http://[::1]:8080/") == "http://[::1]:8080");
    CHECK(host_key("https://[::1]/") == "https://[::1]:443");
    CHECK(host_key("https://exa mple.jp/").empty());
    CHECK(host_key("mailto:a@example.jp").empty());
  }

  TEST_CASE("HTML probes") {
    CHECK(html_title("<HTML><Title>\n  ページが\n見つかりません </title>") == "ページが 見つかりません");
    CHECK(is_not_found_title("404 Not Found"));
    CHECK(is_not_found_title("ページが見つかりません｜愛知県"));
    CHECK_FALSE(is_not_found_title("経済安全保障｜内閣府"));
    CHECK(html_has_fragment("<div data-id=\"x\"></div><span id='x'>", "x"));
    CHECK_FALSE(html_has_fragment("<div data-id=\"x\"></div>", "x"));
    CHECK(html_has_fragment("<h2 id=\"初動\">", "%E5%88%9D%E5%8B%95"));
  }

  TEST_CASE("a Retry-After beyond the time one URL may wait ends the URL at once, saying so") {
    Fixture f;
    f.transport.on("GET", "https://a.go.jp/busy", {respond(429, {{"retry-after", "99999999999999999999"}})});
    f.transport.on("GET", "https://a.go.jp/date", {respond(503, {{"retry-after", "Fri, 31 Dec 9999 23:59:59 GMT"}})});
    const auto results = f.check({"https://a.go.jp/busy", "https://a.go.jp/date"});
    CHECK(results[0].verdict == Verdict::blocked);
    CHECK(results[0].reason ==
          "HTTP 429: the site asked to wait 99999999999999999999 s (Retry-After), more than the 60 s mamori waits for "
          "one URL");
    CHECK(results[1].verdict == Verdict::broken);
    CHECK(results[1].reason ==
          "HTTP 503: the site asked to wait until Fri, 31 Dec 9999 23:59:59 GMT (Retry-After), more than the 60 s "
          "mamori waits for one URL");
    CHECK(f.timer.now() < 1000ms);
  }

  TEST_CASE("backoff and Retry-After together stay within the total wait per URL") {
    Fixture f;
    f.options.retries = 10;
    f.transport.on("GET", "https://a.go.jp/down", {respond(500)});
    f.transport.on("GET", "https://b.go.jp/slow", {respond(429, {{"retry-after", "40"}})});
    const auto results = f.check({"https://a.go.jp/down", "https://b.go.jp/slow"});
    CHECK(results[0].reason == "HTTP 500 after 7 tries; gave up after waiting 60 s, the most for one URL");
    CHECK(
        results[1].reason ==
        "HTTP 429: the site asked to wait 40 s (Retry-After), more than is left of the 60 s mamori waits for one URL");
    CHECK(f.timer.now() <= 61000ms);
  }

  TEST_CASE("a Location that is not UTF-8 is followed percent-encoded") {
    CHECK(location_as_url("/a\xFF\xE3\x81\x82 b\x1B\x7F\xE3\x81") == "/a%FF\xE3\x81\x82%20b%1B%7F%E3%81");
    // Found by attacking the binary: a redirect to '/x "y"' was called "not a web page".
    CHECK(location_as_url("/good9 \"quoted\"<a>`") == "/good9%20%22quoted%22%3Ca%3E%60");
    Fixture f;
    f.transport.on("GET", "https://a.go.jp/x", {respond(301, {{"location", "/y\xFF"}})});
    f.transport.on("GET", "https://a.go.jp/y%FF", {respond(200, {{"content-type", "text/plain"}})});
    const LinkResult r = f.check_one("https://a.go.jp/x");
    CHECK(r.verdict == Verdict::redirected);
    CHECK(r.final_url == "https://a.go.jp/y%FF");
  }

  TEST_CASE("response headers too large are broken, with the transport's reason") {
    Fixture f;
    HttpResult big = fail(FetchFailure::too_large);
    big.detail = "response header too large (more than 64 KB in all)";
    f.transport.on("GET", "https://a.go.jp/x", {big});
    f.transport.on("GET", "https://a.go.jp/x", {big});
    const LinkResult r = f.check_one("https://a.go.jp/x");
    CHECK(r.verdict == Verdict::broken);
    CHECK(r.reason == "response header too large (more than 64 KB in all)");
  }
}
