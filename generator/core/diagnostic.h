// Diagnostics: the problems a run finds in the user's files.
//
// Parsers report positions relative to the text they were given and leave `path`
// empty; the loader that knows the file adds the path (see with_path). Everything is
// printed in the form editors and CI parse: `path:line:col: error: message`.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace mamori {

enum class Severity { error, warning };

struct Diagnostic {
  std::string path;  // relative to the project root, '/'-separated; may be empty
  int line = 0;      // 1-based; 0 when the problem concerns the whole file
  int column = 0;    // 1-based, counted in Unicode code points; 0 when unknown
  Severity severity = Severity::error;
  std::string message;
  std::string source_line;    // the text of `line` (or an excerpt of a long one), for the caret display
  int source_line_start = 1;  // the column at which `source_line` starts (> 1 for an excerpt)

  friend bool operator==(const Diagnostic&, const Diagnostic&) = default;
};

Diagnostic error_at(int line, int column, std::string_view message);
Diagnostic warning_at(int line, int column, std::string_view message);

// "path:line:col: error: message" (the position parts that are 0 are left out). The path
// and the message go through printable_text (text.h): controls become visible escapes and
// bytes that are not UTF-8 become U+FFFD, so a file named "a\nb.md" cannot split one
// diagnostic into two lines that tools would misread, nor put an escape sequence on a
// terminal. error_at and warning_at apply it to the message already.
std::string format_diagnostic(const Diagnostic& d);

// format_diagnostic plus, when the source line is known, the line and a caret under
// the column (aligned by display width, so full-width Japanese text lines up).
std::string format_with_caret(const Diagnostic& d);

// A run's diagnostics. Not thread-safe: parallel workers collect their own and merge.
class Diagnostics {
 public:
  void add(Diagnostic d) { items_.push_back(std::move(d)); }
  // Adds a problem in the file `path` (relative to the project root), at line:column (0 when
  // unknown), its message made printable as error_at does.
  void error(std::string path, int line, int column, std::string_view message);
  void warning(std::string path, int line, int column, std::string_view message);
  void add_all(std::vector<Diagnostic> ds, std::string_view path = {});
  void merge(Diagnostics&& other);

  bool has_errors() const;
  int error_count() const;
  int warning_count() const;
  bool empty() const { return items_.empty(); }
  const std::vector<Diagnostic>& items() const { return items_; }

  // Orders by path, line, column, message and drops exact duplicates, so that output
  // does not depend on thread scheduling.
  void sort();

 private:
  std::vector<Diagnostic> items_;
};

// Returns the 1-based line `line` of `text` without its line ending ("" when absent). LF,
// CRLF and a lone CR each end a line, as position_of (text.h) counts them.
std::string_view line_of(std::string_view text, int line);

// Sets source_line (and source_line_start) of every diagnostic that has a line, from the
// text it refers to. Long lines are cut to an excerpt around the column.
void attach_source_lines(std::vector<Diagnostic>& diagnostics, std::string_view text);

}  // namespace mamori
