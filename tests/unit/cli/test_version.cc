#include "cli/version.h"

#include <doctest/doctest.h>

#include <sstream>
#include <string>
#include <vector>

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_SUITE("version") {
  TEST_CASE("the first line is mamori and the project version, the form help2man reads") {
    const auto lines = lines_of(mamori::version_text());
    REQUIRE_FALSE(lines.empty());
    CHECK(lines.front() == "mamori 0.1.0");
  }

  TEST_CASE("each library mamori runs with has a line with its name and a version number") {
    const auto lines = lines_of(mamori::version_text());
    for (const std::string name : {"cmark-gfm ", "toml++ ", "libcurl ", "utf8proc ", "libzip ", "zlib "}) {
      CAPTURE(name);
      int found = 0;
      for (const auto& line : lines) {
        if (!line.starts_with(name)) continue;
        ++found;
        const std::string version = line.substr(name.size());
        CHECK_FALSE(version.empty());
        CHECK(version.find('.') != std::string::npos);
        CHECK((version.front() >= '0' && version.front() <= '9'));
      }
      CHECK(found == 1);
    }
  }

  TEST_CASE("the text ends without a newline, as CLI11 adds one") {
    const std::string text = mamori::version_text();
    CHECK(text.back() != '\n');
  }
}
