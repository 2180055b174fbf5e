// Points of the unit hypercube for Monte Carlo: plain random, Latin hypercube, or a randomly
// shifted Sobol sequence. Point i is a pure function of (kind, seed, n, dims, i), so any thread
// may compute any point and results do not depend on how samples are split among threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace labsim::explore {

enum class SamplerKind { kRandom, kLhs, kSobol };

class Sampler {
 public:
  // `n` points (n >= 1) in `dims` dimensions (0 <= dims <= 1000). Throws std::invalid_argument
  // when n or dims is out of range.
  Sampler(SamplerKind kind, std::uint64_t seed, std::size_t n, int dims);

  int dims() const;
  std::size_t size() const;

  // Writes point i (0 <= i < n) into u[0..dims), each coordinate strictly inside (0, 1).
  // Allocates nothing. Coordinate j depends only on (kind, seed, n, i, j) — not on `dims` —
  // so scenarios that share input j see the same draws (common random numbers).
  void point(std::size_t i, std::span<double> u) const;
};

}  // namespace labsim::explore
