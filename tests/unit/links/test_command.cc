#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "fake_transport.h"
#include "helpers.h"
#include "links/cache.h"
#include "links/command.h"

using namespace mamori;
using namespace std::chrono_literals;
using testing::FakeTimer;
using testing::FakeTransport;
using testing::kText;
using testing::respond;

namespace {

// Hands run_links the test's transport, which outlives the run so its log can be read.
class Borrowed final : public HttpTransport {
 public:
  explicit Borrowed(HttpTransport& inner) : inner_(inner) {}
  void start(uint64_t id, const HttpRequest& request) override { inner_.start(id, request); }
  std::vector<std::pair<uint64_t, HttpResult>> poll(std::chrono::milliseconds wait) override {
    return inner_.poll(wait);
  }

 private:
  HttpTransport& inner_;
};

std::string slurp(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// A project whose home page cites `body` (Markdown), and the network it talks to.
struct Project {
  testing::TempDir dir;
  FakeTimer timer;
  FakeTransport transport{timer};
  LinksOptions options;
  std::vector<std::string> user_agents;  // what each transport was made with

  explicit Project(const std::string& body) {
    testing::write_minimal_project(dir);
    dir.write("content/_index.md", "+++\ntitle = \"ホーム\"\n+++\n\n" + body);
    options.root = dir.path();
    options.format = ReportFormat::json;
  }

  LinksRun run() {
    return run_links(
        options,
        [&](const LinkSettings& settings) {
          user_agents.push_back(settings.user_agent);
          return std::make_unique<Borrowed>(transport);
        },
        timer);
  }

  std::filesystem::path cache_file() const { return dir.path() / ".mamori" / "link-cache.json"; }
};

}  // namespace

TEST_SUITE("link command") {
  TEST_CASE("every cited URL is reported with its verdict and where it is cited") {
    Project p("[PDF](https://a.go.jp/doc.pdf)\n\n[古い](https://a.go.jp/gone)\n");
    p.transport.on("HEAD", "https://a.go.jp/doc.pdf", {respond(200, {{"content-type", "application/pdf"}})});
    p.transport.on("GET", "https://a.go.jp/gone", {respond(404)});
    const LinksRun run = p.run();
    CHECK(run.notes.empty());
    const auto report = nlohmann::json::parse(run.report);
    CHECK(report["summary"]["total"] == 2);
    CHECK(report["summary"]["ok"] == 1);
    CHECK(report["summary"]["broken"] == 1);
    REQUIRE(report["links"].size() == 2);
    CHECK(report["links"][0]["url"] == "https://a.go.jp/doc.pdf");
    CHECK(report["links"][0]["verdict"] == "ok");
    CHECK(report["links"][0]["sources"] == nlohmann::json::parse(R"([{"file":"content/_index.md","line":5}])"));
    CHECK(report["links"][1]["verdict"] == "broken");
    CHECK(report["links"][1]["status"] == 404);
    CHECK(report["links"][1]["reason"] == "HTTP 404");
    CHECK(report["internal"].empty());
    CHECK(p.transport.log == std::vector<std::string>{"HEAD https://a.go.jp/doc.pdf", "GET https://a.go.jp/gone"});
  }

  TEST_CASE("a broken, timed out or unreachable URL makes the exit status 1; all fine is 0") {
    Project fine("[a](https://a.go.jp/a)\n");
    fine.transport.on("GET", "https://a.go.jp/a", {respond(200, kText)});
    CHECK(fine.run().exit_status == 0);

    Project broken("[a](https://a.go.jp/a)\n");
    broken.transport.on("GET", "https://a.go.jp/a", {respond(410)});
    CHECK(broken.run().exit_status == 1);

    Project unreachable("[a](https://nowhere.invalid/)\n");  // unscripted: DNS fails
    CHECK(unreachable.run().exit_status == 1);

    Project blocked("[a](https://a.go.jp/a)\n");  // blocked is for a person to check, not a failure
    blocked.transport.on("GET", "https://a.go.jp/a", {respond(999)});
    CHECK(blocked.run().exit_status == 0);
  }

  TEST_CASE("a wrong link between pages makes the exit status 1, offline too, and fetches nothing") {
    Project p("[どこ](missing.md)\n\n[a](https://a.go.jp/a)\n");
    p.options.offline = true;
    const LinksRun run = p.run();
    CHECK(run.exit_status == 1);
    REQUIRE(run.notes.size() == 1);
    CHECK(run.notes[0].starts_with("content/_index.md:5:"));
    const auto report = nlohmann::json::parse(run.report);
    CHECK(report["links"][0]["verdict"] == "skipped");
    CHECK(report["internal"].size() == 1);
    CHECK(p.transport.log.empty());
    CHECK_FALSE(std::filesystem::exists(p.cache_file()));  // offline: the cache is left alone
  }

  TEST_CASE("the cache is written with the timer's date, used while fresh, and fetched again after") {
    Project p("[a](https://a.go.jp/a)\n");
    p.transport.on("GET", "https://a.go.jp/a", {respond(200, kText)});
    REQUIRE(p.run().exit_status == 0);
    const auto saved = parse_link_cache(slurp(p.cache_file()));
    REQUIRE(saved.has_value());
    CHECK(saved->entries.at("https://a.go.jp/a").checked == "2100-01-01T00:00:00Z");
    CHECK(saved->entries.at("https://a.go.jp/a").last_ok == "2100-01-01");
    CHECK(p.transport.log.size() == 1);

    p.timer.epoch += 6 * 86400;  // six days later: still fresh (7 days by default)
    const LinksRun cached = p.run();
    CHECK(p.transport.log.size() == 1);
    const auto report = nlohmann::json::parse(cached.report);
    CHECK(report["links"][0]["cached"] == true);
    CHECK(report["links"][0]["reason"] == "checked 2100-01-01");

    p.timer.epoch += 2 * 86400;  // eight days: fetched again
    const LinksRun again = p.run();
    CHECK(p.transport.log.size() == 2);
    CHECK_FALSE(nlohmann::json::parse(again.report)["links"][0].contains("cached"));
    CHECK(parse_link_cache(slurp(p.cache_file()))->entries.at("https://a.go.jp/a").checked == "2100-01-09T00:00:00Z");
  }

  TEST_CASE("a failure is fetched again every run, and the report tells since when it fails") {
    Project p("[a](https://a.go.jp/a)\n");
    p.transport.on("GET", "https://a.go.jp/a", {respond(404)});
    p.options.format = ReportFormat::text;
    (void)p.run();
    p.timer.epoch += 86400;
    const LinksRun second = p.run();
    CHECK(p.transport.log.size() == 2);
    CHECK(second.report.find("HTTP 404; broken since 2100-01-01 (2 runs)") != std::string::npos);
  }

  TEST_CASE("a cache that cannot be used is reported as a warning about the file and replaced") {
    Project p("[a](https://a.go.jp/a)\n");
    p.transport.on("GET", "https://a.go.jp/a", {respond(200, kText)});
    p.dir.write(".mamori/link-cache.json", "[]");
    const LinksRun run = p.run();
    REQUIRE(run.notes.size() == 1);
    CHECK(run.notes[0] == p.cache_file().string() +
                              ": warning: not a link cache: the top level is array, not an object; kept it as " +
                              p.cache_file().string() + ".corrupt; starting a fresh cache");
    CHECK(parse_link_cache(slurp(p.cache_file())).has_value());
  }

  TEST_CASE("--no-cache neither reads nor writes the cache") {
    Project p("[a](https://a.go.jp/a)\n");
    p.transport.on("GET", "https://a.go.jp/a", {respond(200, kText)});
    p.options.no_cache = true;
    (void)p.run();
    (void)p.run();
    CHECK(p.transport.log.size() == 2);
    CHECK_FALSE(std::filesystem::exists(p.cache_file()));
  }

  TEST_CASE("--fix-redirects rewrites the citing line and lists the change") {
    Project p("[旧](https://a.go.jp/old)\n");
    p.transport.on("GET", "https://a.go.jp/old", {respond(301, {{"location", "/new"}})});
    p.transport.on("GET", "https://a.go.jp/new", {respond(200, kText)});
    p.options.fix_redirects = true;
    const LinksRun run = p.run();
    CHECK(run.exit_status == 0);
    CHECK(run.notes ==
          std::vector<std::string>{"fixed content/_index.md:5: https://a.go.jp/old → https://a.go.jp/new"});
    CHECK(slurp(p.dir.path() / "content/_index.md").ends_with("[旧](https://a.go.jp/new)\n"));
  }

  TEST_CASE("--fix-redirects that cannot rewrite a file is an environment error") {
    Project p("[旧](https://a.go.jp/old)\n");
    p.transport.on("GET", "https://a.go.jp/old", {respond(308, {{"location", "https://a.go.jp/new"}})});
    p.transport.on("GET", "https://a.go.jp/new", {respond(200, kText)});
    p.options.fix_redirects = true;
    p.options.no_cache = true;
    p.dir.write("content/real.md", "+++\ntitle = \"本物\"\n+++\n\n[旧](https://a.go.jp/old)\n");
    std::filesystem::create_symlink(p.dir.path() / "content/real.md", p.dir.path() / "content/alias.md");
    const LinksRun run = p.run();
    CHECK(run.exit_status == 2);
    CHECK(run.notes ==
          std::vector<std::string>{
              "fixed content/_index.md:5: https://a.go.jp/old → https://a.go.jp/new",
              "fixed content/real.md:5: https://a.go.jp/old → https://a.go.jp/new",
              "mamori: error: cannot fix content/alias.md: it is a symbolic link; edit the file it points to"});
  }

  TEST_CASE("the command line overrides mamori.toml, which overrides the defaults") {
    Project p("[a](https://a.go.jp/a)\n[b](https://b.go.jp/b)\n");
    p.dir.write("mamori.toml",
                "title = \"テスト\"\n[links]\nuser_agent = \"portal-bot\"\nexclude = [\"https://b.go.jp/*\"]\n"
                "timeout = 7\n");
    p.transport.on("GET", "https://a.go.jp/a", {testing::fail(FetchFailure::timeout)});
    p.transport.on("GET", "https://a.go.jp/a", {testing::fail(FetchFailure::timeout)});
    p.options.retries = 0;
    p.options.no_cache = true;
    const auto report = nlohmann::json::parse(p.run().report);
    CHECK(p.user_agents == std::vector<std::string>{"portal-bot"});
    CHECK(report["links"][0]["reason"] == "no answer within 7 s, 1 tries");
    CHECK(report["links"][1]["verdict"] == "skipped");
    p.options.timeout = 3;
    CHECK(nlohmann::json::parse(p.run().report)["links"][0]["reason"] == "no answer within 3 s, 1 tries");
  }

  TEST_CASE("the build's today is the clock passed in") {
    Project p("本文\n");
    p.dir.write("content/_index.md", "+++\ntitle = \"ホーム\"\nreviewed = 2030-04-01\n+++\n\n本文\n");
    const FixedClock before(Date{2030, 3, 31});
    p.options.clock = &before;
    const LinksRun early = p.run();
    REQUIRE(early.notes.size() == 1);
    CHECK(early.notes[0].find("'reviewed' date 2030-04-01 is in the future") != std::string::npos);
    const FixedClock on_the_day(Date{2030, 4, 1});
    p.options.clock = &on_the_day;
    CHECK(p.run().notes.empty());
  }

  TEST_CASE("a project that cannot be read is an environment error") {
    Project p("");
    std::filesystem::remove(p.dir.path() / "mamori.toml");
    const LinksRun run = p.run();
    CHECK(run.exit_status == 2);
    REQUIRE_FALSE(run.notes.empty());
    CHECK(run.report.empty());
    CHECK(p.user_agents.empty());
  }
}
