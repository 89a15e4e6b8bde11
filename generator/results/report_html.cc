// The completion report as one static HTML page: no script, no request outside the file
// (a CSP forbids both), bar charts drawn as inline SVG, every value escaped.
#include <algorithm>
#include <map>

#include "core/text.h"
#include "results/report.h"

namespace mamori {
namespace {

std::string esc(const std::string& text) {
  return escape_markup(printable_text(text));
}

std::string pct(int part, int whole) {
  return whole == 0 ? "0" : std::to_string((part * 100 + whole / 2) / whole);
}

// A horizontal bar for `part` of `whole`, labelled for screen readers.
std::string bar(int part, int whole, const std::string& label) {
  const std::string width = pct(part, whole);
  return "<svg class=\"bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"" +
         esc(label) + "\"><rect width=\"100\" height=\"10\" class=\"bg\"/><rect width=\"" + width +
         "\" height=\"10\" class=\"fg\"/></svg>";
}

constexpr const char* kHead = R"(<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>受講状況レポート</title>
<style>
@page { size: A4; margin: 15mm; }
body { font-family: sans-serif; color: #1a1a1a; background: #fff; line-height: 1.6; max-width: 60rem; margin: 1rem auto; padding: 0 1rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.5rem; }
th, td { border: 1px solid #767676; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
td.num { text-align: right; white-space: nowrap; }
svg.bar { width: 10rem; height: 1rem; display: block; }
svg.bar .bg { fill: #e6e6e6; } svg.bar .fg { fill: #1d4ed8; }
h2 { break-after: avoid; } tr { break-inside: avoid; }
</style>
</head>
<body>
)";

std::string quiz_section(const Completion& c, bool have_roster) {
  int people = 0;
  for (const auto& p : c.people) people += (!have_roster || p.on_roster) ? 1 : 0;
  std::string out =
      "<h2>小テストごとの合格者</h2>\n<p>自己診断は、受けた人を数えています。</p>\n<table>\n"
      "<tr><th scope=\"col\">小テスト</th><th scope=\"col\">合格・受講</th>"
      "<th scope=\"col\">割合</th><th scope=\"col\">グラフ</th></tr>\n";
  for (const auto& [id, title] : c.quiz_titles) {
    const int done = done_count(c, id, have_roster);
    const std::string word = is_self_check(c, id) ? "受講" : "合格";
    out += "<tr><td>" + esc(title) + "</td><td class=\"num\">" + word + " " + std::to_string(done) + " / " +
           std::to_string(people) + "人</td><td class=\"num\">" + pct(done, people) + "%</td><td>" +
           bar(done, people, title + " " + word + " " + pct(done, people) + "%") + "</td></tr>\n";
  }
  return out + "</table>\n";
}

std::string department_section(const Completion& c, bool have_roster) {
  std::map<std::string, std::pair<int, int>> by_department;  // → (people, done with everything)
  const auto missing = outstanding(c, have_roster);
  for (const auto& p : c.people) {
    if (have_roster && !p.on_roster) continue;
    auto& [people, done] = by_department[p.department.empty() ? "(所属なし)" : p.department];
    ++people;
    done += std::none_of(missing.begin(), missing.end(), [&](const Outstanding& o) { return o.person == &p; }) ? 1 : 0;
  }
  std::string out =
      "<h2>所属ごとの修了</h2>\n<p>すべての小テストに合格し、自己診断を受けた人の割合です。</p>\n<table>\n"
      "<tr><th scope=\"col\">所属</th><th scope=\"col\">修了</th><th scope=\"col\">割合</th>"
      "<th scope=\"col\">グラフ</th></tr>\n";
  for (const auto& [department, counts] : by_department) {
    const auto [people, done] = counts;
    out += "<tr><td>" + esc(department) + "</td><td class=\"num\">" + std::to_string(done) + " / " +
           std::to_string(people) + "人</td><td class=\"num\">" + pct(done, people) + "%</td><td>" +
           bar(done, people, department + " 修了 " + pct(done, people) + "%") + "</td></tr>\n";
  }
  return out + "</table>\n";
}

std::string titles(const Completion& c, const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : "、") + c.quiz_titles.at(id);
  return esc(out);
}

std::string outstanding_section(const Completion& c, bool have_roster) {
  const auto missing = outstanding(c, have_roster);
  std::string out = "<h2>未受講・未合格（" + std::to_string(missing.size()) + "人）</h2>\n";
  if (missing.empty()) return out + "<p>全員がすべての小テストに合格し、自己診断を受けています。</p>\n";
  out +=
      "<table>\n<tr><th scope=\"col\">所属</th><th scope=\"col\">社員番号</th><th scope=\"col\">氏名</th>"
      "<th scope=\"col\">未受講</th><th scope=\"col\">未合格</th></tr>\n";
  for (const auto& o : missing) {
    const PersonStanding& p = *o.person;
    out += "<tr><td>" + esc(p.department) + "</td><td>" + esc(p.employee_id) + "</td><td>" + esc(p.name) + "</td><td>" +
           titles(c, o.not_taken) + "</td><td>" + titles(c, o.not_passed) + "</td></tr>\n";
  }
  return out + "</table>\n";
}

std::string items_section(const Completion& c) {
  if (c.items.empty()) return {};
  std::string out =
      "<h2>誤答の多い設問</h2>\n<p>解説の書き直しを考える手がかりです（誤答の割合が高い順）。</p>\n<table>\n"
      "<tr><th scope=\"col\">小テスト</th><th scope=\"col\">設問</th><th scope=\"col\">誤答</th>"
      "<th scope=\"col\">グラフ</th></tr>\n";
  for (const ItemStats& i : c.items) {
    const std::string shown = i.text.empty() ? i.question : i.text;
    out += "<tr><td>" + esc(c.quiz_titles.at(i.quiz_id)) + "</td><td>" + esc(shown) + "</td><td class=\"num\">" +
           std::to_string(i.wrong) + " / " + std::to_string(i.answered) + "（" + pct(i.wrong, i.answered) +
           "%）</td><td>" + bar(i.wrong, i.answered, "誤答 " + pct(i.wrong, i.answered) + "%") + "</td></tr>\n";
  }
  return out + "</table>\n";
}

std::string notes_section(const Completion& c) {
  if (c.notes.empty()) return {};
  std::string out = "<h2>確認してください</h2>\n<ul>\n";
  for (const auto& note : c.notes) out += "<li>" + esc(note) + "</li>\n";
  return out + "</ul>\n";
}

}  // namespace

std::string completion_html(const Completion& c, bool have_roster, const std::string& generated_on) {
  std::string out = kHead;
  out += "<main>\n<h1>受講状況レポート</h1>\n<p>" + esc(generated_on) + " 作成。" +
         (have_roster ? "名簿の人を数えています。" : "結果ファイルにある人を数えています。") +
         "結果ファイルは受講者の自己申告で、持ち主が書き換えることができます。</p>\n";
  out += quiz_section(c, have_roster) + department_section(c, have_roster) + outstanding_section(c, have_roster) +
         items_section(c) + notes_section(c);
  return out + "</main>\n</body>\n</html>\n";
}

}  // namespace mamori
