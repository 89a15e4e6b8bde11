#include "links/report.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <tuple>

#include "core/i18n.h"
#include "core/text.h"

namespace mamori {

LinkSummary summarize(const std::vector<LinkResult>& results) {
  LinkSummary s;
  for (const auto& r : results) {
    ++s.total;
    switch (r.verdict) {
      case Verdict::ok:
        ++s.ok;
        break;
      case Verdict::redirected:
        ++s.redirected;
        break;
      case Verdict::broken:
        ++s.broken;
        break;
      case Verdict::timeout:
        ++s.timeout;
        break;
      case Verdict::unreachable:
        ++s.unreachable;
        break;
      case Verdict::blocked:
        ++s.blocked;
        break;
      case Verdict::skipped:
        ++s.skipped;
        break;
    }
  }
  return s;
}

std::string advice(const LinkResult& r) {
  switch (r.verdict) {
    case Verdict::redirected:
      return format(tr("cite the new address {0} (mamori links --fix-redirects does it)"), r.final_url);
    case Verdict::broken:
      return tr("find where the page moved on the agency's site and cite that, or remove the link");
    case Verdict::timeout:
    case Verdict::unreachable:
      return tr("try again later; if it keeps failing, the site or the page is gone");
    case Verdict::blocked:
      return tr("open it in a browser to check it by hand");
    case Verdict::ok:
    case Verdict::skipped:
      break;
  }
  return {};
}

namespace {

std::string summary_line(const LinkSummary& s) {
  return format(tr("{0} links: {1} ok, {2} redirected, {3} broken, {4} timeout, {5} unreachable, {6} blocked, "
                   "{7} skipped"),
                s.total, s.ok, s.redirected, s.broken, s.timeout, s.unreachable, s.blocked, s.skipped);
}

struct Row {
  std::string file;
  int line;
  const LinkResult* result;
};

// The results that need an editor's attention, one row per citing line.
std::vector<Row> problem_rows(const std::vector<LinkResult>& results) {
  std::vector<Row> rows;
  for (const auto& r : results) {
    if (r.verdict == Verdict::ok || r.verdict == Verdict::skipped) continue;
    for (const auto& s : r.sources) rows.push_back(Row{s.file, s.line, &r});
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return std::tie(a.file, a.line, a.result->url) < std::tie(b.file, b.line, b.result->url);
  });
  return rows;
}

std::string color_for(Verdict v, bool color) {
  if (!color) return {};
  switch (v) {
    case Verdict::redirected:
      return "\x1b[33m";
    case Verdict::blocked:
      return "\x1b[36m";
    default:
      return "\x1b[31m";
  }
}

// The reason, and how long the URL has been failing.
std::string reason_with_history(const LinkResult& r, const LinkCache& history) {
  std::string why = r.reason;
  const std::string past = failure_history(history, r.url);
  if (!past.empty()) why += (why.empty() ? "" : "; ") + past;
  return why;
}

// Text for a Markdown table cell that stays text: printable, and nothing that would end the
// cell or start a link, an image, HTML, an entity, code or emphasis.
std::string markdown_cell(std::string_view text) {
  std::string out;
  for (const char c : printable_text(text)) {
    if (std::string_view("\\`*_[]<>|~&!").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

// What the XML and JSON reports hold: printable text (XML 1.0 allows no C0 control but tab,
// LF and CR, not even as a character reference).
std::string xml_text(std::string_view text) {
  return escape_markup(printable_text(text));
}

}  // namespace

std::string text_report(const std::vector<LinkResult>& results, const LinkCache& history, bool color) {
  std::string out;
  std::string file;
  for (const Row& row : problem_rows(results)) {
    const LinkResult& r = *row.result;
    if (row.file != file) {
      file = row.file;
      out += printable_text(file) + "\n";
    }
    out += "  " + std::to_string(row.line) + ": " + color_for(r.verdict, color) + std::string(verdict_name(r.verdict)) +
           (color ? "\x1b[0m" : "") + " " + printable_text(r.url) + "\n";
    const std::string why = reason_with_history(r, history);
    if (!why.empty()) out += "      " + printable_text(why) + "\n";
    out += "      " + format(tr("fix: {0}"), printable_text(advice(r))) + "\n";
  }
  out += summary_line(summarize(results)) + "\n";
  return out;
}

std::string json_report(const std::vector<LinkResult>& results, const std::vector<Diagnostic>& internal) {
  const LinkSummary s = summarize(results);
  nlohmann::json links = nlohmann::json::array();
  for (const auto& r : results) {
    nlohmann::json sources = nlohmann::json::array();
    for (const auto& source : r.sources) {
      sources.push_back({{"file", printable_text(source.file)}, {"line", source.line}});
    }
    nlohmann::json link = {{"url", printable_text(r.url)},
                           {"verdict", verdict_name(r.verdict)},
                           {"status", r.status},
                           {"final_url", printable_text(r.final_url)},
                           {"reason", printable_text(r.reason)},
                           {"sources", sources}};
    if (r.cached) link["cached"] = true;
    links.push_back(std::move(link));
  }
  nlohmann::json problems = nlohmann::json::array();
  for (const auto& d : internal) {
    problems.push_back({{"file", printable_text(d.path)},
                        {"line", d.line},
                        {"column", d.column},
                        {"severity", d.severity == Severity::error ? "error" : "warning"},
                        {"message", printable_text(d.message)}});
  }
  const nlohmann::json document = {{"version", 1},
                                   {"summary",
                                    {{"total", s.total},
                                     {"ok", s.ok},
                                     {"redirected", s.redirected},
                                     {"broken", s.broken},
                                     {"timeout", s.timeout},
                                     {"unreachable", s.unreachable},
                                     {"blocked", s.blocked},
                                     {"skipped", s.skipped}}},
                                   {"links", links},
                                   {"internal", problems}};
  // Every string is valid UTF-8 already; `replace` keeps dump() from throwing if one is not.
  return document.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string junit_report(const std::vector<LinkResult>& results, const std::vector<Diagnostic>& internal) {
  const LinkSummary s = summarize(results);
  int internal_errors = 0;
  for (const auto& d : internal) internal_errors += d.severity == Severity::error ? 1 : 0;
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out += "<testsuites name=\"mamori links\" tests=\"" + std::to_string(s.total + internal_errors) + "\" failures=\"" +
         std::to_string(s.broken + s.timeout + s.unreachable + internal_errors) + "\">\n";
  out += "  <testsuite name=\"cited URLs\" tests=\"" + std::to_string(s.total) + "\" failures=\"" +
         std::to_string(s.broken + s.timeout + s.unreachable) + "\" skipped=\"" +
         std::to_string(s.skipped + s.blocked) + "\">\n";
  for (const auto& r : results) {
    const std::string where =
        r.sources.empty() ? "" : r.sources.front().file + ":" + std::to_string(r.sources.front().line);
    out += "    <testcase classname=\"" + xml_text(where) + "\" name=\"" + xml_text(r.url) + "\"";
    if (is_failure(r.verdict)) {
      out += ">\n      <failure type=\"" + std::string(verdict_name(r.verdict)) + "\" message=\"" + xml_text(r.reason) +
             "\">" + xml_text(advice(r)) + "</failure>\n    </testcase>\n";
    } else if (r.verdict == Verdict::skipped || r.verdict == Verdict::blocked) {
      out += ">\n      <skipped message=\"" + xml_text(std::string(verdict_name(r.verdict)) + ": " + r.reason) +
             "\"/>\n    </testcase>\n";
    } else {
      out += "/>\n";
    }
  }
  out += "  </testsuite>\n";
  out += "  <testsuite name=\"links between pages\" tests=\"" + std::to_string(internal_errors) + "\" failures=\"" +
         std::to_string(internal_errors) + "\">\n";
  for (const auto& d : internal) {
    if (d.severity != Severity::error) continue;
    out += "    <testcase classname=\"" + xml_text(d.path) + "\" name=\"" + xml_text(format_diagnostic(d)) +
           "\">\n      <failure type=\"internal\" message=\"" + xml_text(d.message) + "\"/>\n    </testcase>\n";
  }
  out += "  </testsuite>\n</testsuites>\n";
  return out;
}

std::string markdown_report(const std::vector<LinkResult>& results, const LinkCache& history) {
  std::string out = std::string("## ") + tr("Link check") + "\n\n" + summary_line(summarize(results)) + "\n\n";
  const auto rows = problem_rows(results);
  if (rows.empty()) return out + tr("Every cited URL is fine.") + "\n";
  out += std::string(tr("| where | verdict | URL | why | what to do |")) + "\n| --- | --- | --- | --- | --- |\n";
  for (const Row& row : rows) {
    const LinkResult& r = *row.result;
    out += "| " + markdown_cell(row.file + ":" + std::to_string(row.line)) + " | " +
           std::string(verdict_name(r.verdict)) + " | " + markdown_cell(r.url) + " | " +
           markdown_cell(reason_with_history(r, history)) + " | " + markdown_cell(advice(r)) + " |\n";
  }
  return out;
}

}  // namespace mamori
