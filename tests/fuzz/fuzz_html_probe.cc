// Remote pages as the link checker reads them: the <title> and fragment ids. A server
// can send anything.
#include "fuzz_support.h"
#include "html_probe.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mamori;
  const std::string_view html = fuzz::as_text(data, size);
  if (const auto title = html_title(html)) (void)is_not_found_title(*title);
  const size_t split = html.find('\0');
  const std::string_view fragment = split == std::string_view::npos ? "top" : html.substr(0, split);
  (void)html_has_fragment(html, fragment);
  (void)is_html_content_type(html.substr(0, 64));
  return 0;
}
