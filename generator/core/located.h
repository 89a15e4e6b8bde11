// A value read from a file, with where it was written (for diagnostics that point at it).
#pragma once

namespace mamori {

template <typename T>
struct Located {
  T value;
  int line = 0;    // 1-based; 0 when unknown
  int column = 0;  // 1-based, in code points; 0 when unknown
};

}  // namespace mamori
