#include "quiz/quiz.h"

#include <algorithm>
#include <map>

#include "core/hashing.h"
#include "core/i18n.h"
#include "core/spellcheck.h"
#include "core/text.h"
#include "core/toml_reader.h"
#include "core/utf8.h"

namespace mamori {

std::span<const SelfCheckOption> self_check_options() {
  return kSelfCheckOptions;
}

int64_t self_check_lowest_total(size_t questions) {
  const auto lowest = std::ranges::min(kSelfCheckOptions, {}, &SelfCheckOption::score).score;
  return lowest * static_cast<int64_t>(questions);
}

int64_t self_check_highest_total(size_t questions) {
  const auto highest = std::ranges::max(kSelfCheckOptions, {}, &SelfCheckOption::score).score;
  return highest * static_cast<int64_t>(questions);
}

bool is_valid_quiz_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

namespace {

// The quiz's own keys, before its questions.

void check_file_name(std::string_view id, std::vector<Diagnostic>& out) {
  if (is_valid_quiz_id(id)) return;
  out.push_back(error_at(
      0, 0,
      format(tr("the file name '{0}.toml' must use ASCII letters, digits, '-' or '_': it becomes the page's name"),
             id)));
}

void read_quiz_type(TomlReader& root, Quiz& quiz, std::vector<Diagnostic>& out) {
  auto v = root.string("type");
  if (!v) return;
  if (v->value == "quiz") {
    quiz.type = QuizType::quiz;
  } else if (v->value == "self_check") {
    quiz.type = QuizType::self_check;
  } else {
    out.push_back(error_at(v->line, v->column,
                           format(tr("unknown quiz type '{0}': use \"quiz\" or \"self_check\""), v->value) +
                               did_you_mean(v->value, {"quiz", "self_check"})));
  }
}

void read_pass_mark(TomlReader& root, Quiz& quiz, std::vector<Diagnostic>& out) {
  auto v = root.integer("pass_mark");
  if (!v) return;
  if (v->value < 0 || v->value > 100) {
    out.push_back(
        error_at(v->line, v->column, format(tr("pass_mark {0} is outside 0–100 (it is a percentage)"), v->value)));
  } else if (quiz.type == QuizType::self_check) {
    out.push_back(error_at(v->line, v->column, tr("a self-check has no pass mark: it is scored in bands")));
  }
  quiz.pass_mark = v->value;
}

// `section` is only read here: whether the folder exists is the loader's to say.
void read_section(TomlReader& root, Quiz& quiz, std::vector<Diagnostic>& out) {
  auto v = root.string("section");
  if (!v) return;
  if (trim(v->value).empty()) {
    out.push_back(
        error_at(v->line, v->column, tr("section must not be empty: name a folder of content/, or leave it out")));
    return;
  }
  quiz.section = *v;
}

// Title, description, type, pass_mark, shuffle and section.
void read_settings(TomlReader& root, Quiz& quiz, std::vector<Diagnostic>& out) {
  if (auto v = root.string("title", Need::required)) quiz.title = v->value;
  if (auto v = root.string("description")) quiz.description = v->value;
  read_quiz_type(root, quiz, out);
  read_pass_mark(root, quiz, out);
  if (auto v = root.boolean("shuffle")) quiz.shuffle = v->value;
  read_section(root, quiz, out);
}

// One [[questions]] entry.

std::optional<QuestionType> question_type(std::string_view name) {
  if (name == "single") return QuestionType::single;
  if (name == "multiple") return QuestionType::multiple;
  if (name == "true_false") return QuestionType::true_false;
  return std::nullopt;
}

// What reading a question needs besides its table.
struct QuestionScope {
  bool self_check = false;
  std::map<std::string, int>& seen;  // question id → the line of its first use
  std::vector<Diagnostic>& out;
};

void read_question_id(TomlReader& reader, Question& question, const QuestionScope& scope) {
  auto v = reader.string("id", Need::required);
  if (!v) return;
  question.id = v->value;
  if (!is_valid_quiz_id(v->value)) {
    scope.out.push_back(error_at(v->line, v->column,
                                 format(tr("question id '{0}' must use ASCII letters, digits, '-' or '_'"), v->value)));
  }
  const auto [it, inserted] = scope.seen.emplace(v->value, v->line);
  if (!inserted) {
    scope.out.push_back(error_at(v->line, v->column,
                                 format(tr("duplicate question id '{0}' (also on line {1})"), v->value, it->second)));
  }
}

// False when the type is written but unknown (reported): its choices are then not checked.
bool read_question_type(TomlReader& reader, Question& question, const QuestionScope& scope) {
  if (scope.self_check) {
    question.type = QuestionType::self_check;
    return true;
  }
  auto v = reader.string("type", Need::required);
  if (!v) return true;
  if (auto type = question_type(v->value)) {
    question.type = *type;
    return true;
  }
  scope.out.push_back(error_at(v->line, v->column,
                               format(tr("unknown question type '{0}': use single, multiple or true_false"), v->value) +
                                   did_you_mean(v->value, {"single", "multiple", "true_false"})));
  return false;
}

// text, explanation and source. `name` is how messages call the question.
void read_question_texts(TomlReader& reader, Question& question, const std::string& name, const QuestionScope& scope) {
  const Need teaching = scope.self_check ? Need::optional : Need::required;
  if (auto v = reader.string("text", Need::required)) {
    question.text = v->value;
    question.text_at = {v->line, v->column};
    if (trim(v->value).empty())
      scope.out.push_back(error_at(v->line, v->column, format(tr("{0} has an empty text"), name)));
  }
  if (auto v = reader.string("explanation", teaching)) {
    question.explanation = v->value;
    question.explanation_at = {v->line, v->column};
  }
  if (auto v = reader.string("source", teaching)) question.source = *v;
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
      choice.text_at = {v->line, v->column};
      if (trim(choice.text).empty())
        out.push_back(error_at(v->line, v->column, tr("a choice's text must not be empty")));
    }
    if (auto v = choice_reader.boolean("correct")) choice.correct = v->value;
    if (auto v = choice_reader.string("feedback")) {
      choice.feedback = v->value;
      choice.feedback_at = {v->line, v->column};
    }
    choice_reader.finish();
    question.choices.push_back(std::move(choice));
  }
}

