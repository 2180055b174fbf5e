// A fingerprint of text: the 64-bit FNV-1a hash (Fowler, Noll & Vo), which names a resolved
// scenario in briefs and checks shard files. It catches accidents, not forgeries.
#pragma once

#include <cstdint>
#include <string_view>

namespace labsim::text {

inline std::uint64_t fnv1a(std::string_view bytes) {
  std::uint64_t h = 14695981039346656037ull;
  for (char c : bytes) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return h;
}

}  // namespace labsim::text
