#include "results/completion.h"

#include <algorithm>
#include <tuple>

#include "core/i18n.h"
#include "core/text.h"
#include "results/against_quiz.h"
#include "results/attempt_number.h"

namespace mamori {
namespace {

// People by employee id and by name, as results are matched to them.
class People {
 public:
  explicit People(std::vector<PersonStanding>& people) : people_(people) {}

  size_t add(PersonStanding person) {
    const size_t index = people_.size();
    if (!person.employee_id.empty()) by_id_.emplace(employee_id_key(person.employee_id), index);
    if (!person.name.empty() && !by_name_.emplace(name_key(person.name), index).second) {
      ambiguous_.insert(name_key(person.name));
    }
    people_.push_back(std::move(person));
    return index;
  }
  std::optional<size_t> by_id(const std::string& id) const {
    const auto it = by_id_.find(employee_id_key(id));
    return it == by_id_.end() ? std::nullopt : std::optional(it->second);
  }
  std::optional<size_t> by_name(const std::string& name) const {
    const std::string key = name_key(name);
    const auto it = by_name_.find(key);
    if (it == by_name_.end() || ambiguous_.contains(key)) return std::nullopt;
    return it->second;
  }
  bool ambiguous(const std::string& name) const { return ambiguous_.contains(name_key(name)); }
  PersonStanding& operator[](size_t i) { return people_[i]; }

 private:
  std::vector<PersonStanding>& people_;
  std::map<std::string, size_t> by_id_;
  std::map<std::string, size_t> by_name_;
  std::set<std::string> ambiguous_;
};

PersonStanding person_of(const ResultRecord& r) {
  return PersonStanding{r.employee_id, r.name, r.department, false, {}};
}

// The person a result belongs to: by employee id, else by name; a new one when neither
// matches. Conflicts between the file and the roster are noted, never silently merged.
size_t match(People& people, const HandedIn& h, bool have_roster, std::vector<std::string>& notes) {
  const ResultRecord& r = h.record;
  const std::string who = r.employee_id.empty() ? r.name : r.employee_id + " " + r.name;
  if (!r.employee_id.empty()) {
    if (auto i = people.by_id(r.employee_id)) {
      const PersonStanding& p = people[*i];
      if (!r.name.empty() && !p.name.empty() && name_key(r.name) != name_key(p.name)) {
        notes.push_back(h.file + ": " +
                        format(p.on_roster
                                   ? tr("社員番号 {0} is {1} on the roster but {2} in the file; counted for {1}")
                                   : tr("社員番号 {0} is {1} in an earlier file but {2} in this one; counted for {1}"),
                               r.employee_id, p.name, r.name));
      }
      return *i;
    }
  }
  if (!r.name.empty()) {
    if (auto i = people.by_name(r.name); i && (people[*i].employee_id.empty() || r.employee_id.empty())) return *i;
    if (people.ambiguous(r.name)) {
      notes.push_back(h.file + ": " +
                      format(tr("more than one person is named {0}; add the 社員番号 to tell them apart"), r.name));
    }
  }
  if (r.name.empty() && r.employee_id.empty()) {
    notes.push_back(h.file + ": " + tr("the file has no name and no 社員番号; counted as an unnamed person"));
  } else if (have_roster) {
    notes.push_back(h.file + ": " + format(tr("{0} is not on the roster"), who));
  }
  return people.add(person_of(r));
}

// One attempt of person × quiz `s`. An attempt that does not `count` (it differs from
// today's quiz) adds to the attempts only; a number that its attempt does not give is not
// the certificate's.
void record_attempt(QuizStanding& s, const ResultRecord& r, bool counts, const CurrentQuiz* today) {
  ++s.attempts;
  if (!r.quiz_version.empty()) s.versions.insert(r.quiz_version);
  if (today != nullptr && !today->version.empty() && !r.quiz_version.empty() && r.quiz_version != today->version) {
    s.older_version = true;
  }
  if (!counts) {
    ++s.not_counted;
    return;
  }
  if (r.kind == QuizKind::quiz) s.best_percent = std::max(s.best_percent, r.percent);
  if (r.kind == QuizKind::quiz && r.passed && (!s.passed || r.date_utc < s.first_pass_utc)) {
    s.first_pass = local_day(r);
    s.first_pass_utc = r.date_utc;
    s.certificate = check_attempt_number(r) == NumberCheck::differs ? "" : r.number;
    s.passed = true;
  }
}

std::vector<ItemStats> item_analysis(const std::vector<const HandedIn*>& counted) {
  std::map<std::pair<std::string, std::string>, ItemStats> items;
  for (const HandedIn* h : counted) {
    if (h->record.kind != QuizKind::quiz) continue;
    for (const AnswerRecord& a : h->record.answers) {
      ItemStats& item = items[{h->record.quiz_id, a.question}];
      item.quiz_id = h->record.quiz_id;
      item.question = a.question;
      if (!a.text.empty()) item.text = a.text;
      ++item.answered;
      if (a.correct == false) ++item.wrong;
    }
  }
  std::vector<ItemStats> out;
  out.reserve(items.size());
  for (auto& [key, item] : items) out.push_back(std::move(item));
  std::stable_sort(out.begin(), out.end(), [](const ItemStats& a, const ItemStats& b) {
    // a.wrong / a.answered > b.wrong / b.answered, without division
    const long long left = static_cast<long long>(a.wrong) * b.answered;
    const long long right = static_cast<long long>(b.wrong) * a.answered;
    return std::tie(right, b.answered) < std::tie(left, a.answered);
  });
  return out;
}

// Whether two records name one person: the employee ids agree when both have one, and the
// names when both have one (at least one of the two to compare, or neither record names anyone).
bool same_person(const ResultRecord& a, const ResultRecord& b) {
  const bool ids = !a.employee_id.empty() && !b.employee_id.empty();
  const bool names = !a.name.empty() && !b.name.empty();
  if (ids && employee_id_key(a.employee_id) != employee_id_key(b.employee_id)) return false;
  if (names && name_key(a.name) != name_key(b.name)) return false;
  return ids || names || (a.employee_id.empty() && a.name.empty() && b.employee_id.empty() && b.name.empty());
}

// Whether two records hold the same score and answers, as both downloads write them (the
// CSV has no choice ids: the answers compare by question, right or wrong, and points).
bool same_content(const ResultRecord& a, const ResultRecord& b) {
  const auto score = [](const ResultRecord& r) {
    return std::tie(r.kind, r.quiz_version, r.correct, r.total, r.percent, r.pass_mark, r.passed, r.points,
                    r.min_points, r.max_points, r.band);
  };
  const auto same_answer = [](const AnswerRecord& x, const AnswerRecord& y) {
    return x.question == y.question && x.correct == y.correct && x.points == y.points;
  };
  return score(a) == score(b) &&
         std::equal(a.answers.begin(), a.answers.end(), b.answers.begin(), b.answers.end(), same_answer);
}

// One attempt handed in more than once (the same file twice, saved twice, or as both the
// JSON and the CSV download): the same quiz, person, score and answers, and the same attempt
// number — or, when either has no number, the same local time (to the second). A number is
// no proof on its own: anyone can copy a colleague's onto their own file.
class Attempts {
 public:
  struct Seen {
    const HandedIn* same = nullptr;   // the copy already seen of this attempt
    const HandedIn* clash = nullptr;  // another attempt with this number: another person or other answers
  };

