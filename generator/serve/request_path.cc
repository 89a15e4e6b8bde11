#include "serve/request_path.h"

#include <array>
#include <utility>

#include "core/text.h"

namespace mamori {
namespace {

namespace fs = std::filesystem;

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The path part of `target` percent-decoded; nullopt (400) for a bad escape and for an
// escape of a character that would change how the path splits or is read.
std::optional<std::string> decoded_path(std::string_view path) {
  std::string out;
  for (size_t i = 0; i < path.size(); ++i) {
    char c = path[i];
    if (c == '%') {
      if (i + 2 >= path.size()) return std::nullopt;
      const int high = hex_value(path[i + 1]);
      const int low = hex_value(path[i + 2]);
      if (high < 0 || low < 0) return std::nullopt;
      c = static_cast<char>(high * 16 + low);
      if (c == '/') return std::nullopt;
      i += 2;
    }
    if (c == '\\' || static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return std::nullopt;
    out += c;
  }
  return out;
}

}  // namespace

RequestedFile requested_file(std::string_view target) {
  RequestedFile file;
  const size_t end = target.find_first_of("?#");
  const std::string_view path = target.substr(0, end);
  if (path.empty() || path.front() != '/') return {400, {}, false};
  const auto decoded = decoded_path(path);
  if (!decoded || find_invalid_utf8(*decoded)) return {400, {}, false};
  std::string_view rest = *decoded;
  while (!rest.empty()) {
    const size_t slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash + 1);
    if (segment.empty()) continue;
    if (segment.front() == '.') return {404, {}, false};  // "." and "..", and hidden files (the site marker)
    if (!file.relative.empty()) file.relative += '/';
    file.relative += segment;
  }
  file.folder = decoded->back() == '/';
  return file;
}

std::optional<fs::path> file_inside(const fs::path& site, std::string_view relative) {
  std::error_code ec;
  const fs::path real_site = fs::canonical(site, ec);
  if (ec) return std::nullopt;
  const fs::path real = fs::canonical(real_site / fs::path(std::string(relative)), ec);
  if (ec || !fs::is_regular_file(real, ec)) return std::nullopt;
  const std::string inside = real.lexically_relative(real_site).generic_string();
  if (inside.empty() || inside == "." || inside.starts_with("..")) return std::nullopt;
  return real;
}

std::string content_type_for(std::string_view name) {
  static const std::array<std::pair<std::string_view, std::string_view>, 18> kTypes = {{
      {".html", "text/html; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".json", "application/json; charset=utf-8"},
      {".txt", "text/plain; charset=utf-8"},
      {".csv", "text/csv; charset=utf-8"},
      {".xml", "application/xml; charset=utf-8"},
      {".svg", "image/svg+xml; charset=utf-8"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".gif", "image/gif"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".pdf", "application/pdf"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
  }};
  const size_t dot = name.rfind('.');
  const size_t slash = name.rfind('/');
  if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) {
    return "application/octet-stream";
  }
  const std::string extension = ascii_lower(name.substr(dot));
  for (const auto& [suffix, type] : kTypes) {
    if (extension == suffix) return std::string(type);
  }
  return "application/octet-stream";
}

}  // namespace mamori
