#include "site/quiz_page.h"

#include <cstdint>

#include "core/hashing.h"
#include "core/spellcheck.h"
#include "core/text.h"
#include "core/url.h"
#include "site/markdown.h"
#include "site/page_view.h"

namespace mamori {

using nlohmann::json;

std::string quiz_output(std::string_view quiz_id) {
  return "quizzes/" + std::string(quiz_id) + ".html";
}

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

constexpr char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string base64(std::string_view data) {
  std::string out;
  size_t i = 0;
  for (; i + 2 < data.size(); i += 3) {
    const uint32_t n = (static_cast<uint32_t>(static_cast<unsigned char>(data[i])) << 16) |
                       (static_cast<uint32_t>(static_cast<unsigned char>(data[i + 1])) << 8) |
                       static_cast<unsigned char>(data[i + 2]);
    for (const int shift : {18, 12, 6, 0}) out += kBase64[(n >> shift) & 63];
  }
  if (i < data.size()) {
    uint32_t n = static_cast<uint32_t>(static_cast<unsigned char>(data[i])) << 16;
    if (i + 1 < data.size()) n |= static_cast<uint32_t>(static_cast<unsigned char>(data[i + 1])) << 8;
    out += kBase64[(n >> 18) & 63];
    out += kBase64[(n >> 12) & 63];
    out += i + 1 < data.size() ? kBase64[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

std::string unbase64(std::string_view text) {
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (const char c : text) {
    const char* at = std::char_traits<char>::find(kBase64, 64, c);
    if (at == nullptr) continue;  // '=' and anything else
    buffer = (buffer << 6) | static_cast<uint32_t>(at - kBase64);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

// Markdown of a quiz, rendered for the quiz page. A single paragraph is unwrapped so it
// can stand in a <legend> or <label>.
struct Markdown {
  std::string html;
  bool inline_only = true;
};

Markdown render(std::string_view text, int line, const LinkResolver& resolver, std::vector<Diagnostic>& out,
                std::vector<LinkOccurrence>& links) {
  RenderedMarkdown rendered = render_markdown(text, line, resolver);
  links.insert(links.end(), rendered.links.begin(), rendered.links.end());
  for (auto& d : rendered.diagnostics) {
    d.column = 0;  // the column inside a TOML string is not the file's column
    out.push_back(std::move(d));
  }
  Markdown result;
  std::string_view html = rendered.html;
  while (html.ends_with('\n')) html.remove_suffix(1);
  if (html.starts_with("<p>") && html.ends_with("</p>") && html.find("<p>", 3) == std::string_view::npos &&
      html.find('\n') == std::string_view::npos) {
    result.html = std::string(html.substr(3, html.size() - 7));
  } else {
    result.html = std::string(html);
    result.inline_only = html.empty();
  }
  return result;
}

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
  return base64(xor_stream(quiz_id, question_id, payload));
}

std::string decode_answer_key(std::string_view quiz_id, std::string_view question_id, std::string_view encoded) {
  return xor_stream(quiz_id, question_id, unbase64(encoded));
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

RenderedQuiz quiz_view(const Site& site, const Quiz& quiz) {
  RenderedQuiz result;
  const std::string output = quiz_output(quiz.id);
  const SiteLinkResolver resolver(site, "quizzes", output);
  auto& out = result.diagnostics;
  const bool self_check = quiz.type == QuizType::self_check;

  json questions = json::array();
  for (const auto& question : quiz.questions) {
    json q;
    q["id"] = question.id;
    q["type"] = type_name(question.type);
    const Markdown text = render(question.text, question.text_line, resolver, out, result.links);
    q["text"] = text.html;
    q["text_is_block"] = !text.inline_only;

    json secret;  // shown after answering
    secret["explanation"] = render(question.explanation, question.explanation_line, resolver, out, result.links).html;
    if (!question.source.value.empty()) {
      const UrlParts parts = split_url(question.source.value);
      const auto from_root = resolve_relative("quizzes", percent_decode(parts.path));
      const std::string where = "question '" + question.id + "': source '" + question.source.value + "'";
      if (!from_root || !from_root->starts_with("content/")) {
        out.push_back(error_at(question.source.line, question.source.column,
                               where + " must point into content/, like ../content/cyber/ten-basics.md#password"));
      } else {
        const std::string content_path = nfc(from_root->substr(8));
        const auto it = site.page_by_path.find(content_path);
        if (it == site.page_by_path.end()) {
          std::vector<std::string> pages;
          for (const auto& [path, index] : site.page_by_path) pages.push_back(path);
          out.push_back(error_at(question.source.line, question.source.column,
                                 where + " is not a page" + did_you_mean(content_path, pages)));
        } else if (!parts.has_fragment || parts.fragment.empty()) {
          out.push_back(
              error_at(question.source.line, question.source.column,
                       where + " must name the heading that teaches this, like " + question.source.value + "#heading"));
        } else {
          const Page& target = site.pages[static_cast<size_t>(it->second)];
          const std::string fragment = percent_decode(parts.fragment);
          result.pending.push_back(PendingAnchor{it->second, fragment, question.source.line, question.source.column});
          secret["source"] = json{{"href", relative_url(output, target.output) + "#" + encode_fragment(fragment)},
                                  {"title", target.meta.title}};
        }
      }
    }

    json choices = json::array();
    json correct = json::array();
    json feedback = json::object();
    if (question.type == QuestionType::true_false) {
      choices.push_back(json{{"id", "true"}});
      choices.push_back(json{{"id", "false"}});
      correct.push_back(question.answer ? "true" : "false");
    } else {
      for (size_t c = 0; c < question.choices.size(); ++c) {
        const Choice& choice = question.choices[c];
        const std::string id(1, static_cast<char>('a' + c % 26));
        const std::string choice_id = c < 26 ? id : id + std::to_string(c / 26);
        const Markdown label = render(choice.text, choice.text_line, resolver, out, result.links);
        if (!label.inline_only) {
          out.push_back(
              error_at(choice.line, 0,
                       "question '" + question.id + "': a choice must be one paragraph (no lists or blank lines)"));
        }
        choices.push_back(json{{"id", choice_id}, {"text", label.html}});
        if (choice.correct) correct.push_back(choice_id);
        if (!choice.feedback.empty())
          feedback[choice_id] = render(choice.feedback, choice.feedback_line, resolver, out, result.links).html;
      }
    }
    q["choices"] = choices;
    if (!self_check) {
      secret["correct"] = correct;
      secret["feedback"] = feedback;
    }
    q["key"] = encode_answer_key(quiz.id, question.id, secret.dump());
    questions.push_back(q);
  }

  json data;
  data["format"] = "mamori-quiz";
  data["version"] = 1;
  data["id"] = quiz.id;
  data["title"] = quiz.title;
  data["type"] = self_check ? "self_check" : "quiz";
  data["shuffle"] = quiz.shuffle;
  data["questions"] = questions;
  if (self_check) {
    json options = json::array();
    for (const auto& option : self_check_options()) {
      options.push_back(json{{"label", option.label}, {"points", option.score}});
    }
    data["options"] = options;
    json bands = json::array();
    for (const auto& band : quiz.bands) {
      bands.push_back(json{{"min", band.min},
                           {"label", band.label},
                           {"advice", render(band.advice, band.line, resolver, out, result.links).html}});
    }
    data["bands"] = bands;
    data["min_points"] = self_check_lowest_total(quiz.questions.size());
    data["max_points"] = self_check_highest_total(quiz.questions.size());
  } else {
    data["pass_mark"] = quiz.pass_mark;
    data["draw"] = quiz.draw.value_or(static_cast<int64_t>(quiz.questions.size()));
  }

  json view = base_view(site, output, std::string(kQuizIndexPath));
  view["page"] = json{{"title", quiz.title}, {"description", quiz.description}};
  view["breadcrumbs"] = json::array({json{{"href", relative_url(output, "index.html")}, {"is_home", true}},
                                     json{{"href", "index.html"}, {"is_quizzes", true}}});
  view["quiz"] = json{{"id", quiz.id},
                      {"is_self_check", self_check},
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
  view["is_quiz_index"] = true;
  view["breadcrumbs"] = json::array({json{{"href", relative_url(output, "index.html")}, {"is_home", true}}});
  return view;
}

}  // namespace mamori
