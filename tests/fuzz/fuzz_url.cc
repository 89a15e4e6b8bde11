// URL helpers, on URLs from pages and from servers (Location headers).
#include "core/url.h"
#include "fuzz_support.h"
#include "links/checker.h"
#include "links/http.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace mamori;
  const std::string_view input = fuzz::as_text(data, size);
  const size_t split = input.find('\n');
  const std::string_view a = input.substr(0, split);
  const std::string_view b = split == std::string_view::npos ? std::string_view() : input.substr(split + 1);
  (void)classify_url(a);
  (void)url_scheme(a);
  (void)is_web_url(a);
  (void)split_url(a);
  (void)percent_decode(a);
  const std::string path = encode_path(a);
  fuzz::require(path.find_first_of(" \"<>") == std::string::npos, "an encoded path has no raw space, quote or bracket");
  (void)encode_fragment(a);
  (void)resolve_relative(dirname(a), b);
  (void)relative_url(a, b);
  (void)path_to_root(a);
  // What a server's Location header goes through.
  const std::string location = location_as_url(b);
  fuzz::require(!find_invalid_utf8(location).has_value(), "a Location becomes valid UTF-8");
  (void)resolve_url(a, location);
  (void)split_absolute_url(a);
  (void)url_path(a);
  if (const auto web = parse_web_url(a)) {
    fuzz::require(web->scheme == "http" || web->scheme == "https", "a web URL is http or https");
    fuzz::require(!web->host.empty() && !web->port.empty(), "a web URL has a host and a port");
    fuzz::require(host_key(a) == web->scheme + "://" + web->host + ":" + web->port, "host_key is the parsed origin");
  } else {
    fuzz::require(host_key(a).empty(), "no host key for a URL that does not parse");
  }
  return 0;
}
