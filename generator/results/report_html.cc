// The completion report as one static HTML page: no script, no request outside the file
// (a CSP forbids both), bar charts drawn as inline SVG, every value escaped. It prints on A4:
// table headers repeat on every page, rows and headings are not split from what follows,
// and names and 社員番号 never break inside (a long 所属 keeps eight characters to a line).
#include <algorithm>
#include <map>

#include "core/text.h"
#include "results/report.h"

namespace mamori {
namespace {

// How many questions the item analysis lists; completion.json has them all.
constexpr size_t kHtmlItems = 30;

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

// A header row: <thead> so that a printed table repeats it on every page.
std::string head_row(std::initializer_list<std::string> columns) {
  std::string out = "<thead><tr>";
  for (const auto& column : columns) out += "<th scope=\"col\">" + column + "</th>";
  return out + "</tr></thead>\n<tbody>\n";
}

constexpr const char* kHead = R"(<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>受講状況レポート</title>
<style>
@page { size: A4; margin: 12mm; }
body { font-family: sans-serif; color: #1a1a1a; background: #fff; line-height: 1.6; max-width: 60rem; margin: 1rem auto; padding: 0 1rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.5rem; }
th, td { border: 1px solid #767676; padding: .25rem .5rem; text-align: left; vertical-align: top; }
th { background: #f0f0f0; white-space: nowrap; }
th.quiz { white-space: normal; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
h1, h2, h3, h2 + p, h3 + p { break-after: avoid; page-break-after: avoid; }
td.num { text-align: right; white-space: nowrap; }
td.who { white-space: nowrap; }
td.dept { min-width: 8em; }
.sub { display: block; color: #4d4d4d; font-size: .85em; }
.id { font-family: monospace; }
.day { white-space: nowrap; }
div.wide { overflow-x: auto; }
table.grid { font-size: .9em; }
table.grid td, table.grid th { padding: .2rem .35rem; }
svg.bar { width: 10rem; height: 1rem; display: block; }
svg.bar .bg { fill: #e6e6e6; } svg.bar .fg { fill: #1d4ed8; }
@media print {
  body { font-size: 9.5pt; line-height: 1.4; max-width: none; margin: 0; padding: 0; }
  h1 { font-size: 15pt; margin: 0 0 .4rem; } h2 { font-size: 12pt; margin: 1rem 0 .3rem; } h3 { font-size: 10.5pt; }
  div.wide { overflow: visible; }
  table { margin: .3rem 0 .8rem; } svg.bar { width: 6rem; height: .8rem; }
}
</style>
</head>
<body>
)";

int people_counted(const Completion& c, bool have_roster) {
  return static_cast<int>(std::count_if(c.people.begin(), c.people.end(),
                                        [&](const PersonStanding& p) { return !have_roster || p.on_roster; }));
}

std::string quiz_section(const Completion& c, bool have_roster) {
  const int people = people_counted(c, have_roster);
  std::string out = "<h2>小テストごとの合格者</h2>\n<table>\n" + head_row({"小テスト", "合格", "割合", "グラフ"});
  for (const auto& id : quiz_order(c, QuizKind::quiz)) {
    const std::string& title = c.quiz_titles.at(id);
    const int done = done_count(c, id, have_roster);
    out += "<tr><td>" + esc(title) + "</td><td class=\"num\">合格 " + std::to_string(done) + " / " +
           std::to_string(people) + "人</td><td class=\"num\">" + pct(done, people) + "%</td><td>" +
           bar(done, people, title + " 合格 " + pct(done, people) + "%") + "</td></tr>\n";
  }
  out += "</tbody>\n</table>\n";
  const auto self_checks = quiz_order(c, QuizKind::self_check);
  if (self_checks.empty()) return out;
  out += "<h2>自己診断（任意）</h2>\n<p>受けるかどうかは任意です。修了には数えていません。</p>\n<ul>\n";
  for (const auto& id : self_checks) {
    out +=
        "<li>" + esc(c.quiz_titles.at(id)) + "：受講 " + std::to_string(done_count(c, id, have_roster)) + "人</li>\n";
  }
  return out + "</ul>\n";
}

std::string department_section(const Completion& c, bool have_roster) {
  std::map<std::string, std::pair<int, int>> by_department;  // → (people, done with every quiz)
  const auto missing = outstanding(c, have_roster);
  for (size_t i = 0; i < c.people.size(); ++i) {
    const PersonStanding& p = c.people[i];
    if (have_roster && !p.on_roster) continue;
    auto& [people, done] = by_department[p.department.empty() ? "(所属なし)" : p.department];
    ++people;
    done += std::none_of(missing.begin(), missing.end(), [&](const Outstanding& o) { return o.person == i; }) ? 1 : 0;
  }
  std::string out =
      "<h2>所属ごとの修了</h2>\n<p>すべての小テストに合格した人の割合です（自己診断は任意のため数えていません）。</p>\n"
      "<table>\n" +
      head_row({"所属", "修了", "割合", "グラフ"});
  for (const auto& [department, counts] : by_department) {
    const auto [people, done] = counts;
    out += "<tr><td class=\"dept\">" + esc(department) + "</td><td class=\"num\">" + std::to_string(done) + " / " +
           std::to_string(people) + "人</td><td class=\"num\">" + pct(done, people) + "%</td><td>" +
           bar(done, people, department + " 修了 " + pct(done, people) + "%") + "</td></tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

// Quiz titles, joined by 、 to keep the rows low; すべて when it is every quiz there is.
std::string titles(const Completion& c, const std::vector<std::string>& ids) {
  if (ids.size() > 1 && ids.size() == quiz_order(c, QuizKind::quiz).size()) return "すべて";
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : "、") + c.quiz_titles.at(id);
  return esc(out);
}

// 所属, 社員番号 and 氏名; `note` (markup) goes under the name. A 社員番号 or a name never
// breaks; a long 所属 may wrap, but keeps eight characters to a line.
std::string who_cells(const PersonStanding& p, const std::string& note = {}) {
  return "<td class=\"dept\">" + esc(p.department) + "</td><td class=\"who\">" + esc(p.employee_id) +
         "</td><td class=\"who\">" + esc(p.name) + note + "</td>";
}

std::string outstanding_section(const Completion& c, bool have_roster) {
  const auto missing = outstanding(c, have_roster);
  std::string out = "<h2>未受講・未合格（" + std::to_string(missing.size()) + "人）</h2>\n";
  if (missing.empty()) return out + "<p>全員がすべての小テストに合格しています。</p>\n";
  out += "<table>\n" + head_row({"所属", "社員番号", "氏名", "未受講", "未合格"});
  for (const auto& o : missing) {
    out += "<tr>" + who_cells(c.people[o.person]) + "<td>" + titles(c, o.not_taken) + "</td><td>" +
           titles(c, o.not_passed) + "</td></tr>\n";
  }
  return out + "</tbody>\n</table>\n";
}

// A 修了証番号 ("20261201-3F2A9C01") that may wrap after its hyphen, where nothing else would
// let a narrow column break it.
std::string certificate(const std::string& number) {
  std::string out;
  for (const char ch : esc(number)) out += ch == '-' ? std::string("-<wbr>") : std::string(1, ch);
  return out;
}

// One person × quiz cell: the standing, and for a pass its first day and 修了証番号.
std::string standing_cell(const Completion& c, const PersonStanding& p, const std::string& quiz) {
  const auto it = p.quizzes.find(quiz);
  const QuizStanding* s = it == p.quizzes.end() ? nullptr : &it->second;
  const Standing standing = standing_of(c, quiz, s);
  std::string out = "<td>" + standing_word(standing);
  if (standing == Standing::passed) {
    out += "<span class=\"sub day\">" + esc(s->first_pass) + "</span>";
    if (!s->certificate.empty()) out += "<span class=\"sub id\">" + certificate(s->certificate) + "</span>";
  }
  if (standing == Standing::not_passed && s->best_percent >= 0) {
    out += "<span class=\"sub\">最高 " + std::to_string(s->best_percent) + "%</span>";
  }
  if (s != nullptr && s->older_version) out += "<span class=\"sub\">旧版の回答あり</span>";
  return out + "</td>";
}

std::string people_section(const Completion& c, bool have_roster) {
  std::vector<std::string> ids = quiz_order(c, QuizKind::quiz);
  const auto self_checks = quiz_order(c, QuizKind::self_check);
  ids.insert(ids.end(), self_checks.begin(), self_checks.end());
  std::string out =
      "<h2>一人ひとりの状況</h2>\n<p>合格の欄には、初めて合格した日と修了証番号を示しています。</p>\n"
      "<div class=\"wide\">\n<table class=\"grid\">\n<thead><tr><th scope=\"col\">所属</th><th "
      "scope=\"col\">社員番号</th>"
      "<th scope=\"col\">氏名</th>";
  for (const auto& id : ids) {
    out += "<th scope=\"col\" class=\"quiz\">" + esc(c.quiz_titles.at(id)) + (is_self_check(c, id) ? "（任意）" : "") +
           "</th>";
  }
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& p : c.people) {
    if (have_roster && !p.on_roster && p.quizzes.empty()) continue;
    out += "<tr>" + who_cells(p, have_roster && !p.on_roster ? "<span class=\"sub\">名簿にありません</span>" : "");
    for (const auto& id : ids) out += standing_cell(c, p, id);
    out += "</tr>\n";
  }
  return out + "</tbody>\n</table>\n</div>\n";
}

std::string item_rows(const Completion& c, const std::vector<const ItemStats*>& items, size_t limit) {
  std::string out;
  for (size_t n = 0; n < items.size() && n < limit; ++n) {
    const ItemStats& i = *items[n];
    out += "<tr><td>" + esc(c.quiz_titles.at(i.quiz_id)) + "</td><td>" + esc(i.text) + "<span class=\"sub id\">" +
           esc(i.question) + "</span></td><td class=\"num\">" + std::to_string(i.wrong) + " / " +
           std::to_string(i.answered) + "（" + pct(i.wrong, i.answered) + "%）</td><td>" +
           bar(i.wrong, i.answered, "誤答 " + pct(i.wrong, i.answered) + "%") + "</td></tr>\n";
  }
  return out;
}

std::string items_section(const Completion& c) {
  if (c.items.empty()) return {};
  const WrongItems items = wrong_items(c);
  const std::string min = std::to_string(kItemMinAnswers);
  std::string out = "<h2>誤答の多い設問</h2>\n";
  if (items.ranked.empty() && items.few.empty()) return out + "<p>誤答のあった設問はありません。</p>\n";
  out += "<p>回答が" + min +
         "件以上の設問のうち、誤答のあったものを誤答の割合が高い順に並べています。解説の書き直しを考える手がかりです"
         "（受け直しの回答も1件と数えます）。</p>\n";
  const auto header = head_row({"小テスト", "設問", "誤答", "グラフ"});
  if (items.ranked.empty()) out += "<p>回答が" + min + "件以上で誤答のあった設問はありません。</p>\n";
  if (!items.ranked.empty())
    out += "<table>\n" + header + item_rows(c, items.ranked, kHtmlItems) + "</tbody>\n</table>\n";
  const size_t room = kHtmlItems - std::min(kHtmlItems, items.ranked.size());
  if (!items.few.empty() && room > 0) {
    out += "<h3>回答が少ないため参考</h3>\n<p>回答が" + min +
           "件未満で、誤答のあった設問です（誤答の多い順）。</p>\n<table>\n" + header + item_rows(c, items.few, room) +
           "</tbody>\n</table>\n";
  }
  const size_t all = items.ranked.size() + items.few.size();
  if (all > kHtmlItems) {
    out += "<p>ほかに" + std::to_string(all - kHtmlItems) +
           "問あります。すべての設問は completion.json にあります。</p>\n";
  }
  return out;
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
         people_section(c, have_roster) + items_section(c) + notes_section(c);
  return out + "</main>\n</body>\n</html>\n";
}

}  // namespace mamori
