#include "results/record_csv.h"

#include <algorithm>
#include <charconv>
#include <vector>

#include "core/csv.h"
#include "core/encoding.h"
#include "core/i18n.h"
#include "core/text.h"
#include "quiz/quiz.h"
#include "results/attempt_time.h"
#include "results/record_checks.h"

namespace mamori {
namespace {

constexpr int kMaxRows = 10000;  // as many answers as a JSON record may hold
constexpr int kMaxPoints = 1000000;

const ScoreNames kNames{"出題数",       "正解数", "正答率(%)", "合格ライン(%)", "判定",   "合格",   "不合格",
                        N_("the rows"), "正解",   "問題ID",    "合計点",        "最低点", "最高点", "点数"};
const ScoreNames kSelfCheckNames{"出題数",       "正解数", "正答率(%)", "合格ライン(%)", "判定",   "合格",   "不合格",
                                 N_("the rows"), "正解",   "項目ID",    "合計点",        "最低点", "最高点", "点数"};

// The columns both layouts start with, in this order.
enum Shared : size_t { kQuizId, kTitle, kBankVersion, kTime, kName, kEmployeeId, kDepartment, kNumber };

struct Layout {
  QuizKind kind = QuizKind::quiz;
  std::vector<std::string> names;  // the header, column by column
  size_t attempt_columns = 0;      // the first columns: the attempt, the same on every row
};

std::vector<std::string> split_header(std::string_view header) {
  std::vector<std::string> names;
  for (size_t start = 0;;) {
    const size_t comma = header.find(',', start);
    names.emplace_back(header.substr(start, comma - start));
    if (comma == std::string_view::npos) return names;
    start = comma + 1;
  }
}

const Layout& quiz_layout() {
  static const Layout kLayout{QuizKind::quiz, split_header(kQuizCsvHeader), 13};
  return kLayout;
}

const Layout& self_check_layout() {
  static const Layout kLayout{QuizKind::self_check, split_header(kSelfCheckCsvHeader), 12};
  return kLayout;
}

bool has_all(const std::vector<std::string>& names, std::initializer_list<std::string_view> wanted) {
  return std::all_of(wanted.begin(), wanted.end(),
                     [&](std::string_view w) { return std::find(names.begin(), names.end(), w) != names.end(); });
}

// Why a header is not one of ours, naming what it looks like instead.
Error not_ours(const std::vector<std::string>& names) {
  if (has_all(names, {"所属", "氏名", "小テスト", "状況"})) {
    return Error{tr("not a quiz result CSV: this is a completion report (受講状況.csv, written by mamori results)")};
  }
  if (names.empty() || names[0] != "小テストID") {
    if (has_all(names, {"氏名"}) || has_all(names, {"社員番号"})) {
      return Error{tr("not a quiz result CSV: this looks like a roster; give a roster with --roster")};
    }
    return Error{
        tr("not a quiz result CSV: the first row is not the header of a quiz page's CSV (小テストID,小テスト,…)")};
  }
  const Layout& near = names.size() > 8 && names[8] == "合計点" ? self_check_layout() : quiz_layout();
  for (size_t i = 0; i < std::min(names.size(), near.names.size()); ++i) {
    if (names[i] != near.names[i]) {
      return Error{format(tr("not a quiz result CSV: column {0} of the header is '{1}', not '{2}'"), i + 1,
                          prefix_of_code_points(names[i], 40), near.names[i])};
    }
  }
  return Error{
      format(tr("not a quiz result CSV: the header has {0} columns, not {1}"), names.size(), near.names.size())};
}

Result<const Layout*> layout_of(const CsvRecord& header) {
  std::vector<std::string> names;
  for (const auto& field : header.fields) names.emplace_back(trim(field));
  for (const Layout* layout : {&quiz_layout(), &self_check_layout()}) {
    if (names == layout->names) return layout;
  }
  return not_ours(names);
}

// Reads the cells of one row, remembering the first problem with its line.
class Cells {
 public:
  Cells(const CsvRecord& row, const Layout& layout) : row_(row), layout_(layout) {}

