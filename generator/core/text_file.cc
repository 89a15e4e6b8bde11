#include "core/text_file.h"

#include <string>

#include "core/i18n.h"
#include "core/text.h"

namespace mamori {
namespace {

// What a file of this kind must hold, for the message about an empty one.
const char* empty_message(TextFileKind kind) {
  switch (kind) {
    case TextFileKind::page:
      return tr("file is empty: a page needs front matter with at least a title");
    case TextFileKind::config:
      return tr("file is empty: mamori.toml needs at least the site's title");
    case TextFileKind::contacts:
      return tr("file is empty: the contact table needs a 'reviewed' date and at least one [[contact]]");
    case TextFileKind::quiz:
      return tr("file is empty: a quiz needs a title and [[questions]]");
    case TextFileKind::theme_template:
      return tr("file is empty: a template or partial needs the HTML it renders");
    case TextFileKind::theme_settings:
      return tr("file is empty: theme.toml lists the ids the theme's templates use (reserved_ids = [...])");
  }
  return tr("file is empty");
}

// What a file of this kind is, for the message about a binary one.
const char* what_it_is(TextFileKind kind) {
  switch (kind) {
    case TextFileKind::page:
      return tr("a page");
    case TextFileKind::config:
      return "mamori.toml";
    case TextFileKind::contacts:
      return tr("the contact table");
    case TextFileKind::quiz:
      return tr("a quiz");
    case TextFileKind::theme_template:
      return tr("a template or partial");
    case TextFileKind::theme_settings:
      return "theme.toml";
  }
  return tr("the file");
}

}  // namespace

std::optional<std::string_view> check_text_file(std::string_view bytes, std::vector<Diagnostic>& out,
                                                TextFileKind kind) {
  if (bytes.empty()) {
    out.push_back(error_at(1, 1, empty_message(kind)));
    return std::nullopt;
  }
  if (looks_binary(bytes)) {
    out.push_back(error_at(1, 1, format(tr("binary file: {0} must be UTF-8 text"), what_it_is(kind))));
    return std::nullopt;
  }
  const std::string_view text = strip_bom(bytes);
  if (const auto bad = find_invalid_utf8(text)) {
    const TextPosition pos = position_of(text, *bad);
    const auto byte = static_cast<unsigned char>(text[*bad]);
    const std::string hex{hex_digit(byte >> 4), hex_digit(byte & 0x0F)};
    out.push_back(error_at(pos.line, pos.column,
                           format(tr("invalid UTF-8 (byte 0x{0}): save the file as UTF-8 (is it Shift_JIS?)"), hex)));
    return std::nullopt;
  }
  return text;
}

}  // namespace mamori
