#include "results/report.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <limits>
#include <map>

#include "core/text.h"

namespace mamori {
namespace {

std::string shown(const std::string& text) {
  return printable_text(text);
}

std::string person_label(const PersonStanding& p) {
  std::string label = p.employee_id.empty() ? "" : p.employee_id + " ";
  return label + (p.name.empty() ? "(氏名なし)" : p.name);
}

std::string department_of(const PersonStanding& p) {
  return p.department.empty() ? "(所属なし)" : p.department;
}

int people_counted(const Completion& c, bool roster_only) {
  return static_cast<int>(std::count_if(c.people.begin(), c.people.end(),
                                        [&](const PersonStanding& p) { return !roster_only || p.on_roster; }));
}

std::string percent(int part, int whole) {
  return whole == 0 ? "-" : std::to_string((part * 100 + whole / 2) / whole) + "%";
}

std::string joined_titles(const Completion& c, const std::vector<std::string>& ids) {
  std::string out;
  for (const auto& id : ids) out += (out.empty() ? "" : "、") + c.quiz_titles.at(id);
  return out;
}

}  // namespace

Standing standing_of(const Completion& c, const std::string& quiz, const QuizStanding* s) {
  if (s == nullptr || s->attempts == 0) return Standing::not_taken;
  if (is_self_check(c, quiz)) return s->attempts > s->not_counted ? Standing::taken : Standing::not_taken;
  return s->passed ? Standing::passed : Standing::not_passed;
}

Standing standing_of(const Completion& c, const PersonStanding& p, const std::string& quiz) {
  const auto it = p.quizzes.find(quiz);
  return standing_of(c, quiz, it == p.quizzes.end() ? nullptr : &it->second);
}

std::string standing_word(Standing standing) {
  switch (standing) {
    case Standing::passed:
      return "合格";
    case Standing::not_passed:
      return "未合格";
    case Standing::taken:
      return "受講";
    case Standing::not_taken:
      return "未受講";
  }
  return "";
}

int done_count(const Completion& c, const std::string& quiz, bool roster_only) {
  int n = 0;
  for (const auto& p : c.people) {
    const Standing s = standing_of(c, p, quiz);
    if ((!roster_only || p.on_roster) && (s == Standing::passed || s == Standing::taken)) ++n;
  }
  return n;
}

std::vector<std::string> portal_order(const Completion& c) {
  std::vector<std::string> ids;
  for (const auto& [id, title] : c.quiz_titles) ids.push_back(id);
  const auto place = [&](const std::string& id) {
    const auto it = c.quiz_places.find(id);
    return it == c.quiz_places.end() ? std::numeric_limits<int>::max() : it->second;
  };
  std::stable_sort(ids.begin(), ids.end(), [&](const auto& a, const auto& b) { return place(a) < place(b); });
  return ids;
}

std::vector<std::string> quiz_order(const Completion& c, QuizKind kind) {
  std::vector<std::string> ids;
  for (const auto& id : portal_order(c)) {
    if (is_self_check(c, id) == (kind == QuizKind::self_check)) ids.push_back(id);
  }
  return ids;
}

std::vector<Outstanding> outstanding(const Completion& c, bool roster_only) {
  const std::vector<std::string> quizzes = quiz_order(c, QuizKind::quiz);
  std::vector<Outstanding> out;
  for (size_t i = 0; i < c.people.size(); ++i) {
    const PersonStanding& p = c.people[i];
    if (roster_only && !p.on_roster) continue;
    Outstanding o{i, {}, {}};
    for (const auto& id : quizzes) {
      const Standing s = standing_of(c, p, id);
      if (s == Standing::not_taken) o.not_taken.push_back(id);
      if (s == Standing::not_passed) o.not_passed.push_back(id);
    }
    if (!o.not_taken.empty() || !o.not_passed.empty()) out.push_back(std::move(o));
  }
  std::stable_sort(out.begin(), out.end(), [&c](const Outstanding& a, const Outstanding& b) {
    return department_of(c.people[a.person]) < department_of(c.people[b.person]);
  });
  return out;
}

WrongItems wrong_items(const Completion& c) {
  WrongItems out;
  for (const ItemStats& item : c.items) {
    if (item.wrong > 0) (item.answered >= kItemMinAnswers ? out.ranked : out.few).push_back(&item);
  }
  // a->wrong / a->answered > b->wrong / b->answered, without division
  const auto share = [](const ItemStats* a, const ItemStats* b) {
    return static_cast<long long>(a->wrong) * b->answered > static_cast<long long>(b->wrong) * a->answered;
  };
  std::stable_sort(out.ranked.begin(), out.ranked.end(), [&](const ItemStats* a, const ItemStats* b) {
    return share(a, b) || (!share(b, a) && a->wrong > b->wrong);
  });
  std::stable_sort(out.few.begin(), out.few.end(), [&](const ItemStats* a, const ItemStats* b) {
    return a->wrong > b->wrong || (a->wrong == b->wrong && share(a, b));
  });
  return out;
}

namespace {

std::string quizzes_text(const Completion& c, bool have_roster) {
  const int people = people_counted(c, have_roster);
  const auto quizzes = quiz_order(c, QuizKind::quiz);
  const auto self_checks = quiz_order(c, QuizKind::self_check);
  std::string out = "受講状況: " + std::to_string(people) + "人" + (have_roster ? "（名簿）" : "") + "、小テスト " +
                    std::to_string(quizzes.size()) + "つ\n";
  for (const auto& id : quizzes) {
    const int done = done_count(c, id, have_roster);
    out += "  " + shown(c.quiz_titles.at(id)) + " (" + shown(id) + "): 合格 " + std::to_string(done) + " / " +
           std::to_string(people) + "人 (" + percent(done, people) + ")\n";
  }
  if (!self_checks.empty()) out += "自己診断（任意、修了には数えません）:\n";
  for (const auto& id : self_checks) {
    out += "  " + shown(c.quiz_titles.at(id)) + " (" + shown(id) + "): 受講 " +
           std::to_string(done_count(c, id, have_roster)) + "人\n";
  }
  return out;
}

std::string outstanding_text(const Completion& c, bool have_roster) {
  const auto missing = outstanding(c, have_roster);
  std::string out = "\n未受講・未合格: " + std::to_string(missing.size()) + "人\n";
  std::string department;
  for (const auto& o : missing) {
    const PersonStanding& p = c.people[o.person];
    if (department_of(p) != department) {
      department = department_of(p);
      out += "  " + shown(department) + "\n";
    }
    out += "    " + shown(person_label(p)) + ":";
    if (!o.not_taken.empty()) out += " 未受講 " + shown(joined_titles(c, o.not_taken));
    if (!o.not_passed.empty()) out += " 未合格 " + shown(joined_titles(c, o.not_passed));
    out += "\n";
  }
  return out;
}

std::string item_line(const ItemStats& item) {
  return "  " + percent(item.wrong, item.answered) + " (" + std::to_string(item.wrong) + "/" +
         std::to_string(item.answered) + ") " + shown(item.quiz_id + "/" + item.question) + " " +
         shown(std::string(prefix_of_code_points(item.text, 40))) + "\n";
}

// At most kTextItems questions: the ranked ones first, then those with few answers.
std::string items_text(const Completion& c) {
  constexpr size_t kTextItems = 10;
  const WrongItems items = wrong_items(c);
  const std::string min = std::to_string(kItemMinAnswers);
  std::string out;
  size_t listed = 0;
  if (!items.ranked.empty()) out += "\n誤答の多い設問（回答が" + min + "件以上の設問）:\n";
  for (; listed < items.ranked.size() && listed < kTextItems; ++listed) out += item_line(*items.ranked[listed]);
  if (!items.few.empty() && listed < kTextItems)
    out += "\n誤答のあった設問（回答が少ないため参考、" + min + "件未満）:\n";
  for (size_t i = 0; i < items.few.size() && listed < kTextItems; ++i, ++listed) out += item_line(*items.few[i]);
  const size_t all = items.ranked.size() + items.few.size();
  if (listed < all) out += "  ほか " + std::to_string(all - listed) + "問（すべて completion.json にあります）\n";
  return out;
}

}  // namespace

std::string completion_text(const Completion& c, bool have_roster) {
  std::string out = quizzes_text(c, have_roster) + outstanding_text(c, have_roster) + items_text(c);
  if (!c.notes.empty()) out += "\n確認してください:\n";
  for (const auto& note : c.notes) out += "  " + shown(note) + "\n";
  return out;
}

namespace {

nlohmann::json standing_json(const Completion& c, const std::string& id, const QuizStanding& s) {
  using Json = nlohmann::json;
  const Standing standing = standing_of(c, id, &s);
  const bool quiz = !is_self_check(c, id);
  const char* status = standing == Standing::passed      ? "passed"
                       : quiz                            ? "not_passed"
                       : standing == Standing::not_taken ? "not_taken"
                                                         : "taken";
  return {{"attempts", s.attempts},
          {"status", status},
          {"best_percent", !quiz || s.best_percent < 0 ? Json() : Json(s.best_percent)},
          {"passed", quiz ? Json(s.passed) : Json()},
          {"first_pass", !quiz || s.first_pass.empty() ? Json() : Json(s.first_pass)},
          {"certificate", !quiz || s.certificate.empty() ? Json() : Json(s.certificate)},
          {"versions", s.versions},
          {"older_version", s.older_version},
          {"not_counted", s.not_counted}};
}

// JSON text with every character of acts_on_terminal (core/text.h) beyond C0 written as
// \uXXXX: the same values, but nothing that hides, reorders or breaks text when the file is
// viewed. They occur only inside strings (the JSON around them is ASCII); nlohmann already
// escapes the C0 controls.
std::string with_invisible_escaped(const std::string& json) {
  std::string out;
  out.reserve(json.size());
  for (size_t i = 0; i < json.size();) {
    const size_t n = std::max<size_t>(utf8_sequence_length(json, i), 1);
    const auto cp = code_point_at(json, i);
    if (cp && acts_on_terminal(*cp) && (n > 1 || *cp == 0x7F)) {  // C0 controls are nlohmann's
      out += "\\u";
      for (const int shift : {12, 8, 4, 0}) out += hex_digit((*cp >> shift) & 0x0F);
    } else {
      out.append(json, i, n);
    }
    i += n;
  }
  return out;
}

}  // namespace

std::string completion_json(const Completion& c, bool have_roster) {
  using Json = nlohmann::json;
  Json people = Json::array();
  for (const auto& p : c.people) {
    Json quizzes = Json::object();
    for (const auto& [id, s] : p.quizzes) quizzes[id] = standing_json(c, id, s);
    Json person = {
        {"employee_id", p.employee_id}, {"name", p.name}, {"department", p.department}, {"on_roster", p.on_roster}};
    person["quizzes"] = std::move(quizzes);  // moved: an initializer list would copy it
    people.push_back(std::move(person));
  }
  Json items = Json::array();
  for (const auto& i : c.items) {
    items.push_back({{"quiz", i.quiz_id},
                     {"question", i.question},
                     {"text", i.text},
                     {"answered", i.answered},
                     {"wrong", i.wrong}});
  }
  Json types = Json::object();
  for (const auto& [id, title] : c.quiz_titles) types[id] = is_self_check(c, id) ? "self_check" : "quiz";
  Json report = {{"format", "mamori-completion"}, {"version", 1},
                 {"roster", have_roster},         {"quizzes", c.quiz_titles},
                 {"types", std::move(types)},     {"order", portal_order(c)}};
  report["people"] = std::move(people);
  report["items"] = std::move(items);
  report["notes"] = c.notes;
  return with_invisible_escaped(report.dump(1, ' ', false, Json::error_handler_t::replace)) + "\n";
}

}  // namespace mamori
