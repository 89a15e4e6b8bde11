#include <doctest/doctest.h>

#include "helpers.h"
#include "quiz/bank_patterns.h"

using namespace mamori;
using mamori::testing::formatted;

namespace {

// A true/false question (8 lines).
std::string true_false(const std::string& id, bool answer) {
  return "[[questions]]\nid = \"" + id +
         "\"\ntype = \"true_false\"\ntext = \"t\"\nanswer = " + (answer ? "true" : "false") +
         "\nexplanation = \"e\"\nsource = \"../content/a.md#x\"\n\n";
}

// A single-choice question whose choices are `correct` (first) and `others`.
std::string single(const std::string& id, const std::string& correct, const std::vector<std::string>& others) {
  std::string toml = "[[questions]]\nid = \"" + id +
                     "\"\ntype = \"single\"\ntext = \"t\"\nexplanation = \"e\"\nsource = \"../content/a.md#x\"\n"
                     "[[questions.choices]]\ntext = \"" +
                     correct + "\"\ncorrect = true\n";
  for (const auto& other : others) toml += "[[questions.choices]]\ntext = \"" + other + "\"\n";
  return toml + "\n";
}

std::vector<std::string> warnings_of(const std::string& questions, const std::string& head = "title = \"Q\"\n") {
  std::vector<Diagnostic> out;
  const Quiz quiz = parse_quiz("q", head + questions, out);
  REQUIRE(formatted(out).empty());
  return formatted(bank_pattern_warnings(quiz));
}

}  // namespace

TEST_SUITE("quiz bank patterns") {
  TEST_CASE("true/false answers leaning over 75% one way are named with the split") {
    std::string bank;
    for (int i = 0; i < 7; ++i) bank += true_false("f" + std::to_string(i), false);
    bank += true_false("t", true);
    CHECK(warnings_of(bank) ==
          std::vector<std::string>{"3:1: warning: true/false answers lean one way: 7 of 8 are 'false'; balance them "
                                   "so a guess does not pass"});
    // 6 of 8 is 75%: not over.
    std::string balanced;
    for (int i = 0; i < 6; ++i) balanced += true_false("f" + std::to_string(i), false);
    balanced += true_false("t1", true) + true_false("t2", true);
    CHECK(warnings_of(balanced).empty());
    // Three questions are too few to tell.
    CHECK(warnings_of(true_false("a", true) + true_false("b", true) + true_false("c", true)).empty());
    CHECK(warnings_of(true_false("a", true) + true_false("b", true) + true_false("c", true) + true_false("d", true)) ==
          std::vector<std::string>{"3:1: warning: true/false answers lean one way: 4 of 4 are 'true'; balance them "
                                   "so a guess does not pass"});
  }

  TEST_CASE("the correct choice being the longest in most single-choice questions is named with the count") {
    const std::string bank = single("a", "長い正しい答えです", {"短い", "違う"}) +
                             single("b", "これも長い正解の文", {"誤り", "別"}) +
                             single("c", "正解はやはり長い", {"短い答え"}) + single("d", "短", {"こちらが長い誤り"});
    CHECK(warnings_of(bank) ==
          std::vector<std::string>{"3:1: warning: the correct choice is the longest in 3 of 4 single-choice "
                                   "questions; write other choices of similar length so the longest is not a safe "
                                   "guess"});
    // Half is not most; a tie is not the longest.
    CHECK(warnings_of(single("a", "長い正しい答え", {"短い"}) + single("b", "同じ長さの正解", {"同じ長さの誤り"}) +
                      single("c", "短", {"長い誤りの答え"}) + single("d", "長い正解です", {"短め"}))
              .empty());
    // Markdown does not count: a link's target and emphasis marks are not read.
    CHECK(warnings_of(single("a", "[短](https://example.jp/very/long/path)", {"長い誤り"}) +
                      single("b", "**正解**", {"長い誤り"}) + single("c", "正しい", {"長い誤り"}) +
                      single("d", "長い正解です", {"短い"}))
              .empty());
    // Three questions are too few to tell.
    CHECK(warnings_of(single("a", "長い正しい答え", {"短い"}) + single("b", "長い正しい答え2", {"短い"}) +
                      single("c", "長い正しい答え3", {"短い"}))
              .empty());
  }

  TEST_CASE("a choice repeating another question's correct answer is warned at that choice") {
    const std::string bank = single("a", "上司に相談する", {"放っておく"}) +
                             single("b", "すぐに返信する", {"**上司に相談する**", "削除する"});
    CHECK(warnings_of(bank) ==
          std::vector<std::string>{"24:9: warning: question 'b': this choice repeats the correct answer of question "
                                   "'a' word for word; reword one of them so one question does not give the other's "
                                   "answer away"});
    // The same wrong choice in two questions gives nothing away.
    CHECK(warnings_of(single("a", "上司に相談する", {"放っておく"}) + single("b", "すぐに返信する", {"放っておく"}))
              .empty());
  }

  TEST_CASE("a self-check has no answers to lean") {
    CHECK(warnings_of("[[questions]]\nid = \"a\"\ntext = \"t\"\n[[bands]]\nmin = -1\nlabel = \"l\"\nadvice = \"a\"\n",
                      "title = \"Q\"\ntype = \"self_check\"\n")
              .empty());
  }

  TEST_CASE("the text of Markdown, roughly") {
    CHECK(plain_text_of("[出典](../content/a.md#x)を **必ず** 見る") == "出典を 必ず 見る");
    CHECK(plain_text_of("  `code`\n\n_a_  ") == "code a");
    CHECK(plain_text_of("ｶ") == "ｶ");
    CHECK(plain_text_of("e\xCC\x81") == "\xC3\xA9");  // NFC
  }
}
