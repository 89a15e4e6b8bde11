// Quiz pages: the view models of quizzes/ID.html and quizzes/index.html.
//
// A quiz page carries its questions as JSON in a <script type="application/json"> block
// (no fetch: it must work from file://). What is shown only after answering (the correct
// choices, explanations, feedback) is obfuscated per question, so the answers cannot be
// read in the page source; this keeps honest people honest, it is not a secret.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "core/date.h"
#include "core/diagnostic.h"
#include "quiz/quiz.h"
#include "site/page_links.h"
#include "site/site.h"

namespace mamori {

struct RenderedQuiz {
  nlohmann::json view;
  std::vector<Diagnostic> diagnostics;  // positions in quizzes/ID.toml
  std::vector<PendingAnchor> pending;   // headings of pages (sources, links) to check once all are rendered
  std::vector<LinkOccurrence> links;    // every link in the quiz's Markdown (for the link checker)
};

// Renders the Markdown of a quiz and resolves its `source` and other links against the site. Its
// headings never take an id in `reserved_ids` (the theme's, theme.h). Besides the quiz,
// the JSON for quiz.js (view.quiz.data) holds "training" ({ask, organisation, deadline},
// "" where not configured), "issuer" (the organisation, else the site title), "quizzes"
// (every quiz in section order: {id, title, href, type}, hrefs relative to this page) and
// "index_href" (the quizzes index).
RenderedQuiz quiz_view(const Site& site, const Quiz& quiz, const ReservedIds& reserved_ids);

// The view of the quizzes index. Its quiz_index_data is JSON for a <script
// type="application/json"> block (json_for_script): "training" and "issuer" as on a quiz
// page, and "quizzes" with each one's pass_mark (null for a self-check).
nlohmann::json quiz_index_view(const Site& site);

// Obfuscation shared with the theme's quiz.js: XOR with an xorshift32 stream seeded by
// the FNV-1a hash of "QUIZ/QUESTION", then base64.
std::string encode_answer_key(std::string_view quiz_id, std::string_view question_id, std::string_view payload);
std::string decode_answer_key(std::string_view quiz_id, std::string_view question_id, std::string_view encoded);

// JSON for a <script type="application/json"> block: '<', '>' and '&' are written as
// \u escapes, so no text in it can end the script element.
std::string json_for_script(const nlohmann::json& value);

}  // namespace mamori
