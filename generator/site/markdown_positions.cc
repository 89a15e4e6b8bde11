#include "site/markdown_positions.h"

#include <algorithm>

#include "core/text.h"

namespace mamori {

// Lines end as cmark-gfm ends them: at LF, CRLF or a lone CR (core/text.h).
Positions::Positions(std::string_view body, int first_line) : body_(body), first_line_(first_line) {
  starts_.push_back(0);
  for (size_t end = line_end(body, 0); end < body.size(); end = line_end(body, starts_.back())) {
    starts_.push_back(next_line(body, end));
  }
}

std::string_view Positions::line_text(int body_line) const {
  if (body_line < 1 || static_cast<size_t>(body_line) > starts_.size()) return {};
  const size_t start = starts_[static_cast<size_t>(body_line - 1)];
  return body_.substr(start, line_end(body_, start) - start);
}

int Positions::column(int body_line, int byte_column) const {
  const std::string_view text = line_text(body_line);
  const size_t bytes = std::min(text.size(), static_cast<size_t>(std::max(0, byte_column - 1)));
  if (body_line != counted_line_ || bytes < counted_bytes_) {
    counted_line_ = body_line;
    counted_bytes_ = 0;
    counted_points_ = 0;
  }
  counted_points_ += count_code_points(text.substr(counted_bytes_, bytes - counted_bytes_));
  counted_bytes_ = bytes;
  return static_cast<int>(counted_points_) + 1;
}

std::pair<int, int> Positions::find(std::string_view needle, int from, int from_column, int to) const {
  for (int line = std::max(1, from); line <= to && static_cast<size_t>(line) <= starts_.size(); ++line) {
    const std::string_view text = line_text(line);
    const size_t skip = line == from ? std::min(text.size(), static_cast<size_t>(std::max(0, from_column - 1))) : 0;
    const size_t at = text.find(needle, skip);
    if (at != std::string_view::npos) return {line, static_cast<int>(at) + 1};
  }
  return {0, 0};
}

}  // namespace mamori
