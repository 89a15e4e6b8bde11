// UTF-8 text helpers shared by the parsers: validation, positions, widths, NFC.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace mamori {

// Byte offset of the first byte that is not part of a well-formed UTF-8 sequence
// (overlong forms, surrogates and code points above U+10FFFF are ill-formed), or
// nullopt when the whole text is valid.
std::optional<size_t> find_invalid_utf8(std::string_view text);

// True when the text holds a NUL byte: a binary file, not a text file.
bool looks_binary(std::string_view text);

// Drops a leading UTF-8 byte order mark (Windows editors add one).
std::string_view strip_bom(std::string_view text);

// Number of code points in valid UTF-8 text.
size_t count_code_points(std::string_view text);

// The first `n` code points of `text` (all of it when shorter).
std::string_view prefix_of_code_points(std::string_view text, size_t n);

// Columns a terminal needs for the text: 2 for wide (CJK) characters, 1 otherwise.
size_t display_width(std::string_view text);

struct TextPosition {
  int line = 1;    // 1-based
  int column = 1;  // 1-based, in code points
};

// Lines. LF, CRLF and a lone CR (also at the very end) each end a line, as cmark-gfm counts
// them. Every scan that numbers lines (positions, source lines under a diagnostic, the
// Markdown limits, the contact scan) uses these three, so that they all agree.

// True when text[i] is the last byte of a line end: an LF, or a CR not followed by an LF.
inline bool ends_line(std::string_view text, size_t i) {
  return text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.size() || text[i + 1] != '\n'));
}

// Offset of the LF or CR that ends the line starting at `start`; text.size() when that line
// is the last and has no line end.
size_t line_end(std::string_view text, size_t start);

// Where the line after the line end at `end` starts: past its LF, CR or CRLF (text.size()
// when `end` is text.size()).
size_t next_line(std::string_view text, size_t end);

// Line and column of a byte offset into `text`, lines ending as above; a line end's own
// bytes belong to the line they end.
TextPosition position_of(std::string_view text, size_t offset);

// Unicode NFC normalisation; invalid input is returned unchanged.
std::string nfc(std::string_view text);

// Unicode NFKC normalisation; invalid input is returned unchanged.
std::string nfkc(std::string_view text);

// NFKC with Unicode case folding (full-width ＡＢＣ１ becomes abc1, half-width ｶﾅ becomes
// カナ): the form in which two spellings of a name or a word compare equal. Invalid input is
// returned unchanged.
std::string nfkc_casefold(std::string_view text);

// Lower-cases, in Unicode terms, valid UTF-8 text.
std::string to_lower(std::string_view text);

// Removes ASCII white space and the ideographic space U+3000 from both ends.
std::string_view trim(std::string_view text);

// Escapes & < > " ' for HTML and XML text and attribute values.
std::string escape_markup(std::string_view text);

// Makes untrusted bytes (from the network or a file name) valid UTF-8: each byte that is not
// part of a well-formed sequence becomes U+FFFD. Valid UTF-8 comes back unchanged.
std::string to_valid_utf8(std::string_view bytes);

// Untrusted text made safe for a terminal and for every report format: valid UTF-8 (as
// to_valid_utf8) in which whatever could act on a terminal, hide or reorder text is written
// as a visible escape: C0 controls (tab and newline too: reports keep a value on one line)
// and DEL as "\x1B"; the other characters of acts_on_terminal as "\u202E". The
// noncharacters U+FFFE and U+FFFF, which XML forbids, become U+FFFD. The result holds only
// characters XML 1.0 allows; applying it twice changes nothing more.
std::string printable_text(std::string_view text);

// The characters printable_text escapes: C0 controls, DEL, C1 controls (U+0080–U+009F, NEL
// among them), the line and paragraph separators U+2028 and U+2029, the bidi marks,
// embeddings, overrides and isolates (U+061C, U+200E, U+200F, U+202A–U+202E,
// U+2066–U+2069), and the zero-width U+200B–U+200D and U+FEFF. Each can move the cursor,
// hide text or make a name look like another one. Reports that write JSON escape the same
// set as \uXXXX.
bool acts_on_terminal(char32_t cp);

// Unicode's Default_Ignorable_Code_Point: characters that show nothing (zero-width
// spaces and joiners, bidi marks, the soft hyphen, U+FEFF, variation selectors, …).
bool is_default_ignorable(char32_t cp);

// `text` without its default-ignorable characters (bytes that are not UTF-8 are kept): the
// form in which two spellings that look the same compare equal.
std::string without_default_ignorables(std::string_view text);

// "U+0000" for the first control character in `text` (C0 other than tab and line breaks,
// DEL, C1), or "" when there is none. No such character may reach a page or a table.
std::string first_control_character(std::string_view text);

// True when `text` may be sent as an HTTP header's value: printable ASCII (a CR or LF would
// start another header, and servers split on other controls too), not blank.
bool is_header_value(std::string_view text);

bool starts_with_ci(std::string_view text, std::string_view prefix);  // ASCII case-insensitive

// A–Z become a–z; every other byte (UTF-8 included) is kept. For protocol text: URL schemes
// and hosts, HTTP header names, HTML tag names, file extensions.
std::string ascii_lower(std::string_view text);
inline char ascii_lower_char(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

// The hex digit for 0–15: upper case (as percent-encoding writes it) unless `lower`.
char hex_digit(unsigned value, bool lower = false);

// "%XX" for one byte (upper-case hex, RFC 3986).
std::string percent_encoded(unsigned char byte);

// Appends the UTF-8 form of a code point (REQUIRES: a Unicode scalar value).
void append_utf8(std::string& out, char32_t cp);

// Length of the well-formed UTF-8 sequence starting at text[i] (1 for ASCII), or 0 when the
// bytes there are not one (RFC 3629; overlong forms, surrogates and values above U+10FFFF
// are not). REQUIRES: i < text.size().
size_t utf8_sequence_length(std::string_view text, size_t i);

// The code point of the well-formed sequence at text[i] (see utf8_sequence_length), or
// nullopt. REQUIRES: i < text.size().
std::optional<char32_t> code_point_at(std::string_view text, size_t i);

}  // namespace mamori
