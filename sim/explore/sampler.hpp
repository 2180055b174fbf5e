// Points of the unit hypercube for Monte Carlo: plain random, Latin hypercube, or a digitally
// shifted Sobol sequence. Point i is a pure function of (kind, seed, n, dims, i), so any thread
// may compute any point and results do not depend on how samples are split among threads.
//
// What comes from where:
//  - kSobol: the direction numbers are Boost.Random's `boost::random::sobol` (Joe & Kuo 2008
//    tables), read once in the constructor. Point i is the Gray-code Sobol point of index i
//    (i = 0 is the origin, so the first 2^m points form a (t, m, s)-net; Boost's own engine
//    skips the origin: its k-th output is our point k + 1). Coordinate j is XORed, as a 64-bit
//    binary fraction, with a random word drawn from (seed, j): a digital shift, which keeps the
//    net property (each elementary interval still holds its share of the points), unlike a
//    Cranley-Patterson shift modulo 1, and integrates smooth functions more accurately.
//  - kRandom and kLhs are hand-written: Boost has no counter-based engine (every Boost engine
//    is sequential, so point i would need i draws or a stored state) and no Latin hypercube that
//    runs in O(1) memory. kRandom hashes (seed, j, i) with the SplitMix64 finaliser; kLhs
//    permutes the strata of each dimension with a keyed Feistel network (cycle-walking on the
//    next power of two) and jitters inside the stratum with the same hash.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace labsim::explore {

enum class SamplerKind { kRandom, kLhs, kSobol };

// A uniform draw in (0, 1) for (seed, stream, index): the counter-based hash of kRandom's points,
// on streams of its own (none is a Sampler's coordinate for the same seed) and with no limit on
// their number. A pure function, as a Sampler's points are.
double uniform_stream(std::uint64_t seed, std::uint64_t stream, std::uint64_t index);

// uniform_stream(seed, stream, index) for one (seed, stream) and many indices: the stream's key
// is hashed once, not for every index.
class UniformStream {
 public:
  UniformStream(std::uint64_t seed, std::uint64_t stream);
  double operator()(std::uint64_t index) const;

 private:
  std::uint64_t key_;
};

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
  // kLhs: for each j, the values floor(u_j * n) over i = 0..n-1 are a permutation of 0..n-1
  // (exactly one point per stratum [k/n, (k+1)/n)), computed in double as written.
  // Requires u.size() >= dims and i < n (checked by assertion only).
  void point(std::size_t i, std::span<double> u) const;

 private:
  double random_coordinate(std::size_t i, int j) const;
  double lhs_coordinate(std::size_t i, int j) const;
  double sobol_coordinate(std::size_t i, int j) const;

  SamplerKind kind_;
  std::uint64_t seed_;
  std::size_t n_;
  int dims_;
  int lhs_bits_ = 0;                       // kLhs: Feistel domain is [0, 2^lhs_bits_) >= n
  int sobol_bits_ = 0;                     // kSobol: direction numbers per dimension
  std::vector<std::uint64_t> directions_;  // kSobol: [j * sobol_bits_ + r], 64-bit fractions
  std::vector<std::uint64_t> shifts_;      // kSobol: digital shift of dimension j
};

}  // namespace labsim::explore