  Seen seen(const HandedIn& h) {
    const ResultRecord& r = h.record;
    Seen out;
    std::vector<const HandedIn*>* numbered = nullptr;
    if (!r.number.empty()) {
      numbered = &by_number_[{r.quiz_id, r.number}];
      for (const HandedIn* other : *numbered) {
        if (same_person(other->record, r) && same_content(other->record, r)) return {other, nullptr};
        if (out.clash == nullptr) out.clash = other;
      }
    }
    const std::string who = r.name.empty() ? "#" + employee_id_key(r.employee_id) : name_key(r.name);
    auto& timed = by_time_[{r.quiz_id, who, r.date_local.empty() ? r.date_utc : r.date_local}];
    for (const HandedIn* other : timed) {
      const std::string& number = other->record.number;
      const bool unnumbered = r.number.empty() || number.empty();
      if (unnumbered && same_person(other->record, r) && same_content(other->record, r)) return {other, nullptr};
    }
    timed.push_back(&h);
    if (numbered != nullptr) numbered->push_back(&h);
    return out;
  }

 private:
  std::map<std::pair<std::string, std::string>, std::vector<const HandedIn*>> by_number_;
  std::map<std::tuple<std::string, std::string, std::string>, std::vector<const HandedIn*>> by_time_;
};

// Every attempt once: JSON downloads first (they hold more: choice ids, milliseconds), then
// CSV downloads, each in path order.
std::vector<const HandedIn*> distinct_attempts(const std::vector<HandedIn>& results, std::vector<std::string>& notes) {
  Attempts attempts;
  std::vector<const HandedIn*> out;
  for (const RecordSource source : {RecordSource::json, RecordSource::csv}) {
    for (const HandedIn& h : results) {
      if (h.record.source != source) continue;
      const Attempts::Seen seen = attempts.seen(h);
      if (seen.same != nullptr) {
        notes.push_back(h.file + ": " + format(tr("the same attempt as {0}; counted once"), seen.same->file));
        continue;
      }
      if (seen.clash != nullptr) {
        notes.push_back(h.file + ": " +
                        format(tr("the same 記録番号 {0} as {1}, but not the same person, score and answers; both "
                                  "are counted"),
                               h.record.number, seen.clash->file));
      }
      out.push_back(&h);
    }
  }
  return out;
}

// What HR should know about one attempt counted for a person: how it differs from today's
// quiz (then it does not `count`), a number its attempt does not give, an invisible name.
bool note_attempt(const HandedIn& h, const CurrentQuiz* today, std::vector<std::string>& notes) {
  const ResultRecord& r = h.record;
  const auto differences = today != nullptr ? differences_from_quiz(r, *today) : std::vector<std::string>{};
  if (!differences.empty()) {
    std::string listed = differences[0];
    for (size_t i = 1; i < differences.size(); ++i) listed = format(tr("{0}, {1}"), listed, differences[i]);
    notes.push_back(
        h.file + ": " +
        format(today->kind == QuizKind::quiz ? tr("{0}; not counted as a pass") : tr("{0}; not counted as 受講"),
               listed));
  }
  if (check_attempt_number(r) == NumberCheck::differs) {
    notes.push_back(
        h.file + ": " +
        format(tr("記録番号 {0} does not match the attempt (the file may have been edited); not reported as "
                  "修了証番号"),
               r.number));
  }
  if (has_invisible_characters(r.name)) {
    notes.push_back(h.file + ": " + tr("the name contains invisible characters; they are ignored to match it"));
  }
  // Only today's bank is known: a pass of another one cannot be checked, and any version can
  // be written into a file. HR is told, so that a bank that never existed is noticed.
  if (differences.empty() && today != nullptr && r.kind == QuizKind::quiz && r.passed && !today->version.empty() &&
      !r.quiz_version.empty() && r.quiz_version != today->version) {
    notes.push_back(
        h.file + ": " +
        format(tr("a pass of another question bank (問題の版 {0}) than today's; its answers cannot be checked"),
               r.quiz_version));
  }
  if (differences.empty() && today != nullptr && r.passed) {
    if (const std::string unknown = questions_of_an_unnamed_bank(r, *today); !unknown.empty()) {
      notes.push_back(
          h.file + ": " +
          format(tr("a pass that does not name its question bank: {0}; its answers cannot be checked"), unknown));
    }
  }
  return differences.empty();
}

}  // namespace

bool is_self_check(const Completion& c, const std::string& id) {
  const auto it = c.quiz_kinds.find(id);
  return it != c.quiz_kinds.end() && it->second == QuizKind::self_check;
}

std::string local_day(const ResultRecord& record) {
  const std::string& when = record.date_local.size() >= 10 ? record.date_local : record.date_utc;
  return when.substr(0, 10);
}

Completion summarize(const std::vector<HandedIn>& results, const std::vector<RosterEntry>& roster,
                     const std::map<std::string, CurrentQuiz>& current) {
  Completion c;
  for (const auto& [id, quiz] : current) {
    c.quiz_titles[id] = quiz.title;
    c.quiz_kinds[id] = quiz.kind;
    if (quiz.order >= 0) c.quiz_places[id] = quiz.order;
  }
  People people(c.people);
  for (const RosterEntry& e : roster) people.add(PersonStanding{e.employee_id, e.name, e.department, true, {}});
  std::vector<const HandedIn*> counted;  // for the item analysis: attempts that fit today's quiz
  for (const HandedIn* h : distinct_attempts(results, c.notes)) {
    c.quiz_titles.emplace(h->record.quiz_id, h->record.quiz_title);
    c.quiz_kinds.emplace(h->record.quiz_id, h->record.kind);
    PersonStanding& p = people[match(people, *h, !roster.empty(), c.notes)];
    if (p.department.empty()) p.department = h->record.department;
    const auto today = current.find(h->record.quiz_id);
    const CurrentQuiz* quiz = today == current.end() ? nullptr : &today->second;
    const bool counts = note_attempt(*h, quiz, c.notes);
    record_attempt(p.quizzes[h->record.quiz_id], h->record, counts, quiz);
    if (counts) counted.push_back(h);
  }
  c.items = item_analysis(counted);
  return c;
}

}  // namespace mamori
