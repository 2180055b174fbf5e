// Probability distributions of uncertain scenario inputs, in the input's model units (USD,
// fractions, growth factors, years ...). Sampling is by inverse CDF: every sampler (random,
// Latin hypercube, Sobol) produces points of the unit cube and `quantile` maps them to values.
#pragma once

#include <limits>
#include <string>
#include <vector>

namespace labsim::explore {

enum class DistKind {
  kNormal,      // params: mean, standard deviation (> 0)
  kLognormal,   // params: median (> 0), factor = geometric standard deviation exp(sigma) (> 1)
  kUniform,     // params: low, high (low < high)
  kTriangular,  // params: low, mode, high (low <= mode <= high, low < high)
  kPert,        // params: low, mode, high; beta-PERT with shape 4 (Vose 2008)
  kChoice,      // params: the values; weights: their relative weights (> 0), same length
};

// Name used in scenarios and messages: "normal", "lognormal", ...
const char* to_string(DistKind kind);

struct DistSpec {
  DistKind kind = DistKind::kUniform;
  std::vector<double> params;
  std::vector<double> weights;  // kChoice only; empty means equal weights
  double min = -std::numeric_limits<double>::infinity();  // truncation, inclusive
  double max = std::numeric_limits<double>::infinity();
};

// A checked distribution, ready for fast repeated sampling.
class Distribution {
 public:
  // Throws std::invalid_argument with a message for users ("the standard deviation must be
  // positive, found -0.05"; "min 0.5 is above max 0.2"; "the range [min, max] holds no
  // probability") when `spec` is not a valid distribution.
  explicit Distribution(DistSpec spec);

  const DistSpec& spec() const { return spec_; }

  // The value a deterministic run uses: the median (normal, lognormal, uniform) or the mode
  // (triangular, pert, choice: the value of largest weight, the first on ties), moved into
  // [min, max] when truncation excludes it.
  double nominal() const { return nominal_; }

  // The value at cumulative probability u of the (truncated) distribution. u is in (0, 1);
  // values of u at or beyond the ends are clamped to the support. Allocates nothing; for
  // kChoice returns one of the values (a step function of u).
  double quantile(double u) const;

  // Cumulative probability of x under the (truncated) distribution, in [0, 1].
  double cdf(double x) const;

 private:
  DistSpec spec_;
  double nominal_ = 0;
  double p_lo_ = 0, p_hi_ = 1;            // untruncated CDF at min and max
  std::vector<double> cumulative_;         // kChoice: cumulative normalised weights
};

}  // namespace labsim::explore
