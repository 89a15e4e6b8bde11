#include <doctest/doctest.h>

#include <sys/resource.h>

#include <csignal>
#include <fstream>
#include <sstream>

#include "helpers.h"
#include "links/fix.h"

using namespace mamori;

namespace {

std::string replaced(std::string_view request, std::string_view final_url) {
  auto to = replacement_url(request, final_url);
  if (!to) return "refused: " + to.error().message;
  return *to;
}

std::string slurp(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

LinkResult moved(const std::string& url, const std::string& to, const std::string& file, int line) {
  LinkResult r;
  r.url = url;
  r.verdict = Verdict::redirected;
  r.final_url = to;
  r.sources = {LinkSource{file, line}};
  return r;
}

}  // namespace

TEST_SUITE("link fix") {
  TEST_CASE("a new address is percent-encoded where it could end a Markdown link or a TOML string") {
    CHECK(replaced("https://a.go.jp/x", "https://a.go.jp/ok) [click](https://evil.example/x") ==
          "https://a.go.jp/ok%29%20%5Bclick%5D%28https://evil.example/x");
    CHECK(replaced("https://a.go.jp/x", "/ok\"]") == "https://a.go.jp/ok%22%5D");
    CHECK(replaced("https://a.go.jp/x", "/a\\b`c<d>e'f{g}h|i^j\x1B\x7Fk") ==
          "https://a.go.jp/a%5Cb%60c%3Cd%3Ee%27f%7Bg%7Dh%7Ci%5Ej%1B%7Fk");
    CHECK(replaced("https://a.go.jp/x", "/%E3%81%82%zz#a#b") == "https://a.go.jp/%E3%81%82%25zz#a%23b");
    CHECK(replaced("https://a.go.jp/x", "/\xE2\x80\xAEgnp.exe") == "https://a.go.jp/%E2%80%AEgnp.exe");
    CHECK(replaced("https://a.go.jp/x", "https://www.meti.go.jp/新しい/ページ.html?q=1&r=2#見出し") ==
          "https://www.meti.go.jp/新しい/ページ.html?q=1&r=2#見出し");
    CHECK(replaced("http://127.0.0.1:8080/a/x", "../y") == "http://127.0.0.1:8080/y");
    CHECK(replaced("http://[::1]:8080/x", "/y") == "http://[::1]:8080/y");
  }

  TEST_CASE("a new address that is not an absolute web address, or has an odd host, is refused") {
    CHECK(replaced("https://a.go.jp/x", "javascript:alert(1)") ==
          "refused: the new address 'javascript:alert(1)' is not an absolute http or https address");
    CHECK(replaced("https://a.go.jp/x", "data:text/html,x") ==
          "refused: the new address 'data:text/html,x' is not an absolute http or https address");
    CHECK(replaced("https://a.go.jp/x", "https://evil.example\"]/x") ==
          "refused: the new address 'https://evil.example\"]/x' has a host name that is not safe to write");
    CHECK(replaced("https://a.go.jp/x", "https://user@evil.example/") ==
          "refused: the new address 'https://user@evil.example/' has a host name that is not safe to write");
    CHECK(replaced("https://a.go.jp/x", "https:///x") ==
          "refused: the new address 'https:///x' has a host name that is not safe to write");
    CHECK(replaced("https://a.go.jp/x", "/a\xFF") ==
          "refused: the new address 'https://a.go.jp/a\uFFFD' is not valid UTF-8");
  }

  TEST_CASE("files get the encoded address; refused ones are listed and left alone") {
    testing::TempDir dir;
    const auto page = dir.path() / "content/p.md";
    dir.write("content/p.md", "+++\nsources = [\"https://a.jp/1\"]\n+++\n[x](https://a.jp/2) [y](https://a.jp/3)\n");
    const FixOutcome outcome = fix_redirects(
        dir.path(), {moved("https://a.jp/1", "https://a.jp/ok\"]", "content/p.md", 2),
                     moved("https://a.jp/2", "https://a.jp/ok) [click](https://evil.example/x", "content/p.md", 4),
                     moved("https://a.jp/3", "javascript:alert(1)", "content/p.md", 4)});
    CHECK(slurp(page) ==
          "+++\nsources = [\"https://a.jp/ok%22%5D\"]\n+++\n"
          "[x](https://a.jp/ok%29%20%5Bclick%5D%28https://evil.example/x) [y](https://a.jp/3)\n");
    CHECK(outcome.changes.size() == 2);
    CHECK(outcome.refused ==
          std::vector<std::string>{"content/p.md:4: https://a.jp/3: the new address "
                                   "'javascript:alert(1)' is not an absolute http or https address"});
    CHECK(outcome.errors.empty());
  }

  TEST_CASE("a file that is a symbolic link, or in a folder that is one, is not rewritten") {
    testing::TempDir dir;
    dir.write("real/p.md", "[x](https://a.jp/1)\n");
    std::filesystem::create_directories(dir.path() / "content");
    std::filesystem::create_symlink("../real/p.md", dir.path() / "content/link.md");
    std::filesystem::create_directory_symlink("../real", dir.path() / "content/folder");
    const FixOutcome outcome =
        fix_redirects(dir.path(), {moved("https://a.jp/1", "https://a.jp/2", "content/link.md", 1),
                                   moved("https://a.jp/1", "https://a.jp/2", "content/folder/p.md", 1)});
    CHECK(outcome.changes.empty());
    CHECK(outcome.errors ==
          std::vector<std::string>{"content/folder/p.md: its folder content/folder is a symbolic link; edit the file "
                                   "it points to",
                                   "content/link.md: it is a symbolic link; edit the file it points to"});
    CHECK(slurp(dir.path() / "real/p.md") == "[x](https://a.jp/1)\n");
    CHECK(std::filesystem::is_symlink(dir.path() / "content/link.md"));
  }

  TEST_CASE("a failed write says why, reports no change and leaves the file and no temp file") {
    testing::TempDir dir;
    const auto page = dir.path() / "p.md";
    const std::string before = "[x](https://a.jp/1)" + std::string(200, ' ') + "\n";
    dir.write("p.md", before);
    // Writes beyond 64 bytes fail with EFBIG (SIGXFSZ ignored, so the process lives on).
    rlimit old{};
    getrlimit(RLIMIT_FSIZE, &old);
    const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit small = old;
    small.rlim_cur = 64;
    setrlimit(RLIMIT_FSIZE, &small);
    const FixOutcome outcome = fix_redirects(dir.path(), {moved("https://a.jp/1", "https://a.jp/2", "p.md", 1)});
    setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, old_handler);
    CHECK(outcome.changes.empty());
    REQUIRE(outcome.errors.size() == 1);
    CHECK(outcome.errors[0] == "p.md: cannot write " + page.string() + ": File too large");
    CHECK(slurp(page) == before);
    CHECK(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()) == 1);
  }
}
