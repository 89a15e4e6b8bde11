#include "cli/version.h"

#include <cmark-gfm.h>
#include <curl/curl.h>
#include <utf8proc.h>
#include <zip.h>
#include <zlib.h>

#include <toml++/toml.h>

#ifndef MAMORI_VERSION
#error "MAMORI_VERSION is set by generator/cli/CMakeLists.txt from project(VERSION)"
#endif

namespace mamori {

std::string version_text() {
  const curl_version_info_data* curl = curl_version_info(CURLVERSION_NOW);
  std::string text = "mamori " MAMORI_VERSION "\n";
  text += std::string("cmark-gfm ") + cmark_version_string() + "\n";
  text += "toml++ " + std::to_string(TOML_LIB_MAJOR) + "." + std::to_string(TOML_LIB_MINOR) + "." +
          std::to_string(TOML_LIB_PATCH) + "\n";
  text += std::string("libcurl ") + (curl != nullptr ? curl->version : "unknown") + "\n";
  text += std::string("utf8proc ") + utf8proc_version() + "\n";
  text += std::string("libzip ") + zip_libzip_version() + "\n";
  text += std::string("zlib ") + zlibVersion();
  return text;
}

}  // namespace mamori
