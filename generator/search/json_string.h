// Writing a string into JSON text without building a JSON value first: the search index's
// text chunks hold every page's text, and nlohmann::json would copy it twice.
#pragma once

#include <string>
#include <string_view>

namespace mamori {

// Appends `text` as a quoted JSON string, byte for byte as nlohmann::json's dump() writes it
// (no indent, ensure_ascii off, error_handler_t::replace): '"', '\\' and the control
// characters escaped, everything else copied. Text that is not valid UTF-8 is written by
// nlohmann::json itself (its replacement rule).
void append_json_string(std::string& out, std::string_view text);

}  // namespace mamori
