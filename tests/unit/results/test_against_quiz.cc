#include <doctest/doctest.h>

#include "results/against_quiz.h"

using namespace mamori;

namespace {

// Today's quiz: two questions, 's' (choices a–c, b right) and 't' (true/false, true right).
CurrentQuiz today() {
  CurrentQuiz q;
  q.version = "00000000000000aa";
  q.pass_mark = 50;
  q.questions_per_attempt = 2;
  q.questions = {"s", "t"};
  q.choice_ids = {{"s", {"a", "b", "c"}}, {"t", {"false", "true"}}};
  q.right_answers = {{"s", {"b"}}, {"t", {"true"}}};
  return q;
}

ResultRecord answered(std::vector<std::string> s, bool s_right, std::vector<std::string> t, bool t_right) {
  ResultRecord r;
  r.quiz_version = "00000000000000aa";
  r.pass_mark = 50;
  r.total = 2;
  r.answers = {{"s", "", std::move(s), s_right, std::nullopt}, {"t", "", std::move(t), t_right, std::nullopt}};
  return r;
}

}  // namespace

TEST_SUITE("results: against today's quiz") {
  TEST_CASE("answers that add up against the bank fit, unanswered ones too") {
    CHECK(differences_from_quiz(answered({"b"}, true, {"false"}, false), today()).empty());
    CHECK(differences_from_quiz(answered({}, false, {"true"}, true), today()).empty());
  }

  TEST_CASE("regression: an answer marked right whose choice is wrong, or a choice the question lacks") {
    CHECK(differences_from_quiz(answered({"a"}, true, {"true"}, true), today()) ==
          std::vector<std::string>{"question 's' is marked right, but the answer chosen is not the right one"});
    CHECK(differences_from_quiz(answered({"b"}, false, {"false"}, true), today()) ==
          std::vector<std::string>{"question 's' is marked wrong, but the answer chosen is the right one (and 1 "
                                   "more answer)"});
    CHECK(differences_from_quiz(answered({"zzz"}, false, {"true"}, true), today()) ==
          std::vector<std::string>{"question 's': 'zzz' is not one of its choices"});
  }

  TEST_CASE("a record without its bank's version is read against today's; an older bank's answers are not") {
    ResultRecord r = answered({"a"}, true, {"true"}, true);
    r.quiz_version.clear();
    CHECK(differences_from_quiz(r, today()).size() == 1);
    r.quiz_version = "0123456789abcdef";
    CHECK(differences_from_quiz(r, today()).empty());
  }

  TEST_CASE("a CSV download's answers are words: not checked") {
    ResultRecord r = answered({}, true, {}, true);
    r.source = RecordSource::csv;
    CHECK(differences_from_quiz(r, today()).empty());
  }
}