void check_true_false(Question& question, const std::optional<Located<bool>>& answer, const std::string& name,
                      std::vector<Diagnostic>& out) {
  if (!answer) {
    out.push_back(error_at(question.line, 1,
                           format(tr("{0} is true_false but has no answer: add answer = true or false"), name)));
  } else {
    question.answer = answer->value;
  }
  if (!question.choices.empty()) {
    out.push_back(
        error_at(question.choices[0].line, 1, format(tr("{0} is true_false: it takes answer, not choices"), name)));
  }
}

// A single or multiple question: its choices, and how many of them are correct.
void check_choices(const Question& question, const std::optional<Located<bool>>& answer, const std::string& name,
                   std::vector<Diagnostic>& out) {
  if (answer)
    out.push_back(error_at(answer->line, answer->column, format(tr("{0}: answer is only for true_false"), name)));
  const auto correct =
      std::count_if(question.choices.begin(), question.choices.end(), [](const Choice& c) { return c.correct; });
  const int line = question.line;
  if (question.choices.size() < 2) {
    out.push_back(error_at(line, 1, format(tr("{0} needs at least two choices ([[questions.choices]])"), name)));
  } else if (question.type == QuestionType::single && correct != 1) {
    out.push_back(error_at(line, 1,
                           correct == 0 ? format(tr("{0} has no correct choice"), name)
                                        : format(tr("{0} is single but has {1} correct choices: make it multiple, or "
                                                    "mark one"),
                                                 name, correct)));
  } else if (question.type == QuestionType::multiple && correct == 0) {
    out.push_back(error_at(line, 1, format(tr("{0} has no correct choice"), name)));
  }
}

Question read_question(const toml::table& entry, int index, const QuestionScope& scope) {
  Question question;
  question.line = first_key_line(entry, 1);
  const std::string where = "questions[" + std::to_string(index) + "]";
  TomlReader reader(entry, 0, scope.out, where, question.line, 1);
  read_question_id(reader, question, scope);
  const std::string name = question.id.empty() ? where : format(tr("question '{0}'"), question.id);
  const bool known_type = read_question_type(reader, question, scope);
  read_question_texts(reader, question, name, scope);
  std::optional<Located<bool>> answer;
  if (!scope.self_check) {
    answer = reader.boolean("answer");
    read_choices(reader, question, scope.out);
  }
  reader.finish();
  if (question.type == QuestionType::true_false) {
    check_true_false(question, answer, name, scope.out);
  } else if (!scope.self_check && known_type) {
    check_choices(question, answer, name, scope.out);
  }
  return question;
}

// An empty list needs no check of its own: `questions = []` is not a list of tables
// (toml++ calls no empty array one), so table_list reports it and returns nullptr.
void read_questions(TomlReader& root, Quiz& quiz, std::vector<Diagnostic>& out) {
  const toml::array* list = root.table_list("questions", Need::required);
  if (list == nullptr) return;
  std::map<std::string, int> seen;
  const QuestionScope scope{quiz.type == QuizType::self_check, seen, out};
  int index = 0;
  for (const toml::node& node : *list) quiz.questions.push_back(read_question(*node.as_table(), ++index, scope));
}