  // The text of a cell of at most `max_characters` code points.
  std::string text(size_t column, size_t max_characters = kMaxQuestionTextLength) {
    auto value = unneutralize_cell(row_.fields[column]);
    if (!value) return fail(layout_.names[column] + ": " + value.error().message), std::string();
    fail(length_problem(*value, layout_.names[column], max_characters));
    return std::move(*value);
  }
  int integer(size_t column, int low, int high) {
    const std::string_view cell = trim(row_.fields[column]);
    int value = 0;
    const auto [end, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
    if (cell.empty() || ec != std::errc() || end != cell.data() + cell.size() || value < low || value > high) {
      fail(format(tr("{0} must be a whole number from {1} to {2}"), layout_.names[column], low, high));
      return 0;
    }
    return value;
  }
  bool empty(size_t column) const { return trim(row_.fields[column]).empty(); }
  // One of two words (正解/不正解, 合格/不合格): true for the first.
  bool either(size_t column, std::string_view yes, std::string_view no) {
    const std::string_view cell = trim(row_.fields[column]);
    if (cell != yes && cell != no) {
      fail(format(tr("{0} must be {1} or {2}"), layout_.names[column], yes, no));
    }
    return cell == yes;
  }
  void fail(const std::string& what) {
    if (error_.empty() && !what.empty()) error_ = format(tr("line {0}: {1}"), row_.line, what);
  }
  const std::string& error() const { return error_; }

 private:
  const CsvRecord& row_;
  const Layout& layout_;
  std::string error_;
};

void read_quiz_score(Cells& cells, ResultRecord& r) {
  r.correct = cells.integer(8, 0, kMaxRows);
  r.total = cells.integer(9, 1, kMaxRows);
  r.percent = cells.integer(10, 0, 100);
  r.pass_mark = cells.integer(11, 1, 100);
  r.passed = cells.either(12, "合格", "不合格");
}

void read_self_check_score(Cells& cells, ResultRecord& r) {
  r.points = cells.integer(8, -kMaxPoints, kMaxPoints);
  r.min_points = cells.integer(9, -kMaxPoints, kMaxPoints);
  r.max_points = cells.integer(10, -kMaxPoints, kMaxPoints);
  r.band = cells.text(11, kMaxTitleLength);
}

// The attempt, from the columns every row repeats (the first row's).
void read_attempt(Cells& cells, const Layout& layout, ResultRecord& r) {
  r.kind = layout.kind;
  r.quiz_id = cells.text(kQuizId);
  r.quiz_title = cells.text(kTitle, kMaxTitleLength);
  r.quiz_version = cells.text(kBankVersion);
  r.name = cells.text(kName, kMaxNameLength);
  r.employee_id = cells.text(kEmployeeId, kMaxEmployeeIdLength);
  r.department = cells.text(kDepartment, kMaxNameLength);
  r.number = cells.text(kNumber);
  if (cells.error().empty() && !is_valid_quiz_id(r.quiz_id)) {
    cells.fail(r.quiz_id.empty() ? tr("小テストID is empty")
                                 : tr("小テストID must be a quiz id (letters, digits, - and _, at most 64)"));
  }
  if (cells.error().empty() && !is_bank_version(r.quiz_version))
    cells.fail(tr("問題の版 must be up to 16 hex digits (0-9, a-f)"));
  const std::string time = cells.text(kTime);
  const auto when = parse_attempt_time(time);
  if (cells.error().empty() && !when) cells.fail(tr("受験日時 must be a time like 2026-12-01 08:30:00 +09:00"));
  if (when) r.date_local = when->local, r.date_utc = when->utc;
  if (cells.error().empty() && !r.number.empty() && !is_attempt_number(r.number)) {
    cells.fail(tr("記録番号 must be up to 40 characters of 0-9, A-Z and -"));
  }
  if (layout.kind == QuizKind::quiz) read_quiz_score(cells, r);
  if (layout.kind == QuizKind::self_check) read_self_check_score(cells, r);
}

// One question's answer, from the columns after the attempt's.
AnswerRecord read_answer(Cells& cells, const Layout& layout) {
  const size_t at = layout.attempt_columns;
  AnswerRecord answer;
  answer.question = cells.text(at);
  if (cells.error().empty() && !is_valid_quiz_id(answer.question)) {
    cells.fail(format(tr("{0} must be a question id (letters, digits, - and _, at most 64)"), layout.names[at]));
  }
  answer.text = cells.text(at + 1);
  const std::string label = cells.text(at + 2);  // the answer in words: checked, not counted
  if (layout.kind == QuizKind::quiz) answer.correct = cells.either(at + 3, "正解", "不正解");
  if (layout.kind == QuizKind::self_check && !cells.empty(at + 3)) {
    answer.points = cells.integer(at + 3, -kMaxPoints, kMaxPoints);
    if (cells.error().empty()) cells.fail(self_check_answer_problem("点数", label, *answer.points));
  }
  return answer;
}

// A row of the expected width (Excel may add empty cells at the end), or the problem.
std::string width_problem(const CsvRecord& row, const Layout& layout) {
  const size_t width = layout.names.size();
  const auto extra_filled = [&] {
    return std::any_of(row.fields.begin() + static_cast<std::ptrdiff_t>(width), row.fields.end(),
                       [](const std::string& f) { return !trim(f).empty(); });
  };
  if (row.fields.size() >= width && (row.fields.size() == width || !extra_filled())) return {};
  return format(tr("line {0}: {1} cells, the header has {2}"), row.line, row.fields.size(), width);
}

// Where a row says something else about the attempt than the first row did.
std::string disagreement(const CsvRecord& row, const CsvRecord& first, const Layout& layout) {
  for (size_t i = 0; i < layout.attempt_columns; ++i) {
    if (trim(row.fields[i]) != trim(first.fields[i])) {
      return format(tr("line {0}: {1} is not the same as on line {2} (one file holds one attempt)"), row.line,
                    layout.names[i], first.line);
    }
  }
  return {};
}

bool blank(const CsvRecord& row) {
  return std::all_of(row.fields.begin(), row.fields.end(), [](const std::string& f) { return trim(f).empty(); });
}

Result<std::vector<CsvRecord>> csv_records(std::string_view bytes) {
  const auto decoded = decode_utf8_or_cp932(bytes);
  if (!decoded) return Error{tr("not a quiz result CSV: neither UTF-8 nor CP932 (Shift_JIS) text")};
  std::vector<Diagnostic> problems;
  auto records = parse_csv(decoded->text, problems);
  if (!problems.empty()) return Error{format(tr("line {0}: {1}"), problems.front().line, problems.front().message)};
  if (records.empty()) return Error{tr("not a quiz result CSV: the file is empty")};
  return records;
}

}  // namespace

Result<ResultRecord> parse_result_csv(std::string_view bytes) {
  if (bytes.size() > kMaxResultFileBytes) return Error{tr("too large for a result file")};
  auto records = csv_records(bytes);
  if (!records) return records.error();
  auto layout = layout_of(records->front());
  if (!layout) return layout.error();
  ResultRecord r;
  r.version = 2;
  r.source = RecordSource::csv;
  const CsvRecord* first = nullptr;
  for (size_t i = 1; i < records->size(); ++i) {
    const CsvRecord& row = (*records)[i];
    if (blank(row)) continue;
    if (auto problem = width_problem(row, **layout); !problem.empty()) return Error{problem};
    if (first != nullptr) {
      if (auto problem = disagreement(row, *first, **layout); !problem.empty()) return Error{problem};
    }
    if (r.answers.size() >= static_cast<size_t>(kMaxRows)) return Error{tr("the file has too many rows")};
    Cells cells(row, **layout);
    if (first == nullptr) read_attempt(cells, **layout, r);
    first = first == nullptr ? &row : first;
    r.answers.push_back(read_answer(cells, **layout));
    if (!cells.error().empty()) return Error{cells.error()};
  }
  if (first == nullptr) return Error{tr("the file has the header but no answers")};
  const std::string problem =
      r.kind == QuizKind::quiz ? quiz_score_problem(r, kNames) : self_check_score_problem(r, kSelfCheckNames);
  if (!problem.empty()) return Error{problem};
  return r;
}

}  // namespace mamori
