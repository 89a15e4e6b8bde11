#include "core/hashing.h"

#include "core/text.h"

namespace mamori {
namespace {

constexpr uint32_t kPrime32 = 16777619U;
constexpr uint64_t kPrime64 = 0x100000001b3ULL;

}  // namespace

uint32_t fnv1a32(std::string_view text) {
  uint32_t hash = 2166136261U;
  for (const char c : text) {
    hash ^= static_cast<unsigned char>(c);
    hash *= kPrime32;
  }
  return hash;
}

void Fnv1a64::add(std::string_view field) {
  for (const char c : field) {
    hash_ ^= static_cast<unsigned char>(c);
    hash_ *= kPrime64;
  }
  hash_ ^= 0xff;  // separates fields
  hash_ *= kPrime64;
}

std::string Fnv1a64::hex() const {
  std::string out(16, '0');
  for (size_t i = 0; i < 16; ++i) out[i] = hex_digit(static_cast<unsigned>(hash_ >> (60 - 4 * i)) & 0xF, true);
  return out;
}

}  // namespace mamori
