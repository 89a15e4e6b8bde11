// How the link checker asks for a page, and how much of the answer it reads: one GET for a
// page, read only until the check knows what it needs; HEAD first only where a GET would start
// a large download (README, "Checking the cited URLs").
#pragma once

#include <cstddef>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "links/http.h"

namespace mamori {

// True when the URL's path ends in an extension of files that are usually large downloads
// (.pdf, .zip, .xlsx, .docx, .pptx, .mp4, …), compared ASCII case-insensitively. Their
// HEAD settles the check without starting the download.
bool is_large_download(std::string_view url);

// HEAD for a large download, GET for anything else (a page is read for its title anyway).
HttpMethod first_method(std::string_view url);

// An answer whose content type says HTML, or that has none (then taken for HTML).
bool is_html_response(const HttpResponse& response);

// What a GET must read of its answer, as it comes in: nothing of a redirect, an error or an
// answer that is not HTML (the status and headers settle those), and of an HTML page up to
// its <title> (soft 404 signs) and the id of every cited fragment. Fed the same growing answer
// over and over (HttpRequest::enough); it keeps where it got to, so the pieces cost linear time.
class PageNeed {
 public:
  // `fragments`: the cited #fragments, as written (percent-encoded or not).
  explicit PageNeed(const std::set<std::string>& fragments);

  // Whether `so_far` (status, headers and the body received up to now) holds all the check
  // needs of the page.
  bool enough(const HttpResponse& so_far);

 private:
  bool title_known(std::string_view body);
  bool fragments_found(std::string_view body);

  std::vector<std::pair<std::string, std::string>> wanted_;  // not yet found: as written, decoded
  bool title_ = false;
  size_t title_scanned_ = 0;  // bytes of the body already searched for "</title"
  size_t ids_resume_ = 0;     // where scan_html_ids goes on
};

}  // namespace mamori
