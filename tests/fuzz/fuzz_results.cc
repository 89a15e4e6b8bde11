// A result file handed in by an employee (JSON, untrusted: anyone can edit it), as
// `mamori results` reads it; then the reports made from it, which must stay inert.
#include "fuzz_support.h"
#include "results/command.h"
#include "results/record.h"
#include "results/report.h"
#include "results_contracts.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mamori;
  auto record = parse_result_json(fuzz::as_text(data, size));
  if (!record) {
    fuzz::require(!find_invalid_utf8(record.error().message).has_value(), "the reason is valid UTF-8");
    return 0;
  }
  fuzz::check_result_record(*record);
  const Completion c = summarize({HandedIn{"f.json", *record}}, {}, {});
  const std::string text = completion_text(c, false);
  fuzz::require(!find_invalid_utf8(text).has_value(), "the summary is valid UTF-8");
  fuzz::require(text.find('\x1B') == std::string::npos, "no escape sequence reaches the terminal");
  const std::string html = completion_html(c, false, "today");
  fuzz::require(html.find("<script") == std::string::npos, "nothing runs in the HTML report");
  fuzz::check_report_json(completion_json(c, false));
  (void)completion_csv(c, false);
  return 0;
}
