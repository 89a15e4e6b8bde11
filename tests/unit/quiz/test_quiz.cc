#include <doctest/doctest.h>

#include "helpers.h"
#include "quiz/quiz.h"
#include "site/quiz_page.h"

using namespace mamori;
using mamori::testing::formatted;

namespace {

std::vector<std::string> problems(std::string_view toml, std::string_view id = "phishing") {
  std::vector<Diagnostic> out;
  parse_quiz(id, toml, out);
  return formatted(out);
}

const char* const kGood =
    "title = \"接近手口を見抜く\"\n"
    "pass_mark = 80\n"
    "draw = 2\n"
    "\n"
    "[[questions]]\n"
    "id = \"sns\"\n"
    "type = \"single\"\n"
    "text = \"SNS で…\"\n"
    "explanation = \"組織として対応します。\"\n"
    "source = \"../content/approaches/warning-signs.md#sns\"\n"
    "  [[questions.choices]]\n"
    "  text = \"上司に伝える\"\n"
    "  correct = true\n"
    "  [[questions.choices]]\n"
    "  text = \"一人で会う\"\n"
    "  feedback = \"一人では会いません。\"\n"
    "\n"
    "[[questions]]\n"
    "id = \"ransom\"\n"
    "type = \"true_false\"\n"
    "text = \"身代金はすぐ払う。\"\n"
    "answer = false\n"
    "explanation = \"払いません。\"\n"
    "source = \"../content/cyber/support.md#four-messages\"\n";

}  // namespace

