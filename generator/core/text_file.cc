#include "core/text_file.h"

#include <string>

#include "core/text.h"

namespace mamori {
namespace {

// What a file of this kind must hold, for the message about an empty one.
const char* empty_message(TextFileKind kind) {
  switch (kind) {
    case TextFileKind::page:
      return "file is empty: a page needs front matter with at least a title";
    case TextFileKind::config:
      return "file is empty: mamori.toml needs at least the site's title";
    case TextFileKind::contacts:
      return "file is empty: the contact table needs a 'reviewed' date and at least one [[contact]]";
    case TextFileKind::quiz:
      return "file is empty: a quiz needs a title and [[questions]]";
    case TextFileKind::theme_template:
      return "file is empty: a template or partial needs the HTML it renders";
    case TextFileKind::theme_settings:
      return "file is empty: theme.toml lists the ids the theme's templates use (reserved_ids = [...])";
  }
  return "file is empty";
}

// What a file of this kind is, for the message about a binary one.
const char* what_it_is(TextFileKind kind) {
  switch (kind) {
    case TextFileKind::page:
      return "a page";
    case TextFileKind::config:
      return "mamori.toml";
    case TextFileKind::contacts:
      return "the contact table";
    case TextFileKind::quiz:
      return "a quiz";
    case TextFileKind::theme_template:
      return "a template or partial";
    case TextFileKind::theme_settings:
      return "theme.toml";
  }
  return "the file";
}

}  // namespace

std::optional<std::string_view> check_text_file(std::string_view bytes, std::vector<Diagnostic>& out,
                                                TextFileKind kind) {
  if (bytes.empty()) {
    out.push_back(error_at(1, 1, empty_message(kind)));
    return std::nullopt;
  }
  if (looks_binary(bytes)) {
    out.push_back(error_at(1, 1, std::string("binary file: ") + what_it_is(kind) + " must be UTF-8 text"));
    return std::nullopt;
  }
  const std::string_view text = strip_bom(bytes);
  if (const auto bad = find_invalid_utf8(text)) {
    const TextPosition pos = position_of(text, *bad);
    const auto byte = static_cast<unsigned char>(text[*bad]);
    const std::string hex{hex_digit(byte >> 4), hex_digit(byte & 0x0F)};
    out.push_back(error_at(pos.line, pos.column,
                           "invalid UTF-8 (byte 0x" + hex + "): save the file as UTF-8 (is it Shift_JIS?)"));
    return std::nullopt;
  }
  return text;
}

}  // namespace mamori
