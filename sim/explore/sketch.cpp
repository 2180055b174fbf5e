#include "model/bits.hpp"
#include "explore/sketch.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <memory>
#include <mutex>
#include <cassert>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace labsim::explore {

namespace {

// A store grows by at least this many buckets, or half its size, on the side it grows, so that
// a drifting stream reallocates O(log range) times: a Monte Carlo's sketches stop growing once
// they have seen the spread of their values. Kept small (about 1 KiB per store): with hundreds
// of cells per thread, larger windows spill the cache that two threads share and cost speed
// (measured: docs/performance.md).
constexpr std::int64_t kMinGrowth = 64;

// The mantissa's cells in an octave's table: its top kCellBits bits.
constexpr int kCellBits = 12;
constexpr std::size_t kCells = std::size_t{1} << kCellBits;

}  // namespace

void QuantileSketch::Store::cover(std::int64_t lo, std::int64_t hi) {
  const auto size = static_cast<std::int64_t>(counts_.size());
  if (size > 0 && lo >= offset_ && hi < offset_ + size) return;
  const std::int64_t grow = std::max(kMinGrowth, size / 2);
  std::int64_t new_lo = lo - grow, new_hi = hi + grow;
  if (size > 0) {
    new_lo = lo < offset_ ? new_lo : offset_;
    new_hi = hi >= offset_ + size ? new_hi : offset_ + size - 1;
  }
  std::vector<std::uint64_t> grown(static_cast<std::size_t>(new_hi - new_lo + 1), 0);
  if (size > 0) std::copy(counts_.begin(), counts_.end(), grown.begin() + (offset_ - new_lo));
  counts_.swap(grown);
  offset_ = new_lo;
}

void QuantileSketch::Store::add(std::int64_t index, std::uint64_t n) {
  const auto at = static_cast<std::uint64_t>(index - offset_);
  if (at >= counts_.size()) {  // below offset_ wraps to a large number: outside too
    cover(index, index);
    counts_[static_cast<std::size_t>(index - offset_)] += n;
  } else {
    counts_[at] += n;
  }
  total_ += n;
}

void QuantileSketch::Store::merge(const Store& other) {
  if (other.total_ == 0) return;
  const auto other_size = static_cast<std::int64_t>(other.counts_.size());
  cover(other.offset_, other.offset_ + other_size - 1);
  for (std::int64_t k = 0; k < other_size; ++k)
    counts_[static_cast<std::size_t>(other.offset_ + k - offset_)] +=
        other.counts_[static_cast<std::size_t>(k)];
  total_ += other.total_;
}

std::int64_t QuantileSketch::Store::bucket_of_rank(std::uint64_t rank, bool descending) const {
  assert(rank < total_);
  const std::size_t size = counts_.size();
  std::uint64_t seen = 0;
  for (std::size_t step = 0; step < size; ++step) {
    const std::size_t k = descending ? size - 1 - step : step;
    seen += counts_[k];
    if (seen > rank) return offset_ + static_cast<std::int64_t>(k);
  }
  return offset_ + static_cast<std::int64_t>(descending ? 0 : size - 1);  // unreachable
}

void QuantileSketch::Store::save(ByteWriter& out) const {
  std::size_t lo = 0, hi = counts_.size();
  while (lo < hi && counts_[lo] == 0) ++lo;
  while (hi > lo && counts_[hi - 1] == 0) --hi;
  out.i64(offset_ + static_cast<std::int64_t>(lo));
  out.varint(hi - lo);
  for (std::size_t k = lo; k < hi; ++k) out.varint(counts_[k]);
}

void QuantileSketch::Store::load(ByteReader& in, std::int64_t widest) {
  const std::int64_t offset = in.i64();
  const std::uint64_t size = in.varint();
  // Each count takes at least a byte; a bucket beyond any double's is damage, not data.
  if (offset < -widest || offset > widest || size > in.remaining() ||
      static_cast<std::int64_t>(size) > widest - offset + 1)
    throw DamagedBytes("a quantile sketch's buckets are out of range");
  counts_.assign(static_cast<std::size_t>(size), 0);
  offset_ = offset;
  total_ = 0;
  for (std::uint64_t& c : counts_) {
    c = in.varint();
    if (c > std::numeric_limits<std::uint64_t>::max() - total_) throw DamagedBytes("a quantile sketch's counts overflow");
    total_ += c;
  }
}

void QuantileSketch::save(std::string& out) const {
  ByteWriter w(out);
  w.f64(alpha_);
  w.f64(min_);
  w.f64(max_);
  w.varint(zero_);
  w.varint(undefined_);
  positive_.save(w);
  negative_.save(w);
}

QuantileSketch QuantileSketch::load(ByteReader& in, double relative_accuracy) {
  QuantileSketch s(relative_accuracy);
  if (in.f64() != relative_accuracy) throw DamagedBytes("a quantile sketch of another accuracy");
  s.min_ = in.f64();
  s.max_ = in.f64();
  s.zero_ = in.varint();
  s.undefined_ = in.varint();
  // A magnitude's bucket is its binary exponent (-1,074 to 1,023) times the parts of an octave,
  // plus the part.
  const std::int64_t widest = 1100 * static_cast<std::int64_t>(s.octave_->parts);
  s.positive_.load(in, widest);
  s.negative_.load(in, widest);
  if (s.count() > 0 && !(s.min_ <= s.max_)) throw DamagedBytes("a quantile sketch's minimum is above its maximum");
  return s;
}

