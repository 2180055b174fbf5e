// std::pow(x, y), remembered: the model raises the same few growth factors to the same few
// powers again and again (every series, stream and salary each year; in a block, once per lane).
// A small table per thread keeps the last results by the bits of (x, y); a hit returns the value
// std::pow returned for those bits, so the result is always exactly std::pow(x, y).
#pragma once

#include <array>
#include <cmath>
#include <cstdint>

#include "model/bits.hpp"

namespace labsim::model {

inline double pow_memo(double x, double y) {
  struct Entry {
    std::uint64_t x = 0, y = 0;
    double value = 0;
    bool used = false;
  };
  static constexpr int kBits = 6;  // 64 entries, 1.5 KiB a thread
  thread_local std::array<Entry, 1u << kBits> table{};
  const auto bx = bits_of(x), by = bits_of(y);
  const std::uint64_t h = (bx ^ (by * 0x9E3779B97F4A7C15ull)) * 0xD6E8FEB86659FD93ull;
  Entry& e = table[h >> (64 - kBits)];
  if (e.used && e.x == bx && e.y == by) return e.value;
  e = Entry{bx, by, std::pow(x, y), true};
  return e.value;
}

}  // namespace labsim::model
