#include "links/page_need.h"

#include <algorithm>
#include <array>

#include "core/text.h"
#include "core/url.h"
#include "links/html_probe.h"

namespace mamori {

bool is_large_download(std::string_view url) {
  static constexpr std::array<std::string_view, 28> kExtensions = {
      "pdf", "zip",  "lzh", "7z",   "gz",  "tgz",  "bz2", "xz",  "tar", "rar", "iso", "dmg", "exe", "msi",
      "xls", "xlsx", "doc", "docx", "ppt", "pptx", "mp4", "m4v", "mov", "avi", "wmv", "mpg", "mp3", "wav"};
  const std::string path = url_path(url);
  const size_t slash = path.rfind('/');
  const size_t dot = path.rfind('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return false;
  const std::string extension = ascii_lower(std::string_view(path).substr(dot + 1));
  return std::find(kExtensions.begin(), kExtensions.end(), extension) != kExtensions.end();
}

HttpMethod first_method(std::string_view url) {
  return is_large_download(url) ? HttpMethod::head : HttpMethod::get;
}

bool is_html_response(const HttpResponse& response) {
  const std::string type = response.header("content-type").value_or("");
  return type.empty() || is_html_content_type(type);
}

PageNeed::PageNeed(const std::set<std::string>& fragments) {
  for (const std::string& fragment : fragments) wanted_.emplace_back(fragment, percent_decode(fragment));
}

bool PageNeed::enough(const HttpResponse& so_far) {
  if (so_far.status < 200 || so_far.status >= 300 || !is_html_response(so_far)) return true;
  const bool title = title_known(so_far.body);
  return fragments_found(so_far.body) && title;
}

// The title is known once html_title finds one, or once the body is past the part html_title
// looks at. html_title runs again only when a "</title" may have come in.
bool PageNeed::title_known(std::string_view body) {
  if (title_) return true;
  constexpr size_t kTail = 6;  // "</titl": a closing tag split between two pieces
  const size_t from = title_scanned_ > kTail ? title_scanned_ - kTail : 0;
  title_scanned_ = body.size();
  if (body.size() >= kTitleScanBytes) return title_ = true;
  if (find_ascii_ci(body, "</title", from) == std::string_view::npos) return false;
  title_ = html_title(body).has_value();
  return title_;
}

bool PageNeed::fragments_found(std::string_view body) {
  if (wanted_.empty()) return true;
  std::vector<std::string> ids;
  ids_resume_ = scan_html_ids(body, ids_resume_, true, ids);
  for (const std::string& id : ids) {
    std::erase_if(wanted_, [&](const auto& fragment) { return id == fragment.first || id == fragment.second; });
  }
  return wanted_.empty();
}

}  // namespace mamori
