// Streaming quantiles with a stated relative accuracy (a DDSketch-style logarithmic histogram;
// Masson, Rim & Lee 2019, "DDSketch: a fast and fully-mergeable quantile sketch with
// relative-error guarantees"). Buckets split each power of two into K geometric parts, K the
// fewest whose ratio 2^(1/K) keeps the accuracy; a value's bucket comes from its exponent bits and
// a table on its top mantissa bits, without a logarithm, so adding costs a few nanoseconds.
// Memory grows with the spread of the values (log range / accuracy), never with their number.
// Merging adds integer counts, so the result does not depend on the order values arrive in.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "explore/bytes.hpp"

namespace labsim::explore {

class QuantileSketch {
 public:
  // `relative_accuracy` alpha in (0, 0.1]: every quantile returned is within a factor
  // (1 ± alpha) of a value whose rank is the requested one. Throws std::invalid_argument when
  // alpha is outside (0, 0.1].
  explicit QuantileSketch(double relative_accuracy = 0.005);

  // Adds one value; NaN and infinities are counted as undefined and otherwise ignored.
  // Values with |x| < kZeroThreshold count as 0 (the relative guarantee does not cover them).
  // Allocates only when x falls outside the range of buckets seen so far.
  void add(double x);
  // Adds all values of `other` (which must have the same accuracy; checked by assertion).
  void merge(const QuantileSketch& other);

  std::uint64_t count() const;      // defined values added
  std::uint64_t undefined() const;  // NaN / infinite values added
  // The q-quantile (0 <= q <= 1) of the defined values: an estimate of the order statistic of
  // rank floor(q * (count - 1)), within the relative accuracy, and never outside [min, max] of
  // the values added: when every value is the same, every quantile is exactly that value. NaN
  // when count() == 0.
  double quantile(double q) const;
  double min() const { return min_; }  // of the defined values; +inf when there are none
  double max() const { return max_; }  // of the defined values; -inf when there are none

  // Appends the sketch to `out` (accuracy, min, max, the zero and undefined counts, and each
  // store's occupied buckets as varints), and reads it back: load(save(s)) answers every query
  // exactly as s does. load throws DamagedBytes (bytes.hpp) when the bytes end early or do not
  // describe a sketch of `relative_accuracy`.
  void save(std::string& out) const;
  static QuantileSketch load(ByteReader& in, double relative_accuracy);

  static constexpr double kZeroThreshold = 1e-300;

 private:
  // Bucket i holds magnitudes in (gamma^(i-1), gamma^i]; counts_[k] is bucket offset + k.
  class Store {
   public:
    void add(std::int64_t index, std::uint64_t n);
    void merge(const Store& other);
    std::uint64_t total() const { return total_; }
    // The bucket holding the value of rank `rank` (0-based, < total) in increasing order of
    // index, or in decreasing order when `descending`.
    std::int64_t bucket_of_rank(std::uint64_t rank, bool descending) const;
    // The occupied range only: leading and trailing empty buckets are not written. load refuses
    // buckets outside [-widest, widest] (no double has them) and more counts than bytes left.
    void save(ByteWriter& out) const;
    void load(ByteReader& in, std::int64_t widest);

   private:
    void cover(std::int64_t lo, std::int64_t hi);
    std::vector<std::uint64_t> counts_;
    std::int64_t offset_ = 0;
    std::uint64_t total_ = 0;
  };

  // Buckets per power of two and, for the mantissa m in [1, 2): the part of the low edge of each
  // of the 4,096 cells of equal width, and the parts' bounds 2^(j/K), j = 0..K. Shared by every
  // sketch of the same K (immutable).
  struct Octave {
    int parts = 0;
    std::vector<std::uint32_t> first;
    std::vector<double> bound;
  };
  static const Octave& octave(int parts);

  std::int64_t index_of(double magnitude) const;
  double value_of(std::int64_t index) const;

  double alpha_;
  const Octave* octave_;
  Store positive_, negative_;
  std::uint64_t zero_ = 0, undefined_ = 0;
  double min_ = std::numeric_limits<double>::infinity(), max_ = -std::numeric_limits<double>::infinity();
};

}  // namespace labsim::explore
