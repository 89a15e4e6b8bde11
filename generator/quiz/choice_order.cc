#include "quiz/choice_order.h"

#include <numeric>

#include "core/hashing.h"

namespace mamori {
namespace {

// xorshift32: a small deterministic stream, seeded from the question's identity. Not a
// secret: it only keeps ids from repeating the file's order.
uint32_t next(uint32_t& state) {
  state ^= state << 13;
  state ^= state >> 17;
  state ^= state << 5;
  return state;
}

}  // namespace

std::vector<size_t> choice_order(std::string_view quiz_id, const Question& question) {
  std::vector<size_t> order(question.choices.size());
  std::iota(order.begin(), order.end(), size_t{0});
  uint32_t state = fnv1a32(std::string(quiz_id) + "\n" + question.id);
  if (state == 0) state = 1;                   // xorshift's one fixed point
  for (size_t i = order.size(); i > 1; --i) {  // Fisher–Yates
    std::swap(order[i - 1], order[next(state) % i]);
  }
  return order;
}

std::string choice_id(size_t position) {
  const std::string id(1, static_cast<char>('a' + position % 26));
  return position < 26 ? id : id + std::to_string(position / 26);
}

std::vector<std::string> correct_choice_ids(std::string_view quiz_id, const Question& question) {
  if (question.type == QuestionType::true_false) return {question.answer ? "true" : "false"};
  std::vector<std::string> ids;
  const std::vector<size_t> order = choice_order(quiz_id, question);
  for (size_t p = 0; p < order.size(); ++p) {
    if (question.choices[order[p]].correct) ids.push_back(choice_id(p));
  }
  return ids;
}

std::vector<std::string> all_choice_ids(const Question& question) {
  if (question.type == QuestionType::true_false) return {"true", "false"};
  std::vector<std::string> ids;
  for (size_t p = 0; p < question.choices.size(); ++p) ids.push_back(choice_id(p));
  return ids;
}

}  // namespace mamori
