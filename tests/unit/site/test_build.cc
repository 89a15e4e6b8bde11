#include <doctest/doctest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "helpers.h"
#include "site/build.h"
#include "site/output_tree.h"

using namespace mamori;
using mamori::testing::formatted;
using mamori::testing::TempDir;
using mamori::testing::write_minimal_project;

namespace fs = std::filesystem;

namespace {

const FixedClock kToday(Date{2026, 11, 23});

BuildReport build(const TempDir& dir, bool write = true) {
  BuildOptions options;
  options.root = dir.path();
  options.jobs = 2;
  options.write = write;
  options.clock = &kToday;
  return build_site(options);
}

std::string read(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Every file of a folder with its content, to compare whole trees.
std::map<std::string, std::string> snapshot(const fs::path& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) files[fs::relative(entry.path(), dir).generic_string()] = read(entry.path());
  }
  return files;
}

void write_two_sections(const TempDir& dir) {
  write_minimal_project(dir);
  dir.write("content/cyber/_index.md", "+++\ntitle = \"サイバー\"\nweight = 20\n+++\n");
  dir.write("content/cyber/backups.md",
            "+++\ntitle = \"バックアップ\"\nweight = 10\nreviewed = 2026-01-10\n"
            "sources = [\"https://www.ipa.go.jp/security/guide/sme/about.html\"]\n+++\n\n"
            "## 3-2-1 の考え方 {#rule}\n\n本文。[初動](../incident/first.md#連絡) を見てください。\n");
  dir.write("content/incident/_index.md", "+++\ntitle = \"事中・事後\"\nweight = 30\n+++\n");
  dir.write(
      "content/incident/first.md",
      "+++\ntitle = \"初動対応\"\nreviewed = 2026-06-01\n+++\n\n## 連絡\n\n[バックアップ](../cyber/backups.md#rule)\n");
}

}  // namespace

