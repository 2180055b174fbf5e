// The bits of a double and back. std::bit_cast would do, but emscripten's libc++ 13 (Debian 12)
// lacks it, and the engine builds for WebAssembly too (wasm/CMakeLists.txt).
#pragma once

#include <cstdint>
#include <cstring>

namespace labsim::model {

inline std::uint64_t bits_of(double x) {
  std::uint64_t b;
  std::memcpy(&b, &x, sizeof b);
  return b;
}

inline double double_of(std::uint64_t b) {
  double x;
  std::memcpy(&x, &b, sizeof x);
  return x;
}

}  // namespace labsim::model
