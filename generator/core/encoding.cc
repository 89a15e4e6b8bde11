#include "core/encoding.h"

#include <iconv.h>

#include <cerrno>
#include <memory>

#include "core/text.h"

namespace mamori {
namespace {

struct IconvCloser {
  void operator()(void* cd) const { iconv_close(static_cast<iconv_t>(cd)); }
};

// Converts with glibc's iconv; nullopt on any invalid or unconvertible sequence.
std::optional<std::string> convert(std::string_view input, const char* to, const char* from) {
  iconv_t raw = iconv_open(to, from);
  // iconv_open reports failure as (iconv_t)-1, an integer cast to a pointer.
  if (raw == reinterpret_cast<iconv_t>(-1)) return std::nullopt;  // NOLINT(performance-no-int-to-ptr)
  const std::unique_ptr<void, IconvCloser> cd(raw);
  std::string output(input.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(input.data());  // iconv's interface is not const-correct
  size_t in_left = input.size();
  size_t done = 0;
  while (in_left > 0) {
    char* out = output.data() + done;
    size_t out_left = output.size() - done;
    const size_t result = iconv(raw, &in, &in_left, &out, &out_left);
    done = output.size() - out_left;
    if (result != static_cast<size_t>(-1)) break;
    if (errno != E2BIG) return std::nullopt;  // EILSEQ or EINVAL: not this encoding
    output.resize(output.size() * 2);
  }
  output.resize(done);
  return output;
}

}  // namespace

std::optional<DecodedText> decode_utf8_or_cp932(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    const std::string_view rest = bytes.substr(3);
    if (find_invalid_utf8(rest)) return std::nullopt;
    return DecodedText{std::string(rest), SourceEncoding::utf8_bom};
  }
  if (!find_invalid_utf8(bytes)) return DecodedText{std::string(bytes), SourceEncoding::utf8};
  auto converted = convert(bytes, "UTF-8", "CP932");
  if (!converted) return std::nullopt;
  return DecodedText{std::move(*converted), SourceEncoding::cp932};
}

std::optional<std::string> encode_cp932(std::string_view utf8) {
  return convert(utf8, "CP932", "UTF-8");
}

}  // namespace mamori
