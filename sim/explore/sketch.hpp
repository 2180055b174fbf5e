// Streaming quantiles with a stated relative accuracy (a DDSketch-style logarithmic histogram).
// Memory grows with the spread of the values (log range / accuracy), never with their number.
// Merging adds integer counts, so the result does not depend on the order values arrive in.
#pragma once

#include <cstddef>
#include <cstdint>

namespace labsim::explore {

class QuantileSketch {
 public:
  // `relative_accuracy` alpha in (0, 0.1]: every quantile returned is within a factor
  // (1 ± alpha) of a value whose rank is the requested one.
  explicit QuantileSketch(double relative_accuracy = 0.005);

  // Adds one value; NaN and infinities are counted as undefined and otherwise ignored.
  void add(double x);
  // Adds all values of `other` (which must have the same accuracy).
  void merge(const QuantileSketch& other);

  std::uint64_t count() const;       // defined values added
  std::uint64_t undefined() const;   // NaN / infinite values added
  // The q-quantile (0 <= q <= 1) of the defined values: an estimate of the order statistic of
  // rank floor(q * (count - 1)), within the relative accuracy. NaN when count() == 0.
  double quantile(double q) const;
};

}  // namespace labsim::explore
