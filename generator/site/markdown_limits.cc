#include "site/markdown_limits.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string>

#include "core/i18n.h"
#include "core/text.h"

namespace mamori {
namespace {

// How the character scan sees a byte: most are ordinary; blanks end a word; the special
// ones are kMarkupCharacters and what may start an autolink (':', '@', the 'w' of "www.").
enum class ByteClass : unsigned char { ordinary, blank, special };

constexpr std::array<ByteClass, 256> kByteClass = [] {
  std::array<ByteClass, 256> table{};
  for (const char c : kMarkupCharacters) table[static_cast<unsigned char>(c)] = ByteClass::special;
  for (const char c : {':', '@', 'w', 'W'}) table[static_cast<unsigned char>(c)] = ByteClass::special;
  for (const char c : {' ', '\t', '\v', '\f'}) table[static_cast<unsigned char>(c)] = ByteClass::blank;
  return table;
}();

bool is_blank_char(char c) {
  return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

bool is_blank(std::string_view text) {
  return std::all_of(text.begin(), text.end(), is_blank_char);
}

// A GFM delimiter row ("|---|:--:|"), as loosely as cmark-gfm may take one; its cells.
int64_t delimiter_cells(std::string_view text) {
  if (text.find('-') == std::string_view::npos) return 0;
  int64_t cells = 0;
  bool in_cell = false;
  for (const char c : text) {
    if (c == '|') {
      in_cell = false;
    } else if (c == '-' || c == ':') {
      if (!in_cell) ++cells;
      in_cell = true;
    } else if (!is_blank_char(c)) {
      return 0;
    }
  }
  return cells;
}

// The cells a table row splits into: its unescaped pipes separate them, and a pipe at
// either end only closes the row.
int64_t row_cells(std::string_view text) {
  while (!text.empty() && is_blank_char(text.back())) text.remove_suffix(1);
  int64_t pipes = 0;
  bool trailing = false;
  for (size_t i = 0; i < text.size(); ++i) {
    trailing = false;
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == '|') {
      ++pipes;
      trailing = true;
    }
  }
  const int64_t cells = pipes + 1 - (text.starts_with('|') ? 1 : 0) - (trailing && text.size() > 1 ? 1 : 0);
  return std::max<int64_t>(cells, 1);
}

// One pass over the body; stops at the first limit exceeded.
class LimitScan {
 public:
  LimitScan(std::string_view body, const MarkdownLimits& limits) : body_(body), limits_(limits) {}

  std::optional<Diagnostic> run() {
    if (body_.size() > limits_.max_bytes) {
      return error_at(1, 1,
                      format(tr("the page is too long: {0} bytes, at most {1}; split it into several pages"),
                             body_.size(), limits_.max_bytes));
    }
    for (size_t start = 0; start < body_.size() && !error_;) {
      const size_t end = line_end(body_, start);
      line(start, end);
      start = next_line(body_, end);
    }
    return error_;
  }

 private:
  void fail(size_t offset, const std::string& message) {
    if (error_) return;
    const TextPosition pos = position_of(body_, offset);
    error_ = error_at(pos.line, pos.column, message);
  }

  void line(size_t start, size_t end) {
    if (++lines_ > limits_.max_lines) {
      fail(start, format(tr("the page has more than {0} lines; split it into several pages"), limits_.max_lines));
      return;
    }
    const std::string_view text = body_.substr(start, end - start);
    if (is_blank(text)) {
      images_open_ = 0;  // a blank line ends the paragraph: cmark's bracket stack starts afresh
    }
    table_line(text, start);
    characters(start, end);
  }

  void table_line(std::string_view text, size_t start) {
    // Block quote markers and indentation do not change what a row holds.
    const size_t content = text.find_first_not_of(" \t>");
    const std::string_view row = content == std::string_view::npos ? std::string_view{} : text.substr(content);
    const bool blank = is_blank(row);
    if (in_table_ && blank) in_table_ = false;
    if (in_table_) {
      const int64_t cells = row_cells(row);
      if (cells > limits_.max_table_columns) {
        fail(start,
             format(tr("a table row may have at most {0} cells, this one has {1}"), limits_.max_table_columns, cells));
      }
      add_cells(std::max(columns_, cells), start);
    } else if (const int64_t delimiters = delimiter_cells(row); delimiters > 0 && previous_nonblank_) {
      columns_ = std::max(delimiters, row_cells(previous_row_));
      if (columns_ > limits_.max_table_columns) {
        fail(start,
             format(tr("a table may have at most {0} columns, this one has {1}"), limits_.max_table_columns, columns_));
      }
      in_table_ = true;
      add_cells(2 * columns_, start);  // the header and the delimiter row
    }
    previous_nonblank_ = !blank;
    previous_row_ = row;  // its cells are counted only when a delimiter row follows
  }

