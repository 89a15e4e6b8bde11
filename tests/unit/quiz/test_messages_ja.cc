// The Japanese of the quiz bank's messages (po/ja.po), as parse_quiz and
// bank_pattern_warnings make them.
#include <doctest/doctest.h>

#include <clocale>
#include <cstdlib>
#include <optional>
#include <string>

#include "core/i18n.h"
#include "helpers.h"
#include "i18n_guard.h"
#include "quiz/bank_patterns.h"
#include "quiz/quiz.h"

using namespace mamori;
using mamori::testing::formatted;

namespace {

std::vector<std::string> problems(std::string_view toml, std::string_view id = "phishing") {
  std::vector<Diagnostic> out;
  parse_quiz(id, toml, out);
  return formatted(out);
}

std::string true_false(const std::string& id, bool answer) {
  return "[[questions]]\nid = \"" + id +
         "\"\ntype = \"true_false\"\ntext = \"t\"\nanswer = " + (answer ? "true" : "false") +
         "\nexplanation = \"e\"\nsource = \"../content/a.md#x\"\n\n";
}

}  // namespace

TEST_SUITE("quiz: messages in Japanese") {
  TEST_CASE("an unknown question type with did-you-mean, a duplicate id, a wrong pass mark") {
    const JapaneseMessages japanese;
    CHECK(problems("title = \"Q\"\npass_mark = 120\n"
                   "[[questions]]\nid = \"a\"\ntype = \"singel\"\ntext = \"t\"\nexplanation = \"e\"\nsource = \"s\"\n"
                   "[[questions]]\nid = \"a\"\ntype = \"true_false\"\ntext = \"t\"\nanswer = true\n"
                   "explanation = \"e\"\nsource = \"s\"\n") ==
          std::vector<std::string>{
              "2:13: error: pass_mark 120 が 0～100 の範囲外です（合格点はパーセントで書きます）",
              "5:8: error: 不明な問題の種類 'singel' です。single、multiple、true_false "
              "のどれかを使ってください（'single' の間違いではありませんか？）",
              "10:6: error: 問題の ID 'a' が重複しています (4 行目にもあります)",
          });
  }

  TEST_CASE("choices: too few, none correct, two correct in a single; unknown key in a choice") {
    const JapaneseMessages japanese;
    CHECK(problems("title = \"Q\"\n"
                   "[[questions]]\nid = \"a\"\ntype = \"single\"\ntext = \"t\"\nexplanation = \"e\"\nsource = \"s\"\n"
                   "[[questions.choices]]\ntext = \"x\"\ncorect = true\n") ==
          std::vector<std::string>{
              "10:1: error: 不明なキー 'questions.a.choices[1].corect' "
              "です（'questions.a.choices[1].correct' の間違いではありませんか？）",
              "3:1: error: 問題 'a' には選択肢が 2 つ以上必要です ([[questions.choices]])",
          });
    CHECK(problems("title = \"Q\"\n"
                   "[[questions]]\nid = \"b\"\ntype = \"single\"\ntext = \"t\"\nexplanation = \"e\"\nsource = \"s\"\n"
                   "[[questions.choices]]\ntext = \"x\"\ncorrect = true\n"
                   "[[questions.choices]]\ntext = \"y\"\ncorrect = true\n") ==
          std::vector<std::string>{"3:1: error: 問題 'b' は single ですが、正解の選択肢が 2 "
                                   "つあります。multiple にするか、正解を 1 つにしてください"});
  }

  TEST_CASE("draw larger than the pool, and a quiz type with did-you-mean") {
    const JapaneseMessages japanese;
    CHECK(problems("title = \"Q\"\ntype = \"quizz\"\ndraw = 3\n" + true_false("a", true)) ==
          std::vector<std::string>{
              "2:8: error: 不明なクイズの種類 'quizz' です。\"quiz\" か \"self_check\" "
              "を使ってください（'quiz' の間違いではありませんか？）",
              "3:8: error: draw = 3 が問題の数 (1 問) を超えています",
          });
  }

  TEST_CASE("the warning about true/false answers that lean one way") {
    const JapaneseMessages japanese;
    std::string bank = "title = \"Q\"\n";
    for (int i = 0; i < 7; ++i) bank += true_false("f" + std::to_string(i), false);
    bank += true_false("t", true);
    std::vector<Diagnostic> out;
    const Quiz quiz = parse_quiz("q", bank, out);
    REQUIRE(out.empty());
    CHECK(formatted(bank_pattern_warnings(quiz)) ==
          std::vector<std::string>{"3:1: warning: true/false の正解が偏っています (8 問中 7 問が "
                                   "'false')。当て推量で合格できないよう、釣り合いをとってください"});
  }
}
