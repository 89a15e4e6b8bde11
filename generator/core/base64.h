// Base64 (RFC 4648, standard alphabet, with '=' padding).
#pragma once

#include <string>
#include <string_view>

namespace mamori {

std::string base64_encode(std::string_view bytes);

// Decodes base64; characters outside the alphabet ('=', line breaks, …) are skipped.
std::string base64_decode(std::string_view text);

}  // namespace mamori
