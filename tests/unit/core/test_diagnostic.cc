#include <doctest/doctest.h>

#include "core/diagnostic.h"

using namespace mamori;

TEST_SUITE("diagnostic") {
  TEST_CASE("the position parts that are known are printed") {
    Diagnostic d = error_at(12, 5, "link to missing page 'cyber/backup.md'");
    d.path = "content/cyber/ransomware.md";
    CHECK(format_diagnostic(d) == "content/cyber/ransomware.md:12:5: error: link to missing page 'cyber/backup.md'");
    d.column = 0;
    CHECK(format_diagnostic(d) == "content/cyber/ransomware.md:12: error: link to missing page 'cyber/backup.md'");
    d.line = 0;
    d.severity = Severity::warning;
    CHECK(format_diagnostic(d) == "content/cyber/ransomware.md: warning: link to missing page 'cyber/backup.md'");
  }

  TEST_CASE("the caret lines up under wide characters") {
    Diagnostic d = error_at(3, 4, "問題");
    d.path = "a.md";
    d.source_line = "日本語x";
    CHECK(format_with_caret(d) == "a.md:3:4: error: 問題\n 3 | 日本語x\n   |       ^");
  }

  TEST_CASE("Diagnostics::error and warning name the file and keep the message printable") {
    Diagnostics diagnostics;
    diagnostics.error("content/a.md", 3, 4, "bad\nline");
    diagnostics.warning("mamori.toml", 0, 0, "old");
    REQUIRE(diagnostics.items().size() == 2);
    CHECK(format_diagnostic(diagnostics.items()[0]) == "content/a.md:3:4: error: bad\\x0Aline");
    CHECK(format_diagnostic(diagnostics.items()[1]) == "mamori.toml: warning: old");
    CHECK(diagnostics.error_count() == 1);
    CHECK(diagnostics.warning_count() == 1);
  }

  TEST_CASE("sorting orders by file and position and drops duplicates") {
    Diagnostics all;
    auto at = [](std::string path, int line) {
      Diagnostic d = error_at(line, 1, "x");
      d.path = std::move(path);
      return d;
    };
    all.add(at("b.md", 1));
    all.add(at("a.md", 9));
    all.add(at("a.md", 2));
    all.add(at("a.md", 2));
    all.sort();
    REQUIRE(all.items().size() == 3);
    CHECK(all.items()[0].line == 2);
    CHECK(all.items()[1].line == 9);
    CHECK(all.items()[2].path == "b.md");
    CHECK(all.error_count() == 3);
    CHECK(all.warning_count() == 0);
  }

  TEST_CASE("line_of finds lines with either line ending") {
    CHECK(line_of("a\r\nb\nc", 2) == "b");
    CHECK(line_of("a\r\nb\nc", 1) == "a");
    CHECK(line_of("a", 3).empty());
  }

  TEST_CASE("a lone CR ends a line, as positions count it") {
    CHECK(line_of("a\rb\r\nc\nd", 2) == "b");
    CHECK(line_of("a\rb\r\nc\nd", 3) == "c");
    CHECK(line_of("a\rb\r\nc\nd", 4) == "d");
    CHECK(line_of("a\r", 2).empty());
    CHECK(line_of("a\r", 3).empty());
    std::vector<Diagnostic> ds = {error_at(3, 2, "x"), error_at(2, 1, "y"), error_at(5, 1, "z")};
    attach_source_lines(ds, "one\rtwo\r\nthree\rfour");
    CHECK(ds[0].source_line == "three");
    CHECK(ds[1].source_line == "two");
    CHECK(ds[2].source_line.empty());
  }
}

TEST_SUITE("diagnostic") {
  TEST_CASE("long lines are shown as an excerpt around the column") {
    std::vector<Diagnostic> ds = {error_at(2, 200, "ここ")};
    ds[0].path = "a.md";
    const std::string text = "first\n" + std::string(199, 'x') + "Y" + std::string(300, 'z') + "\n";
    attach_source_lines(ds, text);
    CHECK(ds[0].source_line_start == 140);
    CHECK(ds[0].source_line.size() == 120);
    CHECK(format_with_caret(ds[0]) == "a.md:2:200: error: ここ\n 2 | …" + std::string(60, 'x') + "Y" +
                                          std::string(59, 'z') + "\n   | " + std::string(61, ' ') + "^");
  }
}

TEST_SUITE("diagnostic messages") {
  // fuzz_config, fuzz_quiz: toml++ quotes the text it saw, newline included, and the
  // one-line diagnostic split in two.
  TEST_CASE("control characters and invalid UTF-8 in a message are made visible") {
    CHECK(error_at(1, 2, "saw 'fals\n'").message == "saw 'fals\\x0A'");
    CHECK(warning_at(1, 2, "a\tb\rc\x1b]0;x\x07").message == "a\\x09b\\x0Dc\\x1B]0;x\\x07");
    CHECK(error_at(1, 2, "c1 \xc2\x9b and bad \xff end").message == "c1 \\u009B and bad \uFFFD end");
    CHECK(error_at(1, 2, "bidi \u202e").message == "bidi \\u202E");
    CHECK(error_at(1, 2, "見出し「同じ」").message == "見出し「同じ」");
  }

  TEST_CASE("the source line under a diagnostic shows no control characters") {
    Diagnostic d = error_at(1, 4, "x");
    d.path = "a.md";
    d.source_line = "\x1b]0;t\x07 \u202e\xff y";
    CHECK(format_with_caret(d) == "a.md:1:4: error: x\n 1 | ?]0;t? ?\uFFFD y\n   |    ^");
  }
}

TEST_SUITE("diagnostic") {
  TEST_CASE("control characters in a path or message are escaped: one diagnostic, one line") {
    Diagnostic d = error_at(0, 0, "output path 'a\nb.html' is also produced by x");
    d.path = "content/a\nb\tc\x1b\x7f.md";
    CHECK(format_diagnostic(d) ==
          "content/a\\x0Ab\\x09c\\x1B\\x7F.md: error: output path 'a\\x0Ab.html' is also produced by x");
    d.path = "content/bad\xff\u202e.md";
    CHECK(format_diagnostic(d) ==
          "content/bad\uFFFD\\u202E.md: error: output path 'a\\x0Ab.html' is also produced by x");
  }
}
