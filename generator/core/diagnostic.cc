#include "core/diagnostic.h"

#include <algorithm>
#include <tuple>
#include <vector>

#include "core/text.h"

namespace mamori {

// Messages quote what they complain about (a TOML value, a URL, a heading), and that text
// is untrusted: a newline would split the one-line diagnostic that editors and CI parse,
// and an escape sequence or a bidi control would act on the terminal. printable_text makes
// it valid UTF-8 with such characters written as visible escapes.
Diagnostic error_at(int line, int column, std::string_view message) {
  return Diagnostic{{}, line, column, Severity::error, printable_text(message), {}};
}

Diagnostic warning_at(int line, int column, std::string_view message) {
  return Diagnostic{{}, line, column, Severity::warning, printable_text(message), {}};
}

namespace {

// The source line as shown under a diagnostic: valid UTF-8 (a bad byte becomes U+FFFD), a
// tab as one space, and anything that could act on the terminal or reorder the line (C0
// and C1 controls, DEL, U+2028/2029, bidi controls) as one '?', so the caret stays under
// the right column and nothing from the file reaches the terminal live.
std::string shown_source_line(std::string_view line) {
  const std::string valid = to_valid_utf8(line);
  std::string out;
  out.reserve(valid.size());
  for (size_t i = 0; i < valid.size();) {
    const auto c = static_cast<unsigned char>(valid[i]);
    const size_t length = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
    const std::string_view character(valid.data() + i, std::min(length, valid.size() - i));
    i += character.size();
    if (c == '\t') {
      out += ' ';
    } else if (length == 1 ? (c < 0x20 || c == 0x7f) : printable_text(character) != character) {
      out += '?';
    } else {
      out += character;
    }
  }
  return out;
}

}  // namespace

std::string format_diagnostic(const Diagnostic& d) {
  std::string out = printable_text(d.path);
  if (d.line > 0) {
    if (!out.empty()) out += ':';
    out += std::to_string(d.line);
    if (d.column > 0) out += ':' + std::to_string(d.column);
  }
  if (!out.empty()) out += ": ";
  out += d.severity == Severity::error ? "error: " : "warning: ";
  out += printable_text(d.message);  // set directly (not through error_at) by some callers
  return out;
}

std::string format_with_caret(const Diagnostic& d) {
  std::string out = format_diagnostic(d);
  if (d.source_line.empty() || d.line <= 0 || d.column <= 0) return out;
  const std::string number = std::to_string(d.line);
  const std::string gutter(number.size(), ' ');
  const int caret = d.column - d.source_line_start + 1;
  if (caret < 1) return out;
  const std::string line = shown_source_line(d.source_line);
  const std::string ellipsis = d.source_line_start > 1 ? "…" : "";
  const std::string_view prefix = prefix_of_code_points(line, static_cast<size_t>(caret - 1));
  out += "\n " + number + " | " + ellipsis + line;
  out += "\n " + gutter + " | " + std::string(display_width(ellipsis) + display_width(prefix), ' ') + '^';
  return out;
}

void Diagnostics::error(std::string path, int line, int column, std::string_view message) {
  Diagnostic d = error_at(line, column, message);
  d.path = std::move(path);
  add(std::move(d));
}

void Diagnostics::warning(std::string path, int line, int column, std::string_view message) {
  Diagnostic d = warning_at(line, column, message);
  d.path = std::move(path);
  add(std::move(d));
}

void Diagnostics::add_all(std::vector<Diagnostic> ds, std::string_view path) {
  for (auto& d : ds) {
    if (!path.empty() && d.path.empty()) d.path = std::string(path);
    items_.push_back(std::move(d));
  }
}

void Diagnostics::merge(Diagnostics&& other) {
  items_.insert(items_.end(), std::make_move_iterator(other.items_.begin()),
                std::make_move_iterator(other.items_.end()));
  other.items_.clear();
}

bool Diagnostics::has_errors() const {
  return error_count() > 0;
}

int Diagnostics::error_count() const {
  return static_cast<int>(
      std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) { return d.severity == Severity::error; }));
}

int Diagnostics::warning_count() const {
  return static_cast<int>(items_.size()) - error_count();
}

void Diagnostics::sort() {
  auto key = [](const Diagnostic& d) { return std::tie(d.path, d.line, d.column, d.severity, d.message); };
  std::stable_sort(items_.begin(), items_.end(),
                   [&](const Diagnostic& a, const Diagnostic& b) { return key(a) < key(b); });
  items_.erase(std::unique(items_.begin(), items_.end(),
                           [&](const Diagnostic& a, const Diagnostic& b) { return key(a) == key(b); }),
               items_.end());
}

std::string_view line_of(std::string_view text, int line) {
  if (line <= 0) return {};
  size_t start = 0;
  for (int i = 1; i < line; ++i) {
    const size_t end = line_end(text, start);
    if (end == text.size()) return {};
    start = next_line(text, end);
  }
  return text.substr(start, line_end(text, start) - start);
}

}  // namespace mamori

namespace mamori {

void attach_source_lines(std::vector<Diagnostic>& diagnostics, std::string_view text) {
  constexpr size_t kBefore = 60;  // code points shown around the column of a long line
  constexpr size_t kWidth = 120;
  // Visit the diagnostics in text order with a cursor, so that many problems on one long
  // line cost one pass over it, not one pass each.
  std::vector<Diagnostic*> order;
  for (auto& d : diagnostics) {
    if (d.line > 0 && d.source_line.empty()) order.push_back(&d);
  }
  std::sort(order.begin(), order.end(), [](const Diagnostic* a, const Diagnostic* b) {
    return std::tie(a->line, a->column) < std::tie(b->line, b->column);
  });
  size_t line_begin = 0;  // byte offset of line `line_number`
  int line_number = 1;
  size_t cursor = 0;  // byte offset within the line of code point `cursor_column`
  size_t cursor_column = 1;
  for (Diagnostic* d : order) {
    while (line_number < d->line && line_begin < text.size()) {
      const size_t end = line_end(text, line_begin);
      if (end == text.size()) break;  // no line past the last one
      line_begin = next_line(text, end);
      ++line_number;
      cursor = 0;
      cursor_column = 1;
    }
    if (line_number != d->line) break;
    const std::string_view line = text.substr(line_begin, line_end(text, line_begin) - line_begin);
    if (line.size() <= kWidth) {  // bytes ≥ code points: a short line is shown whole
      d->source_line = std::string(line);
      continue;
    }
    const size_t column = static_cast<size_t>(std::max(d->column, 1));
    const size_t start_column = column > kBefore ? column - kBefore : 1;
    while (cursor_column < start_column && cursor < line.size()) {
      ++cursor;
      while (cursor < line.size() && (static_cast<unsigned char>(line[cursor]) & 0xC0) == 0x80) ++cursor;
      ++cursor_column;
    }
    d->source_line_start = static_cast<int>(cursor_column);
    d->source_line = std::string(prefix_of_code_points(line.substr(cursor), kWidth));
  }
}

}  // namespace mamori
