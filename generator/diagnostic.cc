#include "diagnostic.h"

#include <algorithm>
#include <tuple>

#include "text.h"

namespace mamori {

Diagnostic error_at(int line, int column, std::string message) {
  return Diagnostic{{}, line, column, Severity::error, std::move(message), {}};
}

Diagnostic warning_at(int line, int column, std::string message) {
  return Diagnostic{{}, line, column, Severity::warning, std::move(message), {}};
}

std::string format_diagnostic(const Diagnostic& d) {
  std::string out = d.path;
  if (d.line > 0) {
    if (!out.empty()) out += ':';
    out += std::to_string(d.line);
    if (d.column > 0) out += ':' + std::to_string(d.column);
  }
  if (!out.empty()) out += ": ";
  out += d.severity == Severity::error ? "error: " : "warning: ";
  out += d.message;
  return out;
}

std::string format_with_caret(const Diagnostic& d) {
  std::string out = format_diagnostic(d);
  if (d.source_line.empty() || d.line <= 0 || d.column <= 0) return out;
  const std::string number = std::to_string(d.line);
  const std::string gutter(number.size(), ' ');
  std::string_view shown = d.source_line;
  // Show tabs as single spaces so the caret count stays right.
  std::string line(shown);
  std::replace(line.begin(), line.end(), '\t', ' ');
  const std::string_view prefix = prefix_of_code_points(line, d.column - 1);
  out += "\n " + number + " | " + line;
  out += "\n " + gutter + " | " + std::string(display_width(prefix), ' ') + '^';
  return out;
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

bool Diagnostics::has_errors() const { return error_count() > 0; }

int Diagnostics::error_count() const {
  return static_cast<int>(std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) {
    return d.severity == Severity::error;
  }));
}

int Diagnostics::warning_count() const {
  return static_cast<int>(items_.size()) - error_count();
}

void Diagnostics::sort() {
  auto key = [](const Diagnostic& d) {
    return std::tie(d.path, d.line, d.column, d.severity, d.message);
  };
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
    const size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) return {};
    start = nl + 1;
  }
  size_t end = text.find('\n', start);
  if (end == std::string_view::npos) end = text.size();
  if (end > start && text[end - 1] == '\r') --end;
  return text.substr(start, end - start);
}

}  // namespace mamori
