#include "explore/sketch.hpp"

#include <fmt/format.h>

#include <algorithm>
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
  cover(index, index);
  counts_[static_cast<std::size_t>(index - offset_)] += n;
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

QuantileSketch::QuantileSketch(double relative_accuracy) : alpha_(relative_accuracy) {
  if (!(alpha_ > 0 && alpha_ <= 0.1))
    throw std::invalid_argument(
        fmt::format("the relative accuracy must be above 0 and at most 0.1, found {}", alpha_));
  gamma_ = (1 + alpha_) / (1 - alpha_);
  inv_log_gamma_ = 1 / std::log(gamma_);
}

std::int64_t QuantileSketch::index_of(double magnitude) const {
  return static_cast<std::int64_t>(std::ceil(std::log(magnitude) * inv_log_gamma_));
}

// The point of bucket i equidistant in relative terms from both ends (gamma^(i-1), gamma^i].
double QuantileSketch::value_of(std::int64_t index) const {
  return 2 * std::pow(gamma_, static_cast<double>(index)) / (gamma_ + 1);
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