TEST_SUITE("quiz") {
  TEST_CASE("a valid quiz is read") {
    std::vector<Diagnostic> out;
    const Quiz quiz = parse_quiz("phishing", kGood, out);
    CHECK(formatted(out).empty());
    CHECK(quiz.title == "接近手口を見抜く");
    CHECK(quiz.draw == 2);
    REQUIRE(quiz.questions.size() == 2);
    CHECK(quiz.questions[0].choices.size() == 2);
    CHECK(quiz.questions[0].choices[1].feedback == "一人では会いません。");
    CHECK(quiz.questions[0].source.value == "../content/approaches/warning-signs.md#sns");
    CHECK(quiz.questions[0].source.line == 10);
    CHECK(quiz.questions[1].type == QuestionType::true_false);
    CHECK_FALSE(quiz.questions[1].answer);
  }

  TEST_CASE("every rule is checked, with exact messages") {
    CHECK(
        problems(
            "title = \"q\"\npass_mark = 120\ndraw = 6\nshufle = true\n"
            "[[questions]]\nid = \"a\"\ntype = \"single\"\ntext = \"t\"\nexplanation = \"e\"\nsource = \"s\"\n"
            "  [[questions.choices]]\n  text = \"x\"\n  [[questions.choices]]\n  text = \"y\"\n"
            "[[questions]]\nid = \"a\"\ntype = \"multiple\"\ntext = \"t\"\nexplanation = \"e\"\nsource = \"s\"\n"
            "  [[questions.choices]]\n  text = \"x\"\n  [[questions.choices]]\n  text = \"y\"\n"
            "[[questions]]\nid = \"tf\"\ntype = \"true_false\"\ntext = \"t\"\nexplanation = \"e\"\nsource = \"s\"\n"
            "[[questions]]\nid = \"two\"\ntype = \"single\"\ntext = \"t\"\nsource = \"s\"\n"
            "  [[questions.choices]]\n  text = \"x\"\n  correct = true\n"
            "  [[questions.choices]]\n  text = \"y\"\n  correct = true\n  colour = 1\n"
            "[[questions]]\nid = \"kind\"\ntype = \"singel\"\ntext = \"t\"\nexplanation = \"e\"\nsource = \"s\"\n") ==
        std::vector<std::string>{
            "2:13: error: pass_mark 120 is outside 0–100 (it is a percentage)",
            "6:1: error: question 'a' has no correct choice", "16:6: error: duplicate question id 'a' (also on line 6)",
            "16:1: error: question 'a' has no correct choice",
            "26:1: error: question 'tf' is true_false but has no answer: add answer = true or false",
            "32:1: error: missing required key 'questions[4].explanation'",
            "42:3: error: unknown key 'questions.two.choices[2].colour' (did you mean "
            "'questions.two.choices[2].correct'?)",
            "32:1: error: question 'two' is single but has 2 correct choices: make it multiple, or mark one",
            "45:8: error: unknown question type 'singel': use single, multiple or true_false (did you mean 'single'?)",
            "3:8: error: draw = 6 is larger than the pool of 5 questions",
            "4:1: error: unknown key 'shufle' (did you mean 'shuffle'?)"});
  }

  TEST_CASE("section names a folder of content/ as written; blank is an error, absent is none") {
    std::vector<Diagnostic> out;
    Quiz quiz = parse_quiz("phishing", std::string("section = \"cyber\"\n") + kGood, out);
    CHECK(formatted(out).empty());
    CHECK(quiz.section.value == "cyber");
    CHECK(quiz.section.line == 1);
    CHECK(quiz.section.column == 11);
    quiz = parse_quiz("phishing", kGood, out);
    CHECK(quiz.section.value.empty());
    CHECK(
        problems(std::string("section = \" \"\n") + kGood) ==
        std::vector<std::string>{"1:11: error: section must not be empty: name a folder of content/, or leave it out"});
    CHECK(problems(std::string("section = 3\n") + kGood) ==
          std::vector<std::string>{"1:11: error: 'section' must be a string in quotes, not an integer"});
  }

  TEST_CASE("missing ids and a bad file name are reported") {
    CHECK(problems("title = \"q\"\n[[questions]]\ntype = \"true_false\"\ntext = \"t\"\nanswer = true\n"
                   "explanation = \"e\"\nsource = \"s\"\n",
                   "bad name") == std::vector<std::string>{"error: the file name 'bad name.toml' must use ASCII "
                                                           "letters, digits, '-' or '_': it becomes the page's name",
                                                           "3:1: error: missing required key 'questions[1].id'"});
  }

  // parse_quiz has no check of its own for an empty list: toml++ does not count `[]` as a
  // list of tables, so the reader refuses it, and [[questions]] always adds one.
  TEST_CASE("an empty list of questions is refused") {
    CHECK(problems("title = \"q\"\nquestions = []\n") ==
          std::vector<std::string>{"2:13: error: 'questions' must be a list of tables ([[questions]]), not a list"});
  }

  TEST_CASE("the self-check scale is defined once, with its lowest and highest totals") {
    CHECK(self_check_options().size() == kSelfCheckOptions.size());
    CHECK(self_check_lowest_total(23) == -23);
    CHECK(self_check_highest_total(23) == 92);
    CHECK(self_check_lowest_total(0) == 0);
  }

  TEST_CASE("self-checks are scored in bands that cover every total") {
    const char* const kSelfCheck =
        "title = \"自己診断\"\ntype = \"self_check\"\n"
        "[[questions]]\nid = \"a\"\ntext = \"鍵をかけている\"\n"
        "[[questions]]\nid = \"b\"\ntext = \"ルールがある\"\n"
        "[[bands]]\nmin = -2\nlabel = \"まず把握から\"\nadvice = \"…\"\n"
        "[[bands]]\nmin = 6\nlabel = \"よくできています\"\nadvice = \"…\"\n";
    std::vector<Diagnostic> out;
    const Quiz quiz = parse_quiz("self", kSelfCheck, out);
    CHECK(formatted(out).empty());
    CHECK(quiz.type == QuizType::self_check);
    CHECK(quiz.questions[0].type == QuestionType::self_check);
    CHECK(quiz.bands.size() == 2);
    CHECK(self_check_options().front().score == 4);
    CHECK(self_check_options().back().score == -1);
    std::string gap(kSelfCheck);
    gap.replace(gap.find("min = -2"), 8, "min = 0");
    CHECK(problems(gap, "self") ==
          std::vector<std::string>{
              "10:7: error: the lowest band starts at 0, but a total can be as low as -2: start it there"});
  }

  TEST_CASE("the question bank version ignores a BOM and line endings, and changes with the text") {
    const std::string lf = "title = \"a\"\n";
    CHECK(question_bank_version(lf).size() == 16);
    CHECK(question_bank_version(lf) == question_bank_version("\xEF\xBB\xBFtitle = \"a\"\r\n"));
    CHECK(question_bank_version(lf) != question_bank_version("title = \"b\"\n"));
    std::vector<Diagnostic> out;
    CHECK(parse_quiz("x", lf, out).version == question_bank_version(lf));
  }
}
