// Shared checks for the libFuzzer targets: every target feeds untrusted bytes to one
// parser and, beyond "no crash, no hang, no leak" (ASan/UBSan/libFuzzer), checks the
// contracts its output promises.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "core/diagnostic.h"
#include "core/text.h"

namespace mamori::fuzz {

inline std::string_view as_text(const uint8_t* data, size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Aborts (a finding) with a message: libFuzzer saves the input that caused it.
inline void require(bool condition, const char* what) {
  if (condition) return;
  std::fprintf(stderr, "contract broken: %s\n", what);
  std::abort();
}

// Diagnostics reach terminals and editors: their messages are valid UTF-8 on one line,
// and positions are never negative.
inline void check_diagnostics(const std::vector<Diagnostic>& diagnostics) {
  for (const auto& d : diagnostics) {
    require(!find_invalid_utf8(d.message).has_value(), "diagnostic message is valid UTF-8");
    require(d.message.find('\n') == std::string::npos, "diagnostic message is one line");
    require(d.line >= 0 && d.column >= 0, "diagnostic position is not negative");
  }
}

}  // namespace mamori::fuzz
