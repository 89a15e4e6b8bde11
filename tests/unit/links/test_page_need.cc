#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "links/html_probe.h"
#include "links/page_need.h"

using namespace mamori;

namespace {

HttpResponse answer(int status, std::string type, std::string body) {
  HttpResponse response;
  response.status = status;
  if (!type.empty()) response.headers.emplace_back("content-type", std::move(type));
  response.body = std::move(body);
  return response;
}

// Feeds `page` to a PageNeed the way a transport does, `piece` bytes at a time; returns how
// many bytes it took until enough (page.size() + 1 when never).
size_t bytes_until_enough(const std::string& page, size_t piece, const std::set<std::string>& fragments) {
  PageNeed need(fragments);
  HttpResponse so_far = answer(200, "text/html", "");
  for (size_t at = 0; at < page.size(); at += piece) {
    so_far.body = page.substr(0, at + piece);
    if (need.enough(so_far)) return so_far.body.size();
  }
  return page.size() + 1;
}

}  // namespace

TEST_SUITE("page need") {
  TEST_CASE("ids found piece by piece are those of the whole page, for every split") {
    const std::vector<std::string> pages = {
        R"(<h2 id="初動対応">x</h2><a name='old'></a><p id=section-2>y<div data-id="no" id=last/>)",
        R"(<a id="unclosed>text <b id=b>)", "id=", R"(<p id="a" name=b id='c'>)"};
    for (const std::string& page : pages) {
      const std::vector<std::string> whole = html_ids(page);
      for (size_t split = 0; split <= page.size(); ++split) {
        std::vector<std::string> ids;
        const size_t resume = scan_html_ids(std::string_view(page).substr(0, split), 0, true, ids);
        CHECK(resume <= split);
        scan_html_ids(page, resume, false, ids);
        CHECK_MESSAGE(ids == whole, page, " split at ", split);
      }
    }
  }

  TEST_CASE("an HTML page is enough once its title and every cited fragment have come") {
    const std::string page = "<html><head><title>重要物資</title></head><body>" + std::string(3000, 'x') +
                             "<h2 id=\"%E5%88%9D\">a</h2>" + std::string(3000, 'y') + "<h2 id=\"初動\">b</h2>" +
                             std::string(3000, 'z');
    CHECK(bytes_until_enough(page, 100, {}) == 100);
    const size_t first = page.find("%E5%88%9D") + 9;
    CHECK(bytes_until_enough(page, 100, {"%E5%88%9D"}) == (first + 1 + 99) / 100 * 100);
    // A fragment cited percent-encoded matches an id written plainly, as html_has_fragment does.
    const size_t second = page.find("初動\"") + 7;
    CHECK(bytes_until_enough(page, 100, {"%E5%88%9D", "%E5%88%9D%E5%8B%95"}) == (second + 99) / 100 * 100);
    CHECK(bytes_until_enough(page, 100, {"nowhere"}) == page.size() + 1);
  }

  TEST_CASE("no body is needed of an error, a redirect or an answer that is not HTML") {
    PageNeed need({"frag"});
    CHECK(need.enough(answer(404, "text/html", "")));
    CHECK(need.enough(answer(301, "", "")));
    CHECK(need.enough(answer(503, "text/html", "<html>")));
    CHECK(need.enough(answer(200, "application/pdf", "%PDF")));
    CHECK(need.enough(answer(200, "text/plain", "")));
    CHECK_FALSE(need.enough(answer(200, "", "<html><head>")));
    CHECK_FALSE(need.enough(answer(200, "application/xhtml+xml", "<html><head>")));
  }

  TEST_CASE("a page without a title is read as far as html_title looks, and no further") {
    PageNeed need({});
    HttpResponse so_far = answer(200, "text/html", std::string(kTitleScanBytes - 1, 'x'));
    CHECK_FALSE(need.enough(so_far));
    so_far.body += "x</title>";
    CHECK(need.enough(so_far));
  }

  TEST_CASE("find_ascii_ci") {
    CHECK(find_ascii_ci("<HTML><TiTle>x</TITLE>", "<title", 0) == 6);
    CHECK(find_ascii_ci("<HTML><TiTle>x</TITLE>", "</title", 7) == 14);
    CHECK(find_ascii_ci("<HTML><TiTle>x</TITLE>", "<title", 7) == std::string_view::npos);
    CHECK(find_ascii_ci("</titl", "</title", 0) == std::string_view::npos);
    CHECK(find_ascii_ci("abcABC", "cab", 0) == 2);
    CHECK(find_ascii_ci("", "<", 0) == std::string_view::npos);
    CHECK(find_ascii_ci("ab", "<", 5) == std::string_view::npos);
  }
}
