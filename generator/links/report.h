// Reports of `mamori links`: text for people, JSON for scripts, JUnit for CI, Markdown
// for an issue or a wiki page.
#pragma once

#include <string>
#include <vector>

#include "core/diagnostic.h"
#include "links/cache.h"
#include "links/checker.h"

namespace mamori {

struct LinkSummary {
  int total = 0, ok = 0, redirected = 0, broken = 0, timeout = 0, unreachable = 0, blocked = 0, skipped = 0;
};
LinkSummary summarize(const std::vector<LinkResult>& results);

// Problems grouped by source file and line, each with what to do. Color only when asked.
std::string text_report(const std::vector<LinkResult>& results, const LinkCache& history, bool color);

// {"version", "summary", "links", "internal"}: counts per verdict, every cited URL with its
// verdict and the places that cite it, and the build's problems (links between pages among
// them). docs/links.md describes every field.
std::string json_report(const std::vector<LinkResult>& results, const std::vector<Diagnostic>& internal);

std::string junit_report(const std::vector<LinkResult>& results, const std::vector<Diagnostic>& internal);

std::string markdown_report(const std::vector<LinkResult>& results, const LinkCache& history);

// What an editor should do about a result ("" for ok and skipped).
std::string advice(const LinkResult& result);

}  // namespace mamori
