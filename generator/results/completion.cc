#include "results/completion.h"

#include <algorithm>
#include <tuple>

#include "core/text.h"

namespace mamori {
namespace {

// People by employee id and by name, as results are matched to them.
class People {
 public:
  explicit People(std::vector<PersonStanding>& people) : people_(people) {}

  size_t add(PersonStanding person) {
    const size_t index = people_.size();
    if (!person.employee_id.empty()) by_id_.emplace(nfkc_casefold(person.employee_id), index);
    if (!person.name.empty() && !by_name_.emplace(name_key(person.name), index).second) {
      ambiguous_.insert(name_key(person.name));
    }
    people_.push_back(std::move(person));
    return index;
  }
  std::optional<size_t> by_id(const std::string& id) const {
    const auto it = by_id_.find(nfkc_casefold(id));
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
        notes.push_back(h.file + ": 社員番号 " + r.employee_id + " is " + p.name + " on the roster but " + r.name +
                        " in the file; counted for " + p.name);
      }
      return *i;
    }
  }
  if (!r.name.empty()) {
    if (auto i = people.by_name(r.name); i && (people[*i].employee_id.empty() || r.employee_id.empty())) return *i;
    if (people.ambiguous(r.name)) {
      notes.push_back(h.file + ": more than one person is named " + r.name + "; add the 社員番号 to tell them apart");
    }
  }
  if (r.name.empty() && r.employee_id.empty()) {
    notes.push_back(h.file + ": the file has no name and no 社員番号; counted as an unnamed person");
  } else if (have_roster) {
    notes.push_back(h.file + ": " + who + " is not on the roster");
  }
  return people.add(person_of(r));
}

void record_attempt(QuizStanding& s, const ResultRecord& r, const std::map<std::string, CurrentQuiz>& current) {
  ++s.attempts;
  if (r.kind == QuizKind::quiz) s.best_percent = std::max(s.best_percent, r.percent);
  if (r.kind == QuizKind::quiz && r.passed && (!s.passed || r.date_utc < s.first_pass_utc)) {
    s.first_pass = local_day(r);
    s.first_pass_utc = r.date_utc;
    s.certificate = r.number;
    s.passed = true;
  }
  if (!r.quiz_version.empty()) s.versions.insert(r.quiz_version);
  const auto it = current.find(r.quiz_id);
  if (it != current.end() && !it->second.version.empty() && !r.quiz_version.empty() &&
      r.quiz_version != it->second.version) {
    s.older_version = true;
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

// One attempt handed in more than once (the same file twice, saved twice, or as both the
// JSON and the CSV download): the same quiz and attempt number; or, when either has no
// number, the same quiz, person and local time (to the second).
class Attempts {
 public:
  // The copy already seen of this attempt, or null (and it is remembered).
  const HandedIn* seen(const HandedIn& h) {
    const ResultRecord& r = h.record;
    const auto number = std::make_pair(r.quiz_id, r.number);
    if (const auto it = by_number_.find(number); !r.number.empty() && it != by_number_.end()) return it->second;
    const std::string who = r.name.empty() ? "#" + nfkc_casefold(r.employee_id) : name_key(r.name);
    const auto time = std::make_tuple(r.quiz_id, who, r.date_local.empty() ? r.date_utc : r.date_local);
    if (const auto it = by_time_.find(time); it != by_time_.end()) {
      const std::string& other = it->second->record.number;
      if (r.number.empty() || other.empty() || other == r.number) return it->second;
    } else {
      by_time_.emplace(time, &h);
    }
    if (!r.number.empty()) by_number_.emplace(number, &h);
    return nullptr;
  }

 private:
  std::map<std::pair<std::string, std::string>, const HandedIn*> by_number_;
  std::map<std::tuple<std::string, std::string, std::string>, const HandedIn*> by_time_;
};

// Every attempt once: JSON downloads first (they hold more: choice ids, milliseconds), then
// CSV downloads, each in path order.
std::vector<const HandedIn*> distinct_attempts(const std::vector<HandedIn>& results, std::vector<std::string>& notes) {
  Attempts attempts;
  std::vector<const HandedIn*> out;
  for (const RecordSource source : {RecordSource::json, RecordSource::csv}) {
    for (const HandedIn& h : results) {
      if (h.record.source != source) continue;
      if (const HandedIn* first = attempts.seen(h)) {
        notes.push_back(h.file + ": the same attempt as " + first->file + "; counted once");
        continue;
      }
      out.push_back(&h);
    }
  }
  return out;
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
  }
  People people(c.people);
  for (const RosterEntry& e : roster) people.add(PersonStanding{e.employee_id, e.name, e.department, true, {}});
  const auto counted = distinct_attempts(results, c.notes);
  for (const HandedIn* h : counted) {
    c.quiz_titles.emplace(h->record.quiz_id, h->record.quiz_title);
    c.quiz_kinds.emplace(h->record.quiz_id, h->record.kind);
    PersonStanding& p = people[match(people, *h, !roster.empty(), c.notes)];
    if (p.department.empty()) p.department = h->record.department;
    record_attempt(p.quizzes[h->record.quiz_id], h->record, current);
  }
  c.items = item_analysis(counted);
  return c;
}

}  // namespace mamori