TEST_SUITE("build") {
  TEST_CASE("a good project builds, with relative links everywhere") {
    TempDir dir;
    write_two_sections(dir);
    const BuildReport report = build(dir);
    CHECK(formatted(report.diagnostics).empty());
    CHECK(report.exit_status() == 0);
    CHECK(report.pages == 5);
    const std::string page = read(dir.path() / "site/cyber/backups.html");
    CHECK(page.find("<html lang=\"ja\">") != std::string::npos);
    CHECK(page.find("href=\"../incident/first.html#%E9%80%A3%E7%B5%A1\"") != std::string::npos);
    CHECK(page.find("href=\"../assets/style.css\"") != std::string::npos);
    CHECK(page.find("href=\"../index.html\"") != std::string::npos);
    CHECK(page.find("Content-Security-Policy") != std::string::npos);
    CHECK(page.find("<time datetime=\"2026-01-10\">2026年1月10日</time>") != std::string::npos);
    CHECK(page.find("https://www.ipa.go.jp/security/guide/sme/about.html") != std::string::npos);
    // Every href and src is relative (or a cited http(s) URL).
    for (const std::string attribute : {"href=\"/", "src=\"/", "src=\"http"}) {
      CHECK(page.find(attribute) == std::string::npos);
    }
    CHECK(fs::exists(dir.path() / "site/404.html"));
    CHECK(fs::exists(dir.path() / "site/sitemap.xml"));
    CHECK(fs::exists(dir.path() / "site/assets/style.css"));
  }

  TEST_CASE("pages overdue for review are the editors' warning; readers see a notice only when asked") {
    TempDir dir;
    write_two_sections(dir);
    dir.write("mamori.toml", "title = \"テスト\"\nstale_after_months = 6\n");
    const BuildReport report = build(dir);
    CHECK(formatted(report.diagnostics) ==
          std::vector<std::string>{"content/cyber/backups.md:4:12: warning: this page was last reviewed on "
                                   "2026-01-10, 10 months ago: check it against its sources, then update 'reviewed'"});
    for (const char* page : {"site/cyber/backups.html", "site/incident/first.html"}) {
      CHECK(read(dir.path() / page).find("notice-stale") == std::string::npos);
      CHECK(read(dir.path() / page).find("か月") == std::string::npos);  // never a count for readers
    }
    dir.write("mamori.toml", "title = \"テスト\"\nreader_notice_after_months = 9\n");
    CHECK(formatted(build(dir).diagnostics).empty());
    const std::string old_page = read(dir.path() / "site/cyber/backups.html");
    CHECK(
        old_page.find("<p>このページの内容は<time datetime=\"2026-01-10\">2026年1月10日</time>に確認したものです。") !=
        std::string::npos);
    CHECK(old_page.find("か月") == std::string::npos);
    CHECK(read(dir.path() / "site/incident/first.html").find("notice-stale") == std::string::npos);
  }

  TEST_CASE("the home page shows each section's reading time, from the text of its rendered pages") {
    TempDir dir;
    write_two_sections(dir);
    dir.write("themes/default/templates/home.mustache",
              "{{{page.body}}}{{#sections}}[{{title}}:{{reading_minutes}}]{{/sections}}rate={{reading_rate}}");
    // 702 characters of text (markup and spaces are not counted) besides backups.md's.
    std::string body = "\n## 長い {#long}\n\n";
    for (int i = 0; i < 100; ++i) body += "**情報** を守る。\n";
    dir.write("content/cyber/more.md", "+++\ntitle = \"長い\"\n+++\n" + body);
    const BuildReport report = build(dir);
    REQUIRE(report.exit_status() == 0);
    // cyber: more than 500 characters, fewer than 1,000: 2 minutes; incident: a few: 1 minute.
    CHECK(read(dir.path() / "site/index.html").find("[サイバー:2][事中・事後:1]rate=500") != std::string::npos);
  }

  TEST_CASE("404.html holds the stylesheet inline, which must not be able to end its element") {
    TempDir dir;
    write_two_sections(dir);
    REQUIRE(build(dir).exit_status() == 0);
    const std::string css = read(dir.path() / "themes/default/assets/style.css");
    CHECK(read(dir.path() / "site/404.html").find("<style>" + css + "</style>") != std::string::npos);
    dir.write("themes/default/assets/style.css", css + "/* </STYLE><script>alert(1)</script> */\n");
    CHECK(formatted(build(dir).diagnostics) ==
          std::vector<std::string>{"themes/default/assets/style.css: error: 404.html holds this stylesheet inline, so "
                                   "it must not contain '</style'"});
  }

  TEST_CASE("links to missing pages, headings and files are errors with hints") {
    TempDir dir;
    write_two_sections(dir);
    dir.write("content/cyber/bad.md",
              "+++\ntitle = \"壊れたリンク\"\n+++\n\n"
              "[a](backup.md) [b](../incident/first.md#連格)\n"
              "[c](../../mamori.toml) [d](first.html) [e](/cyber/backups.md)\n"
              "[f](../incident) [g](../incident/first.md)\n");
    const BuildReport report = build(dir);
    CHECK(report.exit_status() == 1);
    CHECK(
        formatted(report.diagnostics) ==
        std::vector<std::string>{
            "content/cyber/bad.md:5:1: error: link to missing page 'cyber/backup.md' (did you mean "
            "'cyber/backups.md'?)",
            "content/cyber/bad.md:5:16: error: link to missing heading '#連格' in 'incident/first.md' (did you mean "
            "'#連絡'?)",
            "content/cyber/bad.md:6:1: error: link to '../../mamori.toml' points outside content/",
            "content/cyber/bad.md:6:24: error: link to missing file 'cyber/first.html'",
            "content/cyber/bad.md:6:40: error: link '/cyber/backups.md' starts with '/': it would not work from a file "
            "share or file://; make it relative to this file"});
    CHECK_FALSE(fs::exists(dir.path() / "site"));
  }

  TEST_CASE("links to headings in a quiz's Markdown are checked like its sources, where they stand in the file") {
    TempDir dir;
    write_two_sections(dir);
    dir.write("quizzes/q.toml",
              "title = \"Q\"\n"
              "[[questions]]\nid = \"a\"\ntype = \"single\"\n"
              "text = \"[初動](../content/incident/first.md#連格)で何をしますか\"\n"
              "explanation = \"[規則](../content/cyber/backups.md#rul)を見てください\"\n"
              "source = \"../content/cyber/backups.md#rule\"\n"
              "[[questions.choices]]\ntext = \"[連絡](../content/incident/first.md#連絡)\"\ncorrect = true\n"
              "feedback = \"[x](../content/incident/first.md#x)\"\n"
              "[[questions.choices]]\ntext = \"何もしない\"\n"
              // Regression (a tester's report): a multi-line string's lines were placed one line
              // early (TOML drops the line break after the quotes), and columns were left out.
              "[[questions]]\nid = \"b\"\ntype = \"true_false\"\nanswer = true\ntext = \"\"\"\n見出し\n\n"
              "詳しくは [x](../content/incident/first.md#y) へ\n\"\"\"\nexplanation = "
              "\'\'\'[z](../content/cyber/backups.md#z)\'\'\'\n"
              "source = \"../content/cyber/backups.md#rule\"\n");
    const BuildReport report = build(dir, false);
    CHECK(
        formatted(report.diagnostics) ==
        std::vector<std::string>{
            "quizzes/q.toml:5:9: error: link to missing heading '#連格' in 'incident/first.md' (did you mean '#連絡'?)",
            "quizzes/q.toml:6:16: error: link to missing heading '#rul' in 'cyber/backups.md' (did you mean '#rule'?)",
            "quizzes/q.toml:11:13: error: link to missing heading '#x' in 'incident/first.md'",
            "quizzes/q.toml:21:6: error: link to missing heading '#y' in 'incident/first.md'",
            "quizzes/q.toml:23:18: error: link to missing heading '#z' in 'cyber/backups.md'"});
  }

  TEST_CASE("a failed build leaves the previous site exactly as it was") {
    TempDir dir;
    write_two_sections(dir);
    REQUIRE(build(dir).exit_status() == 0);
    const auto before = snapshot(dir.path() / "site");
    dir.write("content/cyber/backups.md", "+++\ntitle = \"壊れた\"\nweigth = 1\n+++\n[x](nowhere.md)\n");
    CHECK(build(dir).exit_status() == 1);
    CHECK(snapshot(dir.path() / "site") == before);
    // No staging folder is left behind.
    for (const auto& entry : fs::directory_iterator(dir.path())) {
      CHECK(entry.path().filename().string().find("mamori-staging") == std::string::npos);
    }
  }

  TEST_CASE("two builds of the same input are byte-identical") {
    TempDir dir;
    write_two_sections(dir);
    build(dir);
    const auto first = snapshot(dir.path() / "site");
    fs::remove(dir.path() / ".site.mamori-state");  // force a full second build
    const BuildReport second = build(dir);
    CHECK_FALSE(second.up_to_date);
    CHECK(snapshot(dir.path() / "site") == first);
  }

  TEST_CASE("a build with nothing changed does nothing, and any change rebuilds") {
    TempDir dir;
    write_two_sections(dir);
    dir.write("content/raw.md", "+++\ntitle = \"生HTML\"\n+++\n<b>x</b>\n");
    const BuildReport first = build(dir);
    REQUIRE(first.exit_status() == 0);
    CHECK(first.diagnostics.warning_count() == 1);
    const BuildReport again = build(dir);
    CHECK(again.up_to_date);
    CHECK(again.pages == first.pages);
    // The last build's warnings are repeated, not lost.
    CHECK(again.earlier_warnings ==
          std::vector<std::string>{"content/raw.md:4:1: warning: raw HTML is not allowed in Markdown and was left out\n"
                                   " 4 | <b>x</b>\n   | ^"});
    dir.write("content/incident/first.md", "+++\ntitle = \"初動対応（改）\"\n+++\n");
    const BuildReport changed = build(dir);
    CHECK(changed.exit_status() == 1);  // backups.md links to #連絡, which is gone
    CHECK_FALSE(changed.up_to_date);
    dir.write("content/incident/first.md", "+++\ntitle = \"初動対応（改）\"\n+++\n\n## 連絡\n");
    CHECK_FALSE(build(dir).up_to_date);
    CHECK(build(dir).up_to_date);
    fs::remove_all(dir.path() / "site");
    const BuildReport after_delete = build(dir);
    CHECK_FALSE(after_delete.up_to_date);
    CHECK(fs::exists(dir.path() / "site/incident/first.html"));
    CHECK(read(dir.path() / "site/incident/first.html").find("初動対応（改）") != std::string::npos);
  }

  TEST_CASE("a new day rebuilds: staleness notices depend on the date") {
    TempDir dir;
    write_two_sections(dir);
    build(dir);
    const FixedClock tomorrow(Date{2026, 11, 24});
    BuildOptions options;
    options.root = dir.path();
    options.clock = &tomorrow;
    CHECK_FALSE(build_site(options).up_to_date);
  }

  TEST_CASE("check writes nothing") {
    TempDir dir;
    write_two_sections(dir);
    const BuildReport report = build(dir, false);
    CHECK(report.exit_status() == 0);
    CHECK(report.pages == 5);
    CHECK_FALSE(fs::exists(dir.path() / "site"));
  }

  TEST_CASE("a folder mamori did not build is never replaced") {
    TempDir dir;
    write_two_sections(dir);
    dir.write("site/important.docx", "keep me");
    const BuildReport report = build(dir);
    CHECK(report.exit_status() == 2);
    CHECK(report.environment_error->starts_with("refusing to replace"));
    CHECK(read(dir.path() / "site/important.docx") == "keep me");
  }

  TEST_CASE("a template that loads from outside the site fails the build") {
    TempDir dir;
    write_two_sections(dir);
    const fs::path head = dir.path() / "themes/default/partials/head.mustache";
    const std::string original = read(head);
    dir.write("themes/default/partials/head.mustache",
              original + "<script src=\"https://cdn.example.com/analytics.js\"></script>\n");
    dir.write("themes/default/assets/extra.css",
              "body { font-family: x; }\n@import \"https://fonts.example/a.css\";\n");
    const BuildReport report = build(dir);
    CHECK(report.exit_status() == 1);
    const auto lines = formatted(report.diagnostics);
    REQUIRE(lines.size() >= 2);
    CHECK(lines[0] ==
          "themes/default/assets/extra.css:2:10: error: 'https://fonts.example/a.css' (@import in CSS) would be loaded "
          "from outside the site: put the file in the theme's assets/ folder");
    CHECK(lines[1].starts_with("themes/default/partials/head.mustache:"));
    CHECK(
        lines[1].ends_with(": error: 'https://cdn.example.com/analytics.js' (src of <script>) would be loaded from "
                           "outside the site: put the file in the theme's assets/ folder"));
  }

  TEST_CASE("hostile text in front matter is escaped in the page") {
    TempDir dir;
    write_minimal_project(dir);
    dir.write("content/x.md",
              "+++\ntitle = \"</title><script>alert(1)</script>\"\ndescription = \"\\\" onmouseover=\\\"alert(1)\"\n"
              "sources = [\"https://example.jp/\\\"><script>alert(2)</script>\"]\n+++\n");
    REQUIRE(build(dir).exit_status() == 0);
    const std::string page = read(dir.path() / "site/x.html");
    CHECK(page.find("<script>alert") == std::string::npos);
    CHECK(page.find("\" onmouseover") == std::string::npos);
    CHECK(page.find("&lt;/title&gt;&lt;script&gt;") != std::string::npos);
  }
}

