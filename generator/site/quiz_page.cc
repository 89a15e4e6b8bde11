#include "site/quiz_page.h"

#include <cstdint>

#include "core/base64.h"
#include "core/hashing.h"
#include "core/i18n.h"
#include "core/spellcheck.h"
#include "core/text.h"
#include "core/url.h"
#include "quiz/choice_order.h"
#include "site/markdown.h"
#include "site/page_links.h"
#include "site/page_view.h"

namespace mamori {

using nlohmann::json;

namespace {

// The keystream: xorshift32 from the hash of "QUIZ/QUESTION" (never 0).
std::string xor_stream(std::string_view quiz_id, std::string_view question_id, std::string_view data) {
  uint32_t state = fnv1a32(std::string(quiz_id) + "/" + std::string(question_id));
  if (state == 0) state = 0x9E3779B9u;
  std::string out(data);
  for (char& c : out) {
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    c = static_cast<char>(static_cast<unsigned char>(c) ^ (state & 0xFF));
  }
  return out;
}

// Markdown of a quiz, rendered for the quiz page. A single paragraph is unwrapped so it
// can stand in a <legend> or <label>.
struct Markdown {
  std::string html;
  bool inline_only = true;
};

// One quiz page being rendered: renders the quiz's Markdown and collects what it finds.
class QuizRender {
 public:
  QuizRender(const Site& of_site, const Quiz& of_quiz, const ReservedIds& reserved_ids, RenderedQuiz& into)
      : site(of_site),
        quiz(of_quiz),
        output(quiz_output(of_quiz.id)),
        result(into),
        resolver_(of_site, "quizzes", output),
        reserved_ids_(reserved_ids) {}

  // Renders `text`, which starts at `at` in the quiz file. Headings of other pages that its
  // links name are checked once every page is rendered, as a `source` is.
  Markdown markdown(std::string_view text, TextStart at) {
    RenderedMarkdown rendered = render_markdown(text, at.line, resolver_, reserved_ids_);
    // The text's first line starts inside the file's line, after the quotes.
    auto in_file = [&](int line, int& column) {
      if (line == at.line && column > 0) column += at.column - 1;
    };
    for (auto& link : rendered.links) {
      in_file(link.line, link.column);
      result.links.push_back(std::move(link));
    }
    for (auto& anchor : rendered.pending) {
      in_file(anchor.line, anchor.column);
      result.pending.push_back(std::move(anchor));
    }
    for (auto& d : rendered.diagnostics) {
      in_file(d.line, d.column);
      result.diagnostics.push_back(std::move(d));
    }
    return unwrapped(rendered.html);
  }

  void error(int line, int column, const std::string& message) {
    result.diagnostics.push_back(error_at(line, column, message));
  }

  const Site& site;
  const Quiz& quiz;
  const std::string output;
  RenderedQuiz& result;

 private:
  static Markdown unwrapped(std::string_view html) {
    Markdown out;
    while (html.ends_with('\n')) html.remove_suffix(1);
    if (html.starts_with("<p>") && html.ends_with("</p>") && html.find("<p>", 3) == std::string_view::npos &&
        html.find('\n') == std::string_view::npos) {
      out.html = std::string(html.substr(3, html.size() - 7));
    } else {
      out.html = std::string(html);
      out.inline_only = html.empty();
    }
    return out;
  }

