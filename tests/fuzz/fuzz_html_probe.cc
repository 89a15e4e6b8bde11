// Remote pages as the link checker reads them: the <title> and fragment ids. A server
// can send anything.
#include "fuzz_support.h"
#include "links/html_probe.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mamori;
  const std::string_view html = fuzz::as_text(data, size);
  const HtmlProbe probe = probe_html(html);
  if (probe.title) {
    fuzz::require(!find_invalid_utf8(*probe.title).has_value(), "the title is valid UTF-8");
    for (const char c : *probe.title)
      fuzz::require(static_cast<unsigned char>(c) >= 0x20 && c != 0x7f, "no control characters in a title");
    (void)is_not_found_title(*probe.title);
  }
  const size_t split = html.find('\0');
  const std::string_view fragment = split == std::string_view::npos ? "top" : html.substr(0, split);
  (void)html_has_fragment(html, fragment);
  (void)is_html_content_type(html.substr(0, 64));
  return 0;
}
