// Which file of the preview a request asks for. The request target is checked on its raw
// bytes, before anything decodes it, so that no spelling of ".." can name a file outside
// the built site.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace mamori {

struct RequestedFile {
  int status = 200;      // 200: `relative` names the file; 400 or 404: refused
  std::string relative;  // '/'-separated, no empty, "." or ".." segment; "" for the root
  bool folder = false;   // the URL ends with '/' (or is "/"): the folder's index.html is meant
};

// The file a request target ("/cyber/basics.html?x=1") names, relative to the site.
// Refused with 400: a target that is not an absolute path, a bad or encoded '%' escape of
// '/', '\\' or a control character (NUL included), a backslash, bytes that are not UTF-8.
// Refused with 404: any segment starting with '.', raw or percent-encoded: "." and "..",
// and hidden files such as the site marker (a built site has no others).
RequestedFile requested_file(std::string_view target);

// The real path of the regular file `relative` names inside `site` (symlinks resolved);
// nullopt when there is none or it lies outside the real `site`.
std::optional<std::filesystem::path> file_inside(const std::filesystem::path& site, std::string_view relative);

// The Content-Type for a file name, by its extension; text types say charset=utf-8.
std::string content_type_for(std::string_view name);

}  // namespace mamori
