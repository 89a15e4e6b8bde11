#include "search/json_string.h"

#include <nlohmann/json.hpp>

#include "core/utf8.h"

namespace mamori {
namespace {

// The escape of a byte below 0x20 or '"' or '\\', as nlohmann writes it.
void append_escape(std::string& out, unsigned char c) {
  static constexpr char kHex[] = "0123456789abcdef";
  switch (c) {
    case '\b':
      out += "\\b";
      return;
    case '\t':
      out += "\\t";
      return;
    case '\n':
      out += "\\n";
      return;
    case '\f':
      out += "\\f";
      return;
    case '\r':
      out += "\\r";
      return;
    case '"':
      out += "\\\"";
      return;
    case '\\':
      out += "\\\\";
      return;
    default:
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
  }
}

}  // namespace

// One pass: a byte below 0x80 is copied or escaped; a longer sequence is only checked, and
// the first invalid one hands the whole text to nlohmann::json.
void append_json_string(std::string& out, std::string_view text) {
  const size_t start = out.size();
  out += '"';
  size_t copied = 0;  // text before this is in `out`
  for (size_t at = 0; at < text.size();) {
    const auto c = static_cast<unsigned char>(text[at]);
    if (c >= 0x80) {
      char32_t cp = 0;
      const size_t n = decode_utf8(text, at, cp);
      if (n == 0) {
        out.resize(start);
        out += nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        return;
      }
      at += n;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++at;
      continue;
    }
    out.append(text.substr(copied, at - copied));
    append_escape(out, c);
    copied = ++at;
  }
  out.append(text.substr(copied));
  out += '"';
}

}  // namespace mamori
