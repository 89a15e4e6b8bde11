// docs/results.md is what HR and script writers read: its headers and fields are pinned here
// against what the code reads and writes, so the two cannot drift apart.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "results/command.h"
#include "results/record_csv.h"
#include "results/report.h"

using namespace mamori;

namespace {

std::string doc() {
  std::ifstream in(std::filesystem::path(MAMORI_SOURCE_DIR) / "docs" / "results.md", std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// "a,b,c" as the doc writes a list: "a, b, c".
std::string listed(std::string_view header) {
  std::string out;
  for (const char c : header) out += c == ',' ? std::string(", ") : std::string(1, c);
  return out;
}

}  // namespace

TEST_SUITE("results: docs/results.md") {
  TEST_CASE("the CSV download's headers, exactly") {
    const std::string text = doc();
    CHECK(text.find("| " + listed(kQuizCsvHeader) + " | " + listed(kSelfCheckCsvHeader) + " |") != std::string::npos);
  }

  TEST_CASE("the columns of 受講状況.csv, in order") {
    const std::string csv = completion_csv(Completion{}, false);
    const std::string header = csv.substr(3, csv.find('\r') - 3);
    std::string columns = listed(header);
    for (const char* annotated : {"状況", "修了証番号"}) {
      CHECK(columns.find(annotated) != std::string::npos);
    }
    columns.replace(columns.find("修了証番号"), std::string("修了証番号").size(), "修了証番号 (of the first pass)");
    columns.replace(columns.find("名簿"), std::string("名簿").size(), "名簿 (あり/なし)");
    std::string flowed = doc();
    for (size_t at = flowed.find('\n'); at != std::string::npos; at = flowed.find('\n', at)) flowed[at] = ' ';
    CHECK(flowed.find(columns) != std::string::npos);
  }

  TEST_CASE("every field of a standing in completion.json is in the example") {
    ResultRecord r;
    r.quiz_id = "cyber";
    r.total = 1;
    r.date_utc = "2026-12-01T00:00:00Z";
    const Completion c = summarize({HandedIn{"a.json", r}}, {}, {});
    const auto json = nlohmann::json::parse(completion_json(c, false));
    const std::string text = doc();
    for (const auto& [key, value] : json.items())
      CHECK_MESSAGE(text.find("\"" + key + "\":") != std::string::npos, key);
    for (const auto& [key, value] : json["people"][0]["quizzes"]["cyber"].items()) {
      CHECK_MESSAGE(text.find("\"" + key + "\":") != std::string::npos, key);
    }
  }
}
