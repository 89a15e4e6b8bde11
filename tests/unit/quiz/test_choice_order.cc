#include <doctest/doctest.h>

#include <algorithm>
#include <set>

#include "quiz/choice_order.h"

using namespace mamori;

namespace {

Question single(std::string id, size_t choices, size_t correct) {
  Question q;
  q.id = std::move(id);
  for (size_t c = 0; c < choices; ++c) {
    Choice choice;
    choice.text = "choice " + std::to_string(c);
    choice.correct = c == correct;
    q.choices.push_back(choice);
  }
  return q;
}

}  // namespace

TEST_SUITE("quiz: choice order") {
  TEST_CASE("a permutation of the file's order, the same on every call") {
    const Question q = single("sns", 4, 0);
    std::vector<size_t> order = choice_order("cyber", q);
    CHECK(order == choice_order("cyber", q));
    std::sort(order.begin(), order.end());
    CHECK(order == std::vector<size_t>{0, 1, 2, 3});
  }

  TEST_CASE("regression: the right answer written first is not 'a' in most questions") {
    // Every bundled bank had its right answer first, and ids in file order gave it away.
    int first = 0;
    std::set<std::string> ids;
    for (int n = 0; n < 100; ++n) {
      const auto correct = correct_choice_ids("cyber", single("q" + std::to_string(n), 4, 0));
      REQUIRE(correct.size() == 1);
      ids.insert(correct[0]);
      if (correct[0] == "a") ++first;
    }
    CHECK(ids == std::set<std::string>{"a", "b", "c", "d"});
    CHECK(first < 40);  // about a quarter, not all
  }

  TEST_CASE("ids: a … z, then a1 …; true/false questions have true and false") {
    CHECK(choice_id(0) == "a");
    CHECK(choice_id(25) == "z");
    CHECK(choice_id(26) == "a1");
    Question tf;
    tf.type = QuestionType::true_false;
    tf.answer = false;
    CHECK(correct_choice_ids("x", tf) == std::vector<std::string>{"false"});
    CHECK(all_choice_ids(tf) == std::vector<std::string>{"true", "false"});
    CHECK(all_choice_ids(single("q", 3, 1)) == std::vector<std::string>{"a", "b", "c"});
  }
}
