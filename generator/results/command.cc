#include "results/command.h"

#include "core/csv.h"
#include "core/files.h"
#include "core/i18n.h"
#include "core/text.h"
#include "results/collect.h"
#include "results/completion.h"
#include "results/project.h"
#include "results/report.h"

namespace mamori {
namespace {

namespace fs = std::filesystem;

// An --out that is a symbolic link is refused: whoever can write to the shared folder the
// reports go to could point it anywhere, and HR's account would write there. (The files
// inside are replaced, never written through: core/files.h write_file_atomically.)
bool out_is_symlink(const fs::path& out) {
  fs::path path = out;
  while (!path.has_filename() && path.has_parent_path() && path != path.root_path()) path = path.parent_path();
  std::error_code ec;
  return fs::is_symlink(path, ec);
}

// Reads the roster; its problems become messages ("FILE:line:col: error: …").
std::optional<std::vector<RosterEntry>> read_roster(const fs::path& file, ResultsRun& run) {
  auto bytes = read_file(file, size_t{64} << 20);
  if (!bytes) {
    run.messages.push_back("mamori: error: " + printable_text(file.string()) + ": " + bytes.error().message);
    return std::nullopt;
  }
  std::vector<Diagnostic> problems;
  auto roster = parse_roster(*bytes, problems);
  Diagnostics diagnostics;
  diagnostics.add_all(std::move(problems), file.string());
  for (const auto& d : diagnostics.items()) run.messages.push_back(format_diagnostic(d));
  if (diagnostics.has_errors()) run.exit_status = 1;
  return roster;
}

void write_reports(const fs::path& out, const Completion& c, bool have_roster, const std::string& today,
                   ResultsRun& run) {
  const std::pair<const char*, std::string> files[] = {{kCompletionCsv, completion_csv(c, have_roster)},
                                                       {kCompletionHtml, completion_html(c, have_roster, today)},
                                                       {kCompletionJson, completion_json(c, have_roster)}};
  for (const auto& [name, content] : files) {
    if (auto written = write_file_atomically(out / name, content); !written) {
      run.messages.push_back("mamori: error: " + printable_text(written.error().message));
      run.exit_status = 2;
      return;
    }
    run.messages.push_back("mamori: " + format(tr("wrote {0}"), printable_text((out / name).string())));
  }
}

std::string formatted(const std::string& format, const Completion& c, bool have_roster, const std::string& today) {
  if (format == "csv") return completion_csv(c, have_roster);
  if (format == "json") return completion_json(c, have_roster);
  if (format == "html") return completion_html(c, have_roster, today);
  return completion_text(c, have_roster);
}

}  // namespace

ResultsRun run_results(const ResultsOptions& options) {
  ResultsRun run;
  if (!options.out.empty() && out_is_symlink(options.out)) {
    run.messages.push_back("mamori: error: " + format(tr("--out {0} is a symbolic link; give the folder it points to"),
                                                      printable_text(options.out.string())));
    run.exit_status = 2;
    return run;
  }
  std::vector<RosterEntry> roster;
  if (!options.roster.empty()) {
    auto read = read_roster(options.roster, run);
    if (!read) {
      run.exit_status = 2;
      return run;
    }
    roster = std::move(*read);
  }
  const Project project = load_project(options.root);
  Collected collected = collect_results(options.inputs, {options.out, options.roster});
  keep_project_quizzes(project, collected.results, collected.skipped);
  for (const auto& skipped : collected.skipped) run.messages.push_back("mamori: " + format(tr("skipped {0}"), skipped));
  if (!collected.skipped.empty()) run.exit_status = std::max(run.exit_status, 1);
  Completion c = summarize(collected.results, roster, project.quizzes);
  if (const std::string note = unchecked_note(project); !note.empty()) c.notes.insert(c.notes.begin(), note);
  const SystemClock system_clock;
  const std::string today = to_japanese((options.clock != nullptr ? *options.clock : system_clock).today());
  if (!options.out.empty()) write_reports(options.out, c, !roster.empty(), today, run);
  run.output = formatted(options.format, c, !roster.empty(), today);
  run.messages.push_back("mamori: " + format(tr("read {0} result files, skipped {1}"), collected.results.size(),
                                             collected.skipped.size()));
  return run;
}

namespace {

std::vector<std::string> csv_row(const Completion& c, const PersonStanding& p, const std::string& id,
                                 const std::string& title) {
  const auto it = p.quizzes.find(id);
  const QuizStanding* s = it == p.quizzes.end() ? nullptr : &it->second;
  const Standing standing = standing_of(c, id, s);
  const bool quiz = standing != Standing::taken && standing != Standing::not_taken;  // taken: a score, maybe a pass
  std::vector<std::string> row = {p.department,
                                  p.employee_id,
                                  p.name,
                                  p.on_roster ? "あり" : "なし",
                                  title,
                                  standing_word(standing) + (is_self_check(c, id) ? "（任意）" : ""),
                                  quiz && s->best_percent >= 0 ? std::to_string(s->best_percent) : "",
                                  quiz ? s->first_pass : "",
                                  quiz ? s->certificate : "",
                                  s != nullptr ? std::to_string(s->attempts) : "0",
                                  s != nullptr && s->older_version ? "あり" : ""};
  for (auto& cell : row) cell = neutralize_cell(printable_text(cell));
  return row;
}

}  // namespace

std::string completion_csv(const Completion& c, bool have_roster) {
  std::string out = "\xEF\xBB\xBF" + csv_record({"所属", "社員番号", "氏名", "名簿", "小テスト", "状況", "最高点(%)",
                                                 "初回合格日", "修了証番号", "受験回数", "旧版の回答"});
  for (const auto& p : c.people) {
    if (have_roster && !p.on_roster && p.quizzes.empty()) continue;
    for (const auto& id : portal_order(c)) out += csv_record(csv_row(c, p, id, c.quiz_titles.at(id)));
  }
  return out;
}

}  // namespace mamori