namespace {

// Every file of a folder with its bytes and inode: a build must neither rewrite nor
// replace a file of the previous site before it commits.
std::map<std::string, std::pair<std::string, uintmax_t>> snapshot_with_inodes(const fs::path& dir) {
  std::map<std::string, std::pair<std::string, uintmax_t>> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    struct stat info {};
    ::stat(entry.path().c_str(), &info);
    files[fs::relative(entry.path(), dir).generic_string()] = {read(entry.path()), info.st_ino};
  }
  return files;
}

const char* const kQuizB =
    "title = \"B\"\npass_mark = 50\n\n[[questions]]\nid = \"q\"\ntype = \"true_false\"\ntext = \"?\"\n"
    "answer = true\nexplanation = \"!\"\nsource = \"../content/_index.md#h\"\n";

BuildReport build_into(const fs::path& root, const fs::path& out) {
  BuildOptions options;
  options.root = root;
  options.out = out;
  options.jobs = 2;
  options.clock = &kToday;
  return build_site(options);
}

}  // namespace

TEST_SUITE("build: hostile inputs") {
  TEST_CASE("a page and a quiz with one output path are an error, and the previous site keeps its bytes and inodes") {
    TempDir dir;
    write_minimal_project(dir);
    dir.write("content/_index.md", "+++\ntitle = \"ホーム\"\n+++\n\n## 見出し {#h}\n");
    dir.write("content/quizzes/_index.md", "+++\ntitle = \"Q\"\n+++\n");
    dir.write("content/quizzes/b.md", "+++\ntitle = \"頁B\"\n+++\n");
    REQUIRE(build(dir).exit_status() == 0);
    const auto before = snapshot_with_inodes(dir.path() / "site");
    dir.write("quizzes/b.toml", kQuizB);
    dir.write("quizzes/index.toml", kQuizB);
    const BuildReport report = build(dir);
    CHECK(report.exit_status() == 1);
    CHECK(formatted(report.diagnostics) ==
          std::vector<std::string>{
              "content/quizzes/_index.md: error: output path 'quizzes/index.html' is also produced by the quiz index "
              "(quizzes/*.toml)",
              "content/quizzes/b.md: error: output path 'quizzes/b.html' is also produced by quizzes/b.toml",
              "quizzes/index.toml: error: output path 'quizzes/index.html' is also produced by the quiz index "
              "(quizzes/*.toml)"});
    CHECK(snapshot_with_inodes(dir.path() / "site") == before);
  }

  TEST_CASE("a theme asset and a page with one output path are an error naming both") {
    TempDir dir;
    write_minimal_project(dir);
    dir.write("content/assets/_index.md", "+++\ntitle = \"A\"\n+++\n");
    dir.write("content/assets/x.md", "+++\ntitle = \"X\"\n+++\n");
    dir.write("themes/default/assets/x.html", "<p>");
    const BuildReport report = build(dir);
    CHECK(report.exit_status() == 1);
    CHECK(formatted(report.diagnostics) ==
          std::vector<std::string>{"themes/default/assets/x.html: error: output path 'assets/x.html' is also "
                                   "produced by content/assets/x.md"});
    CHECK_FALSE(fs::exists(dir.path() / "site"));
  }

  TEST_CASE("--out may not be the project, hold it, or lie under its sources") {
    TempDir dir;
    const fs::path root = dir.path() / "project";
    fs::create_directories(root);
    TempDir scratch;
    write_minimal_project(scratch);
    fs::copy(scratch.path(), root, fs::copy_options::recursive);
    dir.write(".mamori", std::string(kSiteMarkerText));  // the parent looks like a site mamori built
    const std::string real_root = fs::canonical(root).string();
    const std::string real_parent = fs::canonical(dir.path()).string();
    auto refused = [&](const fs::path& out) {
      const BuildReport report = build_into(root, out);
      CHECK(report.exit_status() == 2);
      return report.environment_error.value_or("");
    };
    CHECK(refused(dir.path()) == "refusing to build into '" + dir.path().string() + "': it holds the project folder " +
                                     real_root + ", which the build would replace; choose a folder outside it");
    CHECK(refused(root) == "refusing to build into '" + root.string() + "': it is the project folder itself");
    CHECK(refused(root / "content/site") == "refusing to build into '" + (root / "content/site").string() +
                                                "': it is inside content/, which the build reads; choose a folder "
                                                "outside content/, quizzes/ and themes/");
    CHECK(refused(root / "themes") == "refusing to build into '" + (root / "themes").string() +
                                          "': it is inside themes/, which the build reads; choose a folder outside "
                                          "content/, quizzes/ and themes/");
    CHECK(fs::exists(root / "content/_index.md"));
    CHECK(fs::exists(dir.path() / ".mamori"));
    CHECK_FALSE(fs::exists(root / "content/site"));
    CHECK(real_parent.size() < real_root.size());
  }

  TEST_CASE("--out with a trailing slash, and --out through a symlink, which is followed") {
    TempDir dir;
    write_minimal_project(dir);
    CHECK(build_into(dir.path(), dir.path().string() + "/public/").exit_status() == 0);
    CHECK(fs::exists(dir.path() / "public/index.html"));
    fs::create_directories(dir.path() / "srv/portal-2026");
    fs::create_directory_symlink("srv/portal-2026", dir.path() / "portal");
    const BuildReport report = build_into(dir.path(), dir.path() / "portal");
    CHECK(report.exit_status() == 0);
    CHECK(fs::is_symlink(dir.path() / "portal"));
    CHECK(fs::exists(dir.path() / "srv/portal-2026/index.html"));
    CHECK(build_into(dir.path(), dir.path() / "portal").up_to_date);
    // A symlink into the sources is checked where it leads.
    fs::create_directory_symlink("content", dir.path() / "sneaky");
    const BuildReport sneaky = build_into(dir.path(), dir.path() / "sneaky/site");
    CHECK(sneaky.exit_status() == 2);
    CHECK(sneaky.environment_error.value_or("").find("it is inside content/") != std::string::npos);
    CHECK_FALSE(fs::exists(dir.path() / "content/site"));
  }

  TEST_CASE("the fast path is not taken when the output was changed by hand") {
    TempDir dir;
    write_two_sections(dir);
    REQUIRE(build(dir).exit_status() == 0);
    const std::string not_found = read(dir.path() / "site/404.html");
    fs::remove(dir.path() / "site/index.html");
    CHECK_FALSE(build(dir).up_to_date);
    CHECK(fs::exists(dir.path() / "site/index.html"));
    CHECK(build(dir).up_to_date);
    {
      std::ofstream edit(dir.path() / "site/404.html", std::ios::app);
      edit << "<!-- edited -->";
    }
    CHECK_FALSE(build(dir).up_to_date);
    CHECK(read(dir.path() / "site/404.html") == not_found);
  }

  TEST_CASE("the fast path sees changes behind a symlinked theme and mamori.toml") {
    TempDir dir;
    TempDir elsewhere;
    write_minimal_project(dir);
    fs::rename(dir.path() / "themes/default", elsewhere.path() / "theme");
    fs::create_directory_symlink(elsewhere.path() / "theme", dir.path() / "themes/default");
    elsewhere.write("mamori.toml", "title = \"テスト\"\n");
    fs::remove(dir.path() / "mamori.toml");
    fs::create_symlink(elsewhere.path() / "mamori.toml", dir.path() / "mamori.toml");
    REQUIRE(build(dir).exit_status() == 0);
    REQUIRE(build(dir).up_to_date);
    elsewhere.write("theme/assets/style.css", "body { color: #111; }\n/* changed */\n");
    CHECK_FALSE(build(dir).up_to_date);
    CHECK(read(dir.path() / "site/assets/style.css").find("changed") != std::string::npos);
    elsewhere.write("mamori.toml", "title = \"新しい名前\"\n");
    CHECK_FALSE(build(dir).up_to_date);
    CHECK(read(dir.path() / "site/index.html").find("新しい名前") != std::string::npos);
  }

  TEST_CASE("a corrupt or foreign build state means a full build without warnings") {
    for (const std::string state :
         {"{\"version\":\"1\"}", "{\"version\":1,\"fingerprint\":5,\"marker\":[],\"pages\":\"x\"}",
          "{\"version\":1,\"warnings\":[1,{}]}", "{\"version\":1,\"pages\":1e300}", "{\"vers", "[1,2]", "\xff\xfe",
          "{\"version\":1,\"fingerprint\":\"x\",\"marker\":\"y\",\"pages\":-5,\"warnings\":\"w\"}"}) {
      CAPTURE(state);
      TempDir dir;
      write_minimal_project(dir);
      dir.write(".site.mamori-state", state);
      const BuildReport report = build(dir);
      CHECK(report.exit_status() == 0);
      CHECK_FALSE(report.up_to_date);
      CHECK(report.diagnostics.empty());
      CHECK(build(dir).up_to_date);
    }
  }

  TEST_CASE("a theme asset that is a symlink out of the theme is refused, a symlinked theme folder is not") {
    TempDir dir;
    TempDir elsewhere;
    write_minimal_project(dir);
    elsewhere.write("secret.txt", "password=hunter2\n");
    fs::create_symlink(elsewhere.path() / "secret.txt", dir.path() / "themes/default/assets/x.css");
    const BuildReport report = build(dir);
    CHECK(report.exit_status() == 1);
    CHECK(formatted(report.diagnostics) ==
          std::vector<std::string>{"themes/default/assets/x.css: error: symlink points outside themes/default: copy "
                                   "the file in instead"});
    CHECK_FALSE(fs::exists(dir.path() / "site"));
    fs::remove(dir.path() / "themes/default/assets/x.css");
    fs::rename(dir.path() / "themes/default", elsewhere.path() / "theme");
    fs::create_directory_symlink(elsewhere.path() / "theme", dir.path() / "themes/default");
    fs::create_symlink("style.css", elsewhere.path() / "theme/assets/same.css");  // inside the theme: fine
    CHECK(build(dir).exit_status() == 0);
    CHECK(read(dir.path() / "site/assets/same.css") == read(dir.path() / "site/assets/style.css"));
  }

  TEST_CASE("a quizzes index template that fails is reported at the template (it was silently left out)") {
    TempDir dir;
    write_minimal_project(dir);
    dir.write("content/_index.md", "+++\ntitle = \"ホーム\"\n+++\n\n## 見出し {#h}\n");
    dir.write("quizzes/b.toml", kQuizB);
    dir.write("themes/default/templates/quizzes.mustache", "{{#quizzes}}never closed");
    const BuildReport report = build(dir);
    CHECK(report.exit_status() == 1);
    const auto lines = formatted(report.diagnostics);
    REQUIRE(lines.size() == 2);
    CHECK(lines[0].starts_with("themes/default/templates/quizzes.mustache: error: template 'quizzes' failed: "));
    CHECK(lines[1].starts_with("themes/default/templates/quizzes.mustache: error: template error: "));
    CHECK_FALSE(fs::exists(dir.path() / "site"));
  }

  TEST_CASE("problems found when a page is rendered carry its path") {
    TempDir dir;
    write_minimal_project(dir);
    std::string big = "+++\ntitle = \"大きい\"\n+++\n\n" + std::string(20000, 'a') + "\n\xff\n";
    dir.write("content/big.md", big);
    dir.write("content/huge.md", "+++\ntitle = \"巨大\"\n+++\n\n" + std::string((size_t{64} << 20) + 1, 'a'));
    const BuildReport report = build(dir);
    CHECK(formatted(report.diagnostics) ==
          std::vector<std::string>{
              "content/big.md:6:1: error: invalid UTF-8 (byte 0xFF): save the file as UTF-8 (is it Shift_JIS?)",
              "content/huge.md: error: file is too large (64 MB; the limit is 64 MB)"});
  }
}
