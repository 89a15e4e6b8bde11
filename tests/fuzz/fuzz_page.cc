// A content page as the loader sees it: encoding check, front matter split, page meta.
#include <algorithm>

#include "core/text_file.h"
#include "fuzz_support.h"
#include "site/front_matter.h"
#include "site/page_meta.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mamori;
  std::vector<Diagnostic> out;
  const auto text = check_text_file(fuzz::as_text(data, size), out, TextFileKind::page);
  if (!text) return 0;
  const auto split = split_front_matter(strip_bom(*text));
  if (const auto* parts = std::get_if<FrontMatterSplit>(&split)) {
    const PageMeta meta = parse_page_meta(parts->toml, parts->toml_first_line, out);
    // With an error the build stops; without one, what the page shows must be sound.
    const bool failed =
        std::any_of(out.begin(), out.end(), [](const Diagnostic& d) { return d.severity == Severity::error; });
    if (failed) {
      fuzz::check_diagnostics(out);
      return 0;
    }
    fuzz::require(!find_invalid_utf8(meta.title).has_value(), "title is valid UTF-8");
    for (const auto& source : meta.sources) {
      fuzz::require(starts_with_ci(source.value, "http://") || starts_with_ci(source.value, "https://"),
                    "sources are http(s) URLs");
    }
  }
  fuzz::check_diagnostics(out);
  return 0;
}
