// Text encodings of files from Excel: UTF-8 (with or without BOM) or Shift_JIS / CP932.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mamori {

enum class SourceEncoding { utf8, utf8_bom, cp932 };

struct DecodedText {
  std::string text;  // UTF-8, without BOM
  SourceEncoding encoding = SourceEncoding::utf8;
};

// Valid UTF-8 is taken as UTF-8; anything else is converted from CP932 (Windows'
// Shift_JIS, which Excel writes for "CSV (カンマ区切り)"). nullopt when it is neither.
std::optional<DecodedText> decode_utf8_or_cp932(std::string_view bytes);

// UTF-8 → CP932 for tests and for users who need it; nullopt when a character has no
// CP932 form.
std::optional<std::string> encode_cp932(std::string_view utf8);

}  // namespace mamori
