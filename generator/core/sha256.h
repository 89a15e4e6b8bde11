// SHA-256 (FIPS 180-4), for the hashes a Content-Security-Policy allows inline styles and
// scripts by ('sha256-…', CSP Level 2): the 404 page (site/not_found.h).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace mamori {

std::array<uint8_t, 32> sha256(std::string_view data);

// The digest in base64, as CSP writes it.
std::string sha256_base64(std::string_view data);

}  // namespace mamori
