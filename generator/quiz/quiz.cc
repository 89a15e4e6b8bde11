#include "quiz/quiz.h"

#include "core/toml_reader.h"

#include <algorithm>
#include <map>

#include "core/spellcheck.h"
#include "core/text.h"

namespace mamori {

const std::vector<SelfCheckOption>& self_check_options() {
  static const std::vector<SelfCheckOption> options = {
      {"実施している", 4}, {"一部実施している", 2}, {"実施していない", 0}, {"わからない", -1}};
  return options;
}

bool is_valid_quiz_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

namespace {

std::optional<QuestionType> question_type(std::string_view name) {
  if (name == "single") return QuestionType::single;
  if (name == "multiple") return QuestionType::multiple;
  if (name == "true_false") return QuestionType::true_false;
  return std::nullopt;
}

void read_choices(TomlReader& reader, Question& question, std::vector<Diagnostic>& out) {
  const toml::array* list = reader.table_list("choices");
  if (list == nullptr) return;
  int index = 0;
  for (const toml::node& node : *list) {
    const toml::table& table = *node.as_table();
    ++index;
    const int line = first_key_line(table, question.line);
    TomlReader choice_reader(table, 0, out, "questions." + question.id + ".choices[" + std::to_string(index) + "]",
                             line, 1);
    Choice choice;
    choice.line = line;
    if (auto v = choice_reader.string("text", Need::required)) {
      choice.text = v->value;
      choice.text_line = v->line;
      if (trim(choice.text).empty()) out.push_back(error_at(v->line, v->column, "a choice's text must not be empty"));
    }
    if (auto v = choice_reader.boolean("correct")) choice.correct = v->value;
    if (auto v = choice_reader.string("feedback")) {
      choice.feedback = v->value;
      choice.feedback_line = v->line;
    }
    choice_reader.finish();
    question.choices.push_back(std::move(choice));
  }
}

}  // namespace

Quiz parse_quiz(std::string_view id, std::string_view toml, std::vector<Diagnostic>& out) {
  Quiz quiz;
  quiz.id = std::string(id);
  if (!is_valid_quiz_id(id)) {
    out.push_back(error_at(0, 0,
                           "the file name '" + std::string(id) +
                               ".toml' must use ASCII letters, digits, '-' or '_': it becomes the page's name"));
  }
  const auto table = parse_toml(toml, 0, out);
  if (!table) return quiz;
  TomlReader root(*table, 0, out);
  if (auto v = root.string("title", Need::required)) quiz.title = v->value;
  if (auto v = root.string("description")) quiz.description = v->value;
  if (auto v = root.string("type")) {
    if (v->value == "quiz") {
      quiz.type = QuizType::quiz;
    } else if (v->value == "self_check") {
      quiz.type = QuizType::self_check;
    } else {
      out.push_back(error_at(v->line, v->column,
                             "unknown quiz type '" + v->value + "': use \"quiz\" or \"self_check\"" +
                                 did_you_mean(v->value, {"quiz", "self_check"})));
    }
  }
  const bool self_check = quiz.type == QuizType::self_check;
  if (auto v = root.integer("pass_mark")) {
    if (v->value < 0 || v->value > 100) {
      out.push_back(error_at(v->line, v->column,
                             "pass_mark " + std::to_string(v->value) + " is outside 0–100 (it is a percentage)"));
    } else if (self_check) {
      out.push_back(error_at(v->line, v->column, "a self-check has no pass mark: it is scored in bands"));
    }
    quiz.pass_mark = v->value;
  }
  if (auto v = root.boolean("shuffle")) quiz.shuffle = v->value;
  std::optional<Located<int64_t>> draw = root.integer("draw");

  if (const toml::array* list = root.table_list("questions", Need::required)) {
    std::map<std::string, int> seen;
    int index = 0;
    for (const toml::node& node : *list) {
      const toml::table& entry = *node.as_table();
      ++index;
      const int line = first_key_line(entry, 1);
      Question question;
      question.line = line;
      std::string where = "questions[" + std::to_string(index) + "]";
      TomlReader reader(entry, 0, out, where, line, 1);
      if (auto v = reader.string("id", Need::required)) {
        question.id = v->value;
        if (!is_valid_quiz_id(v->value)) {
          out.push_back(error_at(v->line, v->column,
                                 "question id '" + v->value + "' must use ASCII letters, digits, '-' or '_'"));
        }
        const auto [it, inserted] = seen.emplace(v->value, v->line);
        if (!inserted) {
          out.push_back(
              error_at(v->line, v->column,
                       "duplicate question id '" + v->value + "' (also on line " + std::to_string(it->second) + ")"));
        }
      }
      const std::string name = question.id.empty() ? where : "question '" + question.id + "'";
      bool known_type = true;
      if (self_check) {
        question.type = QuestionType::self_check;
      } else if (auto v = reader.string("type", Need::required)) {
        if (auto type = question_type(v->value)) {
          question.type = *type;
        } else {
          known_type = false;
          out.push_back(error_at(v->line, v->column,
                                 "unknown question type '" + v->value + "': use single, multiple or true_false" +
                                     did_you_mean(v->value, {"single", "multiple", "true_false"})));
        }
      }
      if (auto v = reader.string("text", Need::required)) {
        question.text = v->value;
        question.text_line = v->line;
        if (trim(v->value).empty()) out.push_back(error_at(v->line, v->column, name + " has an empty text"));
      }
      if (auto v = reader.string("explanation", self_check ? Need::optional : Need::required)) {
        question.explanation = v->value;
        question.explanation_line = v->line;
      }
      if (auto v = reader.string("source", self_check ? Need::optional : Need::required)) question.source = *v;
      std::optional<Located<bool>> answer;
      if (!self_check) {
        answer = reader.boolean("answer");
        read_choices(reader, question, out);
      }
      reader.finish();

      if (question.type == QuestionType::true_false) {
        if (!answer) {
          out.push_back(error_at(line, 1, name + " is true_false but has no answer: add answer = true or false"));
        } else {
          question.answer = answer->value;
        }
        if (!question.choices.empty()) {
          out.push_back(error_at(question.choices[0].line, 1, name + " is true_false: it takes answer, not choices"));
        }
      } else if (!self_check && known_type) {
        if (answer) out.push_back(error_at(answer->line, answer->column, name + ": answer is only for true_false"));
        const auto correct =
            std::count_if(question.choices.begin(), question.choices.end(), [](const Choice& c) { return c.correct; });
        if (question.choices.size() < 2) {
          out.push_back(error_at(line, 1, name + " needs at least two choices ([[questions.choices]])"));
        } else if (question.type == QuestionType::single && correct != 1) {
          out.push_back(error_at(line, 1,
                                 correct == 0 ? name + " has no correct choice"
                                              : name + " is single but has " + std::to_string(correct) +
                                                    " correct choices: make it multiple, or mark one"));
        } else if (question.type == QuestionType::multiple && correct == 0) {
          out.push_back(error_at(line, 1, name + " has no correct choice"));
        }
      }
      quiz.questions.push_back(std::move(question));
    }
    if (list->empty()) out.push_back(error_at(1, 1, "the quiz has no questions"));
  }

  if (draw) {
    const auto pool = static_cast<int64_t>(quiz.questions.size());
    if (draw->value < 1) {
      out.push_back(error_at(draw->line, draw->column, "draw must be at least 1"));
    } else if (draw->value > pool) {
      out.push_back(error_at(draw->line, draw->column,
                             "draw = " + std::to_string(draw->value) + " is larger than the pool of " +
                                 std::to_string(pool) + " questions"));
    } else {
      quiz.draw = draw->value;
    }
  }

  if (const toml::array* bands = root.table_list("bands", self_check ? Need::required : Need::optional)) {
    if (!self_check) out.push_back(error_at(1, 1, "bands are for self-checks (type = \"self_check\")"));
    int index = 0;
    for (const toml::node& node : *bands) {
      const toml::table& entry = *node.as_table();
      ++index;
      const int line = first_key_line(entry, 1);
      TomlReader reader(entry, 0, out, "bands[" + std::to_string(index) + "]", line, 1);
      Band band;
      band.line = line;
      if (auto v = reader.integer("min", Need::required)) {
        band.min = v->value;
        band.line = v->line;
        band.column = v->column;
      }
      if (auto v = reader.string("label", Need::required)) band.label = v->value;
      if (auto v = reader.string("advice", Need::required)) band.advice = v->value;
      reader.finish();
      quiz.bands.push_back(std::move(band));
    }
    std::stable_sort(quiz.bands.begin(), quiz.bands.end(), [](const Band& a, const Band& b) { return a.min < b.min; });
    for (size_t i = 1; i < quiz.bands.size(); ++i) {
      if (quiz.bands[i].min == quiz.bands[i - 1].min) {
        out.push_back(error_at(quiz.bands[i].line, quiz.bands[i].column, "two bands start at the same score"));
      }
    }
    const int64_t lowest = -static_cast<int64_t>(quiz.questions.size());  // every answer "わからない"
    if (!quiz.bands.empty() && quiz.bands.front().min > lowest) {
      out.push_back(error_at(quiz.bands.front().line, quiz.bands.front().column,
                             "the lowest band starts at " + std::to_string(quiz.bands.front().min) +
                                 ", but a total can be as low as " + std::to_string(lowest) + ": start it there"));
    }
  }
  root.finish();
  return quiz;
}

}  // namespace mamori