// `draw`, checked against the pool once the questions are read.
void check_draw(const std::optional<Located<int64_t>>& draw, Quiz& quiz, std::vector<Diagnostic>& out) {
  if (!draw) return;
  const auto pool = static_cast<int64_t>(quiz.questions.size());
  if (draw->value < 1) {
    out.push_back(error_at(draw->line, draw->column, tr("draw must be at least 1")));
  } else if (draw->value > pool) {
    out.push_back(error_at(draw->line, draw->column,
                           format(tr("draw = {0} is larger than the pool of {1} questions"), draw->value, pool)));
  } else {
    quiz.draw = draw->value;
  }
}

// The [[bands]] of a self-check.

Band read_band(const toml::table& entry, int index, std::vector<Diagnostic>& out) {
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
  band.advice_at = {line, 1};
  if (auto v = reader.string("advice", Need::required)) {
    band.advice = v->value;
    band.advice_at = {v->line, v->column};
  }
  reader.finish();
  return band;
}

// Sorts the bands; every total must fall in one of them, so none may share a start and
// the lowest must start at the lowest possible total.
void check_bands(Quiz& quiz, std::vector<Diagnostic>& out) {
  std::stable_sort(quiz.bands.begin(), quiz.bands.end(), [](const Band& a, const Band& b) { return a.min < b.min; });
  for (size_t i = 1; i < quiz.bands.size(); ++i) {
    if (quiz.bands[i].min == quiz.bands[i - 1].min) {
      out.push_back(error_at(quiz.bands[i].line, quiz.bands[i].column, tr("two bands start at the same score")));
    }
  }
  const int64_t lowest = self_check_lowest_total(quiz.questions.size());
  if (!quiz.bands.empty() && quiz.bands.front().min > lowest) {
    out.push_back(error_at(quiz.bands.front().line, quiz.bands.front().column,
                           format(tr("the lowest band starts at {0}, but a total can be as low as {1}: start it there"),
                                  quiz.bands.front().min, lowest)));
  }
}

void read_bands(TomlReader& root, Quiz& quiz, std::vector<Diagnostic>& out) {
  const bool self_check = quiz.type == QuizType::self_check;
  const toml::array* bands = root.table_list("bands", self_check ? Need::required : Need::optional);
  if (bands == nullptr) return;
  if (!self_check) out.push_back(error_at(1, 1, tr("bands are for self-checks (type = \"self_check\")")));
  int index = 0;
  for (const toml::node& node : *bands) quiz.bands.push_back(read_band(*node.as_table(), ++index, out));
  check_bands(quiz, out);
}

}  // namespace

std::string question_bank_version(std::string_view toml) {
  Fnv1a64 hash;
  std::string text(strip_bom(toml));
  std::erase(text, '\r');
  hash.add(text);
  return hash.hex();
}

namespace {

// The start of a string value's text from where its opening quote stands (line, column).
TextStart text_start(std::string_view toml, TextStart quote) {
  size_t at = 0;
  for (int line = 1; line < quote.line && at < toml.size(); ++line) at = next_line(toml, line_end(toml, at));
  for (int column = 1; column < quote.column && at < toml.size(); ++column) {
    const size_t n = utf8_sequence_length(toml, at);
    at += n == 0 ? 1 : n;
  }
  const std::string_view rest = toml.substr(at);
  if (rest.starts_with("\"\"\"") || rest.starts_with("'''")) {
    const std::string_view after = rest.substr(3);
    if (after.starts_with('\n') || after.starts_with("\r\n")) return {quote.line + 1, 1};
    return {quote.line, quote.column + 3};
  }
  if (rest.starts_with('"') || rest.starts_with('\'')) return {quote.line, quote.column + 1};
  return quote;
}

void place_texts(std::string_view toml, Quiz& quiz) {
  auto place = [&](TextStart& at) {
    if (at.line > 0) at = text_start(toml, at);
  };
  for (auto& question : quiz.questions) {
    place(question.text_at);
    place(question.explanation_at);
    for (auto& choice : question.choices) {
      place(choice.text_at);
      place(choice.feedback_at);
    }
  }
  for (auto& band : quiz.bands) place(band.advice_at);
}

}  // namespace

Quiz parse_quiz(std::string_view id, std::string_view toml, std::vector<Diagnostic>& out) {
  Quiz quiz;
  quiz.id = std::string(id);
  quiz.version = question_bank_version(toml);
  check_file_name(id, out);
  const auto table = parse_toml(toml, 0, out);
  if (!table) return quiz;
  TomlReader root(*table, 0, out);
  read_settings(root, quiz, out);
  const std::optional<Located<int64_t>> draw = root.integer("draw");
  read_questions(root, quiz, out);
  check_draw(draw, quiz, out);
  read_bands(root, quiz, out);
  root.finish();
  place_texts(toml, quiz);
  return quiz;
}

}  // namespace mamori