  const SiteLinkResolver resolver_;
  const ReservedIds& reserved_ids_;
};

const char* type_name(QuestionType type) {
  switch (type) {
    case QuestionType::single:
      return "single";
    case QuestionType::multiple:
      return "multiple";
    case QuestionType::true_false:
      return "true_false";
    case QuestionType::self_check:
      return "self_check";
  }
  return "single";
}

}  // namespace

std::string encode_answer_key(std::string_view quiz_id, std::string_view question_id, std::string_view payload) {
  return base64_encode(xor_stream(quiz_id, question_id, payload));
}

std::string decode_answer_key(std::string_view quiz_id, std::string_view question_id, std::string_view encoded) {
  return xor_stream(quiz_id, question_id, base64_decode(encoded));
}

std::string json_for_script(const json& value) {
  const std::string dumped = value.dump(-1, ' ', false, json::error_handler_t::replace);
  std::string out;
  out.reserve(dumped.size());
  for (const char c : dumped) {
    switch (c) {
      case '<':
        out += "\\u003c";
        break;
      case '>':
        out += "\\u003e";
        break;
      case '&':
        out += "\\u0026";
        break;
      default:
        out += c;
    }
  }
  return out;
}

namespace {

// The page a question's `source` names and the heading on it that teaches the answer: a
// link for after answering ({href, title}), or null after an error. The heading is checked
// once every page is rendered.
json question_source(QuizRender& r, const Question& question) {
  const Located<std::string>& source = question.source;
  const UrlParts parts = split_url(source.value);
  const auto content_path = content_path_of("quizzes", percent_decode(parts.path));
  if (!content_path || content_path->empty()) {
    r.error(source.line, source.column,
            format(tr("question '{0}': source '{1}' must point into content/, like "
                      "../content/cyber/ten-basics.md#password"),
                   question.id, source.value));
    return nullptr;
  }
  const std::string key = nfc(*content_path);
  const auto target = r.site.page_id(key);
  if (!target) {
    r.error(source.line, source.column,
            format(tr("question '{0}': source '{1}' is not a page"), question.id, source.value) +
                did_you_mean(key, r.site.page_paths()));
    return nullptr;
  }
  if (!parts.has_fragment || parts.fragment.empty()) {
    r.error(source.line, source.column,
            format(tr("question '{0}': source '{1}' must name the heading that teaches this, like {1}#heading"),
                   question.id, source.value));
    return nullptr;
  }
  const Page& page = r.site.page(*target);
  const std::string fragment = percent_decode(parts.fragment);
  r.result.pending.push_back(PendingAnchor{*target, fragment, source.line, source.column});
  return json{{"href", relative_url(r.output, page.output) + "#" + encode_fragment(fragment)},
              {"title", page.meta.title}};
}

// A question's choices ({id, text}), and what is shown after answering: the correct
// choices and the feedback per choice.
struct Choices {
  json shown = json::array();
  json correct = json::array();
  json feedback = json::object();
};

Choices question_choices(QuizRender& r, const Question& question) {
  Choices out;
  if (question.type == QuestionType::true_false) {
    out.shown.push_back(json{{"id", "true"}});
    out.shown.push_back(json{{"id", "false"}});
    out.correct.push_back(question.answer ? "true" : "false");
    return out;
  }
  // In the build's order, not the file's (quiz/choice_order.h): ids say nothing about it.
  const std::vector<size_t> order = choice_order(r.quiz.id, question);
  for (size_t p = 0; p < order.size(); ++p) {
    const Choice& choice = question.choices[order[p]];
    const std::string id = choice_id(p);
    const Markdown label = r.markdown(choice.text, choice.text_at);
    if (!label.inline_only) {
      r.error(choice.line, 0,
              format(tr("question '{0}': a choice must be one paragraph (no lists or blank lines)"), question.id));
    }
    out.shown.push_back(json{{"id", id}, {"text", label.html}});
    if (choice.correct) out.correct.push_back(id);
    if (!choice.feedback.empty()) out.feedback[id] = r.markdown(choice.feedback, choice.feedback_at).html;
  }
  return out;
}

// One question as quiz.js reads it; what is shown only after answering is in its key.
json question_view(QuizRender& r, const Question& question) {
  json q;
  q["id"] = question.id;
  q["type"] = type_name(question.type);
  const Markdown text = r.markdown(question.text, question.text_at);
  q["text"] = text.html;
  q["text_is_block"] = !text.inline_only;

  json secret;  // shown after answering
  secret["explanation"] = r.markdown(question.explanation, question.explanation_at).html;
  if (!question.source.value.empty()) {
    if (json source = question_source(r, question); !source.is_null()) secret["source"] = std::move(source);
  }
  Choices choices = question_choices(r, question);
  q["choices"] = std::move(choices.shown);
  if (r.quiz.type != QuizType::self_check) {
    secret["correct"] = std::move(choices.correct);
    secret["feedback"] = std::move(choices.feedback);
  }
  q["key"] = encode_answer_key(r.quiz.id, question.id, secret.dump());
  return q;
}

// What only a self-check has: its answers with their points, and the advice by total.
void add_self_check_data(QuizRender& r, json& data) {
  const Quiz& quiz = r.quiz;
  json options = json::array();
  for (const auto& option : self_check_options()) {
    options.push_back(json{{"label", option.label}, {"points", option.score}});
  }
  data["options"] = options;
  json bands = json::array();
  for (const auto& band : quiz.bands) {
    bands.push_back(
        json{{"min", band.min}, {"label", band.label}, {"advice", r.markdown(band.advice, band.advice_at).html}});
  }
  data["bands"] = bands;
  data["min_points"] = self_check_lowest_total(quiz.questions.size());
  data["max_points"] = self_check_highest_total(quiz.questions.size());
}

const char* quiz_type_name(const Quiz& quiz) {
  return quiz.type == QuizType::self_check ? "self_check" : "quiz";
}

// [training] as quiz.js reads it: every key present, "" where it is not configured.
json training_data(const TrainingSettings& training) {
  return json{{"ask", training.ask},
              {"organisation", training.organisation},
              {"deadline", training.deadline ? to_iso(*training.deadline) : ""},
              {"hand_in", training.hand_in}};
}

// Every quiz of the site in section order ({id, title, href, type}), linked from the page
// at `from`; with what a kept record is checked against (record.fits in quiz-record.js:
// `pass_mark` and `draw`, null for a self-check, which has neither, and `bank_version`)
// when asked for.
json quiz_list(const Site& site, const std::string& from, bool with_pass_mark) {
  json list = json::array();
  for (const auto& quiz : site.quizzes) {
    json item{{"id", quiz.id},
              {"title", quiz.title},
              {"href", relative_url(from, quiz_output(quiz.id))},
              {"type", quiz_type_name(quiz)}};
    if (with_pass_mark) {
      const bool scored = quiz.type != QuizType::self_check;
      item["pass_mark"] = scored ? json(quiz.pass_mark) : json();
      item["draw"] = scored ? json(quiz.draw.value_or(static_cast<int64_t>(quiz.questions.size()))) : json();
      item["bank_version"] = quiz.version;
    }
    list.push_back(std::move(item));
  }
  return list;
}

// What a quiz page and the quizzes index both give quiz.js: the [training] settings, the
// certificate's issuer (the organisation, else the site title) and every quiz.
json training_context(const Site& site, const std::string& from, bool with_pass_mark) {
  const TrainingSettings& training = site.config.training;
  return json{{"training", training_data(training)},
              {"issuer", training.organisation.empty() ? site.config.title : training.organisation},
              {"quizzes", quiz_list(site, from, with_pass_mark)}};
}

// The quiz as quiz.js reads it from the page's <script type="application/json">.
json quiz_data(QuizRender& r) {
  const Quiz& quiz = r.quiz;
  const bool self_check = quiz.type == QuizType::self_check;
  json questions = json::array();
  for (const auto& question : quiz.questions) questions.push_back(question_view(r, question));
  json data = training_context(r.site, r.output, false);
  data["index_href"] = relative_url(r.output, std::string(kQuizIndexPath));
  data["format"] = "mamori-quiz";
  data["version"] = 1;  // of this JSON's shape
  data["id"] = quiz.id;
  data["bank_version"] = quiz.version;  // of the question bank: result records carry it as quiz.version
  data["title"] = quiz.title;
  data["type"] = quiz_type_name(quiz);
  data["shuffle"] = quiz.shuffle;
  data["questions"] = questions;
  if (self_check) {
    add_self_check_data(r, data);
  } else {
    data["pass_mark"] = quiz.pass_mark;
    data["draw"] = quiz.draw.value_or(static_cast<int64_t>(quiz.questions.size()));
  }
  return data;
}

}  // namespace

RenderedQuiz quiz_view(const Site& site, const Quiz& quiz, const ReservedIds& reserved_ids) {
  RenderedQuiz result;
  QuizRender r(site, quiz, reserved_ids, result);
  const json data = quiz_data(r);
  json view = base_view(site, r.output, std::string(kQuizIndexPath));
  view["page"] = json{{"title", quiz.title}, {"description", quiz.description}};
  view["breadcrumbs"] = json::array({json{{"href", relative_url(r.output, "index.html")}, {"is_home", true}},
                                     json{{"href", "index.html"}, {"is_quizzes", true}}});
  view["quiz"] = json{{"id", quiz.id},
                      {"is_self_check", quiz.type == QuizType::self_check},
                      {"count", static_cast<int64_t>(quiz.questions.size())},
                      {"draw", quiz.draw.value_or(static_cast<int64_t>(quiz.questions.size()))},
                      {"pass_mark", quiz.pass_mark},
                      {"data", json_for_script(data)}};
  result.view = std::move(view);
  return result;
}

json quiz_index_view(const Site& site) {
  const std::string output(kQuizIndexPath);
  json view = base_view(site, output, output);
  json list = json::array();
  for (const auto& quiz : site.quizzes) {
    list.push_back(json{{"id", quiz.id},
                        {"title", quiz.title},
                        {"description", quiz.description},
                        {"href", relative_url(output, quiz_output(quiz.id))},
                        {"is_self_check", quiz.type == QuizType::self_check},
                        {"count", static_cast<int64_t>(quiz.questions.size())},
                        {"draw", quiz.draw.value_or(static_cast<int64_t>(quiz.questions.size()))},
                        {"pass_mark", quiz.pass_mark}});
  }
  view["quizzes"] = list;
  view["quiz_index_data"] = json_for_script(training_context(site, output, true));
  view["is_quiz_index"] = true;
  view["breadcrumbs"] = json::array({json{{"href", relative_url(output, "index.html")}, {"is_home", true}}});
  return view;
}

}  // namespace mamori
