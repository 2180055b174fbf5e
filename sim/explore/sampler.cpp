#include "explore/sampler.hpp"

#include <algorithm>
#include <bit>
#include <boost/random/sobol.hpp>
#include <cassert>
#include <cmath>
#include <stdexcept>
#include <string>
#include <utility>

namespace labsim::explore {

namespace {

constexpr int kMaxDims = 1000;
constexpr std::uint64_t kGolden = 0x9e3779b97f4a7c15ULL;  // 2^64 / golden ratio, odd
// Salts keep the streams of the three uses of the hash apart for the same seed.
constexpr std::uint64_t kRandomSalt = 0x52414e444f4d0001ULL;
constexpr std::uint64_t kLhsPermSalt = 0x4c48535045524d02ULL;
constexpr std::uint64_t kLhsJitterSalt = 0x4c48534a49540003ULL;
constexpr std::uint64_t kSobolShiftSalt = 0x534f424f4c534804ULL;
constexpr std::uint64_t kStreamSalt = 0x53545245414d0005ULL;
constexpr int kFeistelRounds = 4;  // Luby-Rackoff: 4 rounds of a good round function

// SplitMix64's output function (Steele, Lea & Flood 2014): a bijection of 64-bit words with
// full avalanche.
std::uint64_t fmix(std::uint64_t z) {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

// Output b of a SplitMix64 generator whose state starts at `a`: for a fixed `a`, distinct b
// give distinct, well-mixed words.
std::uint64_t hash2(std::uint64_t a, std::uint64_t b) { return fmix(a + (b + 1) * kGolden); }

std::uint64_t stream_key(std::uint64_t seed, std::uint64_t salt, int j) {
  return hash2(fmix(seed ^ salt), static_cast<std::uint64_t>(j));
}

// The top 53 bits as a double in (0, 1): k / 2^53, with k = 0 moved to half a step.
double to_unit(std::uint64_t h) { return std::max(static_cast<double>(h >> 11) * 0x1p-53, 0x1p-54); }

std::uint64_t low_mask(int bits) { return bits >= 64 ? ~0ULL : (1ULL << bits) - 1; }

// A keyed permutation of [0, 2^bits): an unbalanced Feistel network whose halves alternate
// between floor(bits/2) and ceil(bits/2) bits.
std::uint64_t feistel(std::uint64_t x, int bits, std::uint64_t key) {
  int low_bits = bits / 2;
  int high_bits = bits - low_bits;
  for (int round = 0; round < kFeistelRounds; ++round) {
    std::uint64_t lo = x & low_mask(low_bits);
    std::uint64_t hi = x >> low_bits;
    hi ^= hash2(key, lo + (static_cast<std::uint64_t>(round) << 58)) & low_mask(high_bits);
    x = (lo << high_bits) | hi;
    std::swap(low_bits, high_bits);
  }
  return x;
}

// The permutation of [0, n) induced by cycle-walking: apply the network until the value lands
// inside [0, n). The domain is below 2n, so fewer than two rounds of walking on average.
std::uint64_t permute(std::uint64_t i, std::uint64_t n, int bits, std::uint64_t key) {
  std::uint64_t x = i;
  do x = feistel(x, bits, key);
  while (x >= n);
  return x;
}

void check_size(std::size_t n, int dims) {
  if (n < 1) throw std::invalid_argument("the number of samples must be at least 1, found 0");
  if (dims < 0 || dims > kMaxDims)
    throw std::invalid_argument("the number of uncertain inputs must be between 0 and " +
                                std::to_string(kMaxDims) + ", found " + std::to_string(dims));
}

}  // namespace

UniformStream::UniformStream(std::uint64_t seed, std::uint64_t stream)
    : key_(hash2(fmix(seed ^ kStreamSalt), stream)) {}

double UniformStream::operator()(std::uint64_t index) const { return to_unit(hash2(key_, index)); }

double uniform_stream(std::uint64_t seed, std::uint64_t stream, std::uint64_t index) {
  return UniformStream(seed, stream)(index);
}

Sampler::Sampler(SamplerKind kind, std::uint64_t seed, std::size_t n, int dims)
    : kind_(kind), seed_(seed), n_(n), dims_(dims) {
  check_size(n, dims);
  const int index_bits = static_cast<int>(std::bit_width(static_cast<std::uint64_t>(n - 1)));
  lhs_bits_ = index_bits;
  if (kind != SamplerKind::kSobol || dims == 0) return;

  // Gray-code point i XORs direction r for each bit r of i ^ (i >> 1) < 2^index_bits.
  // Boost's engine after seed(k) yields the point of index k + 1; direction r alone is the
  // point whose Gray code is 2^r, i.e. index 2^(r+1) - 1, read after seed(2^(r+1) - 2).
  sobol_bits_ = index_bits;
  const auto d = static_cast<std::size_t>(dims);
  const auto rows = static_cast<std::size_t>(sobol_bits_);
  directions_.resize(d * rows);
  boost::random::sobol engine(d);
  for (std::size_t r = 0; r < rows; ++r) {
    engine.seed((~0ULL >> (63 - r)) - 1);
    for (std::size_t j = 0; j < d; ++j) directions_[j * rows + r] = engine();
  }
  shifts_.resize(d);
  for (int j = 0; j < dims; ++j)
    shifts_[static_cast<std::size_t>(j)] = hash2(stream_key(seed, kSobolShiftSalt, j), 0);
}

int Sampler::dims() const { return dims_; }
std::size_t Sampler::size() const { return n_; }

void Sampler::point(std::size_t i, std::span<double> u) const {
  assert(i < n_ && u.size() >= static_cast<std::size_t>(dims_));
  for (int j = 0; j < dims_; ++j) {
    double& out = u[static_cast<std::size_t>(j)];
    switch (kind_) {
      case SamplerKind::kRandom:
        out = random_coordinate(i, j);
        break;
      case SamplerKind::kLhs:
        out = lhs_coordinate(i, j);
        break;
      case SamplerKind::kSobol:
        out = sobol_coordinate(i, j);
        break;
    }
  }
}

double Sampler::random_coordinate(std::size_t i, int j) const {
  return to_unit(hash2(stream_key(seed_, kRandomSalt, j), i));
}

double Sampler::lhs_coordinate(std::size_t i, int j) const {
  const std::uint64_t stratum = permute(i, n_, lhs_bits_, stream_key(seed_, kLhsPermSalt, j));
  const double jitter = to_unit(hash2(stream_key(seed_, kLhsJitterSalt, j), i));
  const auto k = static_cast<double>(stratum);
  const auto n = static_cast<double>(n_);
  // Rounding may carry (k + jitter) / n onto a neighbouring stratum's edge; step back inside
  // so that floor(u * n) == k holds in double arithmetic.
  double u = (k + jitter) / n;
  while (u * n >= k + 1) u = std::nextafter(u, 0.0);
  while (u * n < k) u = std::nextafter(u, 1.0);
  return u;
}

double Sampler::sobol_coordinate(std::size_t i, int j) const {
  const std::uint64_t* dir = directions_.data() + static_cast<std::size_t>(j * sobol_bits_);
  std::uint64_t x = 0;
  for (std::uint64_t gray = i ^ (i >> 1); gray != 0; gray &= gray - 1) x ^= dir[std::countr_zero(gray)];
  return to_unit(x ^ shifts_[static_cast<std::size_t>(j)]);
}

}  // namespace labsim::explore