  void add_cells(int64_t cells, size_t start) {
    table_cells_ += cells;
    if (table_cells_ > limits_.max_table_cells) {
      fail(start, format(tr("the page's tables have more than {0} cells; split them over several pages"),
                         limits_.max_table_cells));
    }
  }

  ByteClass class_at(size_t i) const { return kByteClass[static_cast<unsigned char>(body_[i])]; }

  // The first byte from `i` before `end` that is not ordinary (`end` when none is). Runs of
  // non-ASCII bytes, the bulk of Japanese text, are passed eight at a time.
  size_t ordinary_end(size_t i, size_t end) const {
    constexpr uint64_t kHighBits = 0x8080808080808080ULL;
    while (i < end) {
      if (static_cast<unsigned char>(body_[i]) < 0x80) {
        if (class_at(i) != ByteClass::ordinary) return i;
        ++i;
        continue;
      }
      uint64_t word = 0;
      if (end - i >= sizeof word) std::memcpy(&word, body_.data() + i, sizeof word);
      i += (word & kHighBits) == kHighBits ? sizeof word : 1;  // every byte non-ASCII: all ordinary
    }
    return end;
  }

  void characters(size_t start, size_t end) {
    size_t word_start = start;
    int64_t triggers = 0;
    for (size_t i = start; !error_; ++i) {
      i = ordinary_end(i, end);  // most characters
      if (i == end || class_at(i) == ByteClass::blank) {
        end_word(word_start, i, triggers);
        if (i == end) return;
        word_start = i + 1;
        triggers = 0;
        continue;
      }
      special(i, end, triggers);
    }
  }

  // A special character at `i` (kByteClass).
  void special(size_t i, size_t end, int64_t& triggers) {
    const char c = body_[i];
    if (c == ':' || c == '@' ||
        ((c == 'w' || c == 'W') && i + 4 <= end && starts_with_ci(body_.substr(i, 4), "www."))) {
      ++triggers;
    }
    if (c == ':' || c == 'w' || c == 'W') return;
    if (++markup_ > limits_.max_markup) {
      fail(i, format(tr("the page has more than {0} Markdown markup characters ([ ] ( ) ! < > * _ ~ ` | \\ & @ - + .); "
                        "split it into several pages"),
                     limits_.max_markup));
    }
    if (c == '@' && ++at_signs_ > limits_.max_at_signs) {
      fail(i, format(tr("the page has more than {0} '@' characters (each may start an e-mail address); split it into "
                        "several pages"),
                     limits_.max_at_signs));
    }
    brackets(i, end);
  }

  void end_word(size_t word_start, size_t word_end, int64_t triggers) {
    if (triggers == 0) return;
    autolink_work_ += triggers * static_cast<int64_t>(word_end - word_start);
    if (autolink_work_ > limits_.max_autolink_work) {
      fail(word_start, tr("too much text without spaces that looks like web or e-mail addresses ('www.', ':' or '@' "
                          "over and over): add spaces or split the page"));
    }
  }

  // cmark-gfm walks over every open "![" each time a link closes ("![[]()" repeated).
  void brackets(size_t i, size_t end) {
    if (body_[i] == '!' && i + 1 < end && body_[i + 1] == '[') ++images_open_;
    if (body_[i] != ']' || i + 1 >= end || body_[i + 1] != '(') return;
    bracket_work_ += images_open_;
    if (bracket_work_ > limits_.max_bracket_work) {
      fail(i, format(tr("too many images and links in long paragraphs (each '](' counts the '![' before it in its "
                        "paragraph: more than {0} in all); split the paragraphs"),
                     limits_.max_bracket_work));
    }
  }

  std::string_view body_;
  const MarkdownLimits& limits_;
  std::optional<Diagnostic> error_;
  int64_t lines_ = 0;
  int64_t markup_ = 0;
  int64_t at_signs_ = 0;
  int64_t autolink_work_ = 0;
  int64_t images_open_ = 0;
  int64_t bracket_work_ = 0;
  bool in_table_ = false;
  bool previous_nonblank_ = false;
  std::string_view previous_row_;
  int64_t columns_ = 0;
  int64_t table_cells_ = 0;
};

}  // namespace

std::optional<Diagnostic> check_markdown_limits(std::string_view body, const MarkdownLimits& limits) {
  return LimitScan(body, limits).run();
}

}  // namespace mamori
