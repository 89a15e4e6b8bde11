// The Japanese of the link checker's, the SCORM package's and the search's messages (issue 16):
// the real functions, run with the Japanese catalogue of this build.
#include <doctest/doctest.h>

#include <clocale>
#include <cstdlib>
#include <functional>
#include <optional>
#include <string>

#include "core/i18n.h"
#include "fake_transport.h"
#include "i18n_guard.h"
#include "links/cache.h"
#include "links/checker.h"
#include "links/fix.h"
#include "links/report.h"
#include "package/zip_writer.h"

using namespace mamori;

namespace {

using testing::fail;
using testing::FakeTimer;
using testing::FakeTransport;
using testing::respond;

std::vector<LinkResult> check(const std::vector<std::string>& urls, CheckOptions options,
                              const std::function<void(FakeTransport&)>& script) {
  FakeTimer timer;
  FakeTransport transport{timer};
  script(transport);
  std::vector<LinkTarget> targets;
  for (const auto& url : urls) targets.push_back(LinkTarget{url, {LinkSource{"content/a.md", 3}}});
  LinkChecker checker(transport, timer, std::move(options));
  return checker.check(targets);
}

std::string cache_error(std::string_view text) {
  auto parsed = parse_link_cache(text);
  return parsed ? std::string() : parsed.error().message;
}

}  // namespace

TEST_SUITE("messages in Japanese: links, package, search") {
  TEST_CASE("the checker's reasons") {
    const JapaneseMessages ja;
    CheckOptions options;
    options.backoff = std::chrono::milliseconds(1000);
    options.exclude = {"https://intra.example.jp/*"};
    const auto results =
        check({"https://slow.go.jp/", "https://nxdomain.invalid/", "https://old.go.jp/a", "mailto:a@example.jp",
               "https://intra.example.jp/x", "https://exa mple.jp/"},
              options, [](FakeTransport& t) {
                t.on("GET", "https://slow.go.jp/", {fail(FetchFailure::timeout)});
                t.on("GET", "https://old.go.jp/a", {respond(301, {{"location", "https://new.go.jp/a"}})});
                t.on("GET", "https://new.go.jp/a", {respond(200, testing::kHtml, "<p>x</p>")});
              });
    CHECK(results[0].reason == "20 秒以内に応答がありません（3 回試しました）");
    CHECK(results[1].reason == "ホスト名を解決できません");
    CHECK(results[2].reason == "恒久的に移動しました。代わりに https://new.go.jp/a を引用してください");
    CHECK(results[3].reason == "mailto: のリンクはチェックしません");
    CHECK(results[4].reason == "mamori.toml のパターン 'https://intra.example.jp/*' で除外しています");
    CHECK(results[5].reason == "URL の形式が正しくないため、取得できません");
    CHECK(advice(results[2]) ==
          "新しいアドレス https://new.go.jp/a を引用してください（mamori links --fix-redirects で書き換えられます）");
  }

  TEST_CASE("the text and Markdown reports, with a URL's history from the cache") {
    const JapaneseMessages ja;
    LinkResult r;
    r.url = "https://a.go.jp/x";
    r.verdict = Verdict::broken;
    r.status = 404;
    r.reason = "HTTP 404";
    r.sources = {LinkSource{"content/a.md", 3}};
    LinkCache history;
    history.entries[r.url] = CacheEntry{Verdict::broken, 404, "", "HTTP 404", "", "2026-03-02", 4, "2026-02-20"};
    CHECK(failure_history(history, r.url) == "2026-03-02 から broken（4 回連続）、最後の ok は 2026-02-20");
    CHECK(text_report({r}, {}, false) ==
          "content/a.md\n"
          "  3: broken https://a.go.jp/x\n"
          "      HTTP 404\n"
          "      対処: 発行元のサイトでページの移転先を探して引用するか、リンクを削除してください\n"
          "リンク 1 件: ok 0、redirected 0、broken 1、timeout 0、unreachable 0、blocked 0、skipped 0\n");
    CHECK(markdown_report({}, {}) ==
          "## リンクチェック\n\n"
          "リンク 0 件: ok 0、redirected 0、broken 0、timeout 0、unreachable 0、blocked 0、skipped 0\n\n"
          "引用している URL はすべて問題ありません。\n");
    CHECK(markdown_report({r}, {}).find("| 場所 | 判定 | URL | 理由 | 対処 |\n| --- |") != std::string::npos);
  }

  TEST_CASE("a link cache that cannot be used") {
    const JapaneseMessages ja;
    CHECK(cache_error(R"({"version":"1"})") ==
          R"(リンクキャッシュではありません。"version" が 1 ではなく string です)");
    CHECK(cache_error(R"({"version":2,"urls":{}})") ==
          "バージョン 2 のリンクキャッシュです。この mamori が読めるのはバージョン 1 です");
    CHECK(cache_error(R"({"version":1,"urls":{"http://x/":{"status":1000}}})") ==
          R"(urls["http://x/"].status: 0 から 999 までの整数のはずが 1000 です)");
  }

  TEST_CASE("--fix-redirects refuses an unsafe new address") {
    const JapaneseMessages ja;
    CHECK(replacement_url("https://a.jp/x", "javascript:alert(1)").error().message ==
          "新しいアドレス 'javascript:alert(1)' は http か https の絶対アドレスではありません");
  }

  TEST_CASE("the SCORM package's zip archive refuses unsafe names") {
    const JapaneseMessages ja;
    CHECK(zip_archive({{"", "x"}}).error().message == "名前のないエントリーがあります");
    CHECK(zip_archive({{"a/../../b", "x"}}).error().message ==
          "'a/../../b' はアーカイブのフォルダーの外を指しています");
    CHECK(zip_archive({{"a", "x"}, {"A", "y"}}).error().message ==
          "'A' がアーカイブに 2 回入っています（大文字と小文字の違いは区別しません）");
  }

  TEST_CASE("English again after the guard") {
    { const JapaneseMessages ja; }
    CHECK(current_language() == Language::en);
    CHECK(cache_error("[1]") == "not a link cache: the top level is array, not an object");
  }
}
