#include "links/http.h"

#include <algorithm>
#include <ctime>

#include "core/text.h"

namespace mamori {

std::optional<std::string> HttpResponse::header(std::string_view name) const {
  const std::string wanted = ascii_lower(name);
  for (const auto& [key, value] : headers) {
    if (ascii_lower(key) == wanted) return value;
  }
  return std::nullopt;
}

std::string location_as_url(std::string_view location) {
  std::string out;
  out.reserve(location.size());
  size_t i = 0;
  while (i < location.size()) {
    const auto b = static_cast<unsigned char>(location[i]);
    if (b >= 0x80) {
      if (const size_t length = utf8_sequence_length(location, i); length > 0) {
        out.append(location.substr(i, length));
        i += length;
        continue;
      }
    }
    // Space, '"', '<', '>' and '`' too, as a browser's URL parser encodes them in a path.
    if (b < 0x20 || b >= 0x7F || std::string_view(" \"<>`").find(static_cast<char>(b)) != std::string_view::npos) {
      out += percent_encoded(b);
    } else {
      out += static_cast<char>(b);
    }
    ++i;
  }
  return out;
}

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value, int64_t now_unix) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  if (!value.empty() && std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    if (value.size() > 9) return std::chrono::milliseconds(std::chrono::hours(24 * 365));
    return std::chrono::seconds(std::stoll(std::string(value)));
  }
  std::tm tm{};
  const std::string text(value);
  if (strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm) == nullptr) return std::nullopt;
  const int64_t when = static_cast<int64_t>(timegm(&tm));
  return std::chrono::seconds(std::max<int64_t>(0, when - now_unix));
}

}  // namespace mamori
