// Positions in a Markdown body as diagnostics give them: cmark-gfm counts lines of the
// body and columns in bytes; diagnostics count lines of the file and columns in code points.
#pragma once

#include <cstddef>
#include <string_view>
#include <utility>
#include <vector>

namespace mamori {

// Maps cmark's (line, byte column) in the body to file (line, code point column). The body
// must outlive it.
class Positions {
 public:
  // `first_line`: the file line on which the body starts.
  Positions(std::string_view body, int first_line);

  // Line `body_line` (1-based) of the body, without its line end (LF, CRLF or a lone CR,
  // as cmark-gfm counts lines); "" when there is none.
  std::string_view line_text(int body_line) const;
  int file_line(int body_line) const { return body_line + first_line_ - 1; }
  // The code point column of byte column `byte_column` (1-based) of a body line.
  // Counted on from the previous call when it was on the same line and before this byte
  // (nodes come in source order): counting from the line start each time is quadratic on
  // a long line full of links.
  int column(int body_line, int byte_column) const;
  // Finds `needle` in body lines [from, to], starting at byte column `from_column` of line
  // `from`; returns (body line, byte column) or (0, 0).
  std::pair<int, int> find(std::string_view needle, int from, int from_column, int to) const;

 private:
  std::string_view body_;
  int first_line_;
  std::vector<size_t> starts_;    // byte offset of each line
  mutable int counted_line_ = 0;  // column()'s cache: code points in the first bytes of a line
  mutable size_t counted_bytes_ = 0;
  mutable size_t counted_points_ = 0;
};

}  // namespace mamori