const QuantileSketch::Octave& QuantileSketch::octave(int parts) {
  static std::mutex guard;
  static std::map<int, std::unique_ptr<Octave>> cache;
  std::lock_guard<std::mutex> lock(guard);
  std::unique_ptr<Octave>& slot = cache[parts];
  if (!slot) {
    auto o = std::make_unique<Octave>();
    o->parts = parts;
    o->bound.resize(static_cast<std::size_t>(parts) + 1);
    for (int j = 0; j <= parts; ++j) o->bound[static_cast<std::size_t>(j)] = std::exp2(static_cast<double>(j) / parts);
    o->bound[static_cast<std::size_t>(parts)] = 2;
    // A cell [1 + c / 4096, 1 + (c + 1) / 4096) is narrower than a part when parts <= 2,839
    // (accuracy 1e-4 and coarser), so it holds at most one bound: its part is that of its low
    // edge, or the next.
    o->first.resize(kCells);
    std::size_t j = 0;
    for (std::size_t c = 0; c < kCells; ++c) {
      const double low = 1 + static_cast<double>(c) / kCells;
      while (low >= o->bound[j + 1]) ++j;
      o->first[c] = static_cast<std::uint32_t>(j);
    }
    slot = std::move(o);
  }
  return *slot;
}

QuantileSketch::QuantileSketch(double relative_accuracy) : alpha_(relative_accuracy) {
  if (!(alpha_ > 0 && alpha_ <= 0.1))
    throw std::invalid_argument(
        fmt::format("the relative accuracy must be above 0 and at most 0.1, found {}", alpha_));
  // The representative of a bucket [lo, lo r) is within (r - 1) / (r + 1) of every value in it;
  // that is at most alpha when r <= (1 + alpha) / (1 - alpha).
  const double gamma = (1 + alpha_) / (1 - alpha_);
  octave_ = &octave(static_cast<int>(std::ceil(std::log(2.0) / std::log(gamma))));
}

// Bucket e K + j holds magnitudes in [2^e 2^(j/K), 2^e 2^((j+1)/K)). Magnitudes are normal numbers
// (at least kZeroThreshold), so the exponent and mantissa bits give e and m in [1, 2) exactly.
std::int64_t QuantileSketch::index_of(double magnitude) const {
  const auto bits = model::bits_of(magnitude);
  const auto exponent = static_cast<std::int64_t>((bits >> 52) & 0x7ff) - 1023;
  const std::uint64_t fraction = bits & ((std::uint64_t{1} << 52) - 1);
  const double m = model::double_of(fraction | model::bits_of(1.0));
  std::size_t j = octave_->first[static_cast<std::size_t>(fraction >> (52 - kCellBits))];
  while (m >= octave_->bound[j + 1]) ++j;  // at most once unless the accuracy is below 1e-4
  return exponent * octave_->parts + static_cast<std::int64_t>(j);
}

// The point of a bucket equidistant in relative terms from both ends: 2 lo hi / (lo + hi).
double QuantileSketch::value_of(std::int64_t index) const {
  const std::int64_t parts = octave_->parts;
  const std::int64_t e = index >= 0 ? index / parts : -((-index + parts - 1) / parts);
  const auto j = static_cast<std::size_t>(index - e * parts);
  // Within the octave first, then scaled by 2^e exactly: lo x hi would overflow far out.
  const double lo = octave_->bound[j], hi = octave_->bound[j + 1];
  return std::ldexp(2 * lo * hi / (lo + hi), static_cast<int>(e));
}

void QuantileSketch::add(double x) {
  if (!std::isfinite(x)) {
    ++undefined_;
    return;
  }
  min_ = std::min(min_, x);
  max_ = std::max(max_, x);
  const double magnitude = std::abs(x);
  if (magnitude < kZeroThreshold)
    ++zero_;
  else
    (x > 0 ? positive_ : negative_).add(index_of(magnitude), 1);
}

void QuantileSketch::merge(const QuantileSketch& other) {
  assert(other.alpha_ == alpha_);
  positive_.merge(other.positive_);
  negative_.merge(other.negative_);
  zero_ += other.zero_;
  undefined_ += other.undefined_;
  min_ = std::min(min_, other.min_);
  max_ = std::max(max_, other.max_);
}

std::uint64_t QuantileSketch::count() const { return negative_.total() + zero_ + positive_.total(); }
std::uint64_t QuantileSketch::undefined() const { return undefined_; }

double QuantileSketch::quantile(double q) const {
  const std::uint64_t n = count();
  if (n == 0 || std::isnan(q)) return std::numeric_limits<double>::quiet_NaN();
  // Ascending order: negatives from the largest magnitude down, zeros, positives upwards.
  auto rank = static_cast<std::uint64_t>(std::clamp(q, 0.0, 1.0) * static_cast<double>(n - 1));
  rank = std::min(rank, n - 1);
  double estimate = 0;
  if (rank < negative_.total())
    estimate = -value_of(negative_.bucket_of_rank(rank, true));
  else if (rank - negative_.total() >= zero_)
    estimate = value_of(positive_.bucket_of_rank(rank - negative_.total() - zero_, false));
  return std::clamp(estimate, min_, max_);
}

}  // namespace labsim::explore
