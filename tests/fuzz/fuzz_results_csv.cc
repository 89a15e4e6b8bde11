// The CSV download of a quiz attempt handed in by an employee (untrusted: anyone can edit
// it, Excel may have saved it again), as `mamori results` reads it; then the reports made
// from it, which must stay inert.
#include "core/csv.h"
#include "fuzz_support.h"
#include "results/command.h"
#include "results/record_csv.h"
#include "results/report.h"
#include "results_contracts.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mamori;
  auto record = parse_result_csv(fuzz::as_text(data, size));
  if (!record) {
    fuzz::require(!find_invalid_utf8(record.error().message).has_value(), "the reason is valid UTF-8");
    fuzz::require(!record.error().message.empty(), "a refusal says why");
    return 0;
  }
  const ResultRecord& r = *record;
  fuzz::require(r.source == RecordSource::csv && r.version == 2, "a CSV gives a version 2 record");
  fuzz::check_result_record(r);
  fuzz::require(r.date_local.size() == 25 && r.date_utc.size() == 24, "times are ISO 8601");
  const Completion c = summarize({HandedIn{"f.csv", r}}, {}, {});
  const std::string text = completion_text(c, false);
  fuzz::require(!find_invalid_utf8(text).has_value(), "the summary is valid UTF-8");
  fuzz::require(text.find('\x1B') == std::string::npos, "no escape sequence reaches the terminal");
  const std::string html = completion_html(c, false, "today");
  fuzz::require(html.find("<script") == std::string::npos, "nothing runs in the HTML report");
  std::vector<Diagnostic> ignored;
  for (const CsvRecord& row : parse_csv(completion_csv(c, false).substr(3), ignored)) {
    for (const std::string& cell : row.fields) fuzz::require(!starts_like_formula(cell), "no formula in 受講状況.csv");
  }
  fuzz::check_report_json(completion_json(c, false));
  return 0;
}
