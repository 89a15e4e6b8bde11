// Raw DEFLATE (RFC 1951), what the browser's DecompressionStream("deflate-raw") reads: the
// search index's files carry their data compressed.
#pragma once

#include <string>
#include <string_view>

namespace mamori {

// The bytes compressed at zlib's level 5: the same input gives the same output.
std::string deflate_raw(std::string_view bytes);

// The inverse, for tests and tools; nullopt-free: returns "" when `compressed` is broken.
std::string inflate_raw(std::string_view compressed);

}  // namespace mamori
