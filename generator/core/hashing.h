// FNV-1a hashes: fast fingerprints to tell whether something changed or to seed a stream.
// Not a security measure: anyone can find two inputs with the same hash.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace mamori {

// FNV-1a, 32 bits, of the bytes of `text` (the quiz answer obfuscation shares it with quiz.js).
uint32_t fnv1a32(std::string_view text);

// FNV-1a, 64 bits, over a sequence of fields: each add() also mixes in a separator byte,
// so ("ab", "c") and ("a", "bc") hash differently.
class Fnv1a64 {
 public:
  void add(std::string_view field);
  uint64_t value() const { return hash_; }
  std::string hex() const;  // 16 lower-case hex digits

 private:
  uint64_t hash_ = 0xcbf29ce484222325ULL;
};

}  // namespace mamori
