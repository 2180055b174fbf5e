// Probability distributions of uncertain scenario inputs, in the input's model units (USD,
// fractions, growth factors, years ...). Sampling is by inverse CDF: every sampler (random,
// Latin hypercube, Sobol) produces points of the unit cube and `quantile` maps them to values.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "labsim/uncertain.hpp"

namespace labsim::stats {

using labsim::DistKind;  // defined with DistSpec in labsim/uncertain.hpp
using labsim::DistSpec;

// Name used in scenarios and messages: "normal", "lognormal", ...
const char* to_string(DistKind kind);

// A checked distribution, ready for fast repeated sampling.
class Distribution {
 public:
  // Throws std::invalid_argument with a message for users ("the standard deviation must be
  // positive, found -0.05"; "min 0.5 is above max 0.2"; "the range [min, max] holds no
  // probability") when `spec` is not a valid distribution.
  explicit Distribution(DistSpec spec) : Distribution(std::move(spec), Use::kSampling) {}

  // What the distribution is built for: kNominal checks it and finds its nominal value without
  // the sampling tables (a PERT table takes milliseconds to build; loading a scenario needs
  // only the check and the nominal value). quantile() stays correct either way, only slower.
  enum class Use { kSampling, kNominal };
  Distribution(DistSpec spec, Use use);

  const DistSpec& spec() const { return spec_; }

  // The value a deterministic run uses: the median (normal, lognormal, uniform) or the mode
  // (triangular, pert, choice: the value of largest weight, the first on ties), moved into
  // [min, max] when truncation excludes it. Precisely, the median or mode of the truncated
  // distribution: the median of normal(0, 1) on [0, inf) is 0.674; a mode outside [min, max]
  // becomes the nearer bound; a choice takes the largest weight among the values in range.
  double nominal() const { return nominal_; }

  // The value at cumulative probability u of the (truncated) distribution. u is in (0, 1);
  // values of u at or beyond the ends are clamped to the support. Allocates nothing; for
  // kChoice returns one of the values (a step function of u).
  double quantile(double u) const;

  // Cumulative probability of x under the (truncated) distribution, in [0, 1].
  double cdf(double x) const;

  // Notes on the contract above:
  //  - Quantiles come from Boost.Math with a policy that ignores errors, so quantile() and cdf()
  //    never throw nor set errno; u is first clamped to [2^-54, 1 - 2^-53], the range the
  //    samplers produce, so every quantile is finite.
  //  - kPert interpolates a table of the untruncated beta quantile that the constructor builds
  //    with Boost (4098 nodes, 64 KB, about 5 ms): about 8 ns a quantile, within 1e-11 x
  //    (high - low) of Boost's quantile (6e-12 at worst), non-decreasing in u. Truncation maps
  //    u onto [F(min), F(max)] first, as for the other kinds. Where the untruncated probability
  //    of the nearer tail is below 2^-17, it calls Boost's quantile (about 2 us) instead; there,
  //    as before, adjacent doubles u may give values an ulp out of order.
  //  - kChoice sorts its values: quantile(u) is non-decreasing in u. Truncation keeps the
  //    values inside [min, max] with their relative weights.

 private:
  // A continuous kind is loc + scale * X with X a Boost distribution of parameters (a, b, c);
  // its density is zero outside [support_lo, support_hi].
  struct Base {
    double a = 0, b = 0, c = 0;
    double loc = 0, scale = 1;
    double support_lo = 0, support_hi = 0;
  };
  void init_continuous(Use use);
  void init_choice();
  // Untruncated P(X <= x), or P(X > x) when `survival`.
  double base_cdf(double x, bool survival) const;
  // kPert: a node of the table of the standard beta's quantile z against t, the probability of
  // the tail nearer to z (see distribution.cpp).
  struct PertNode {
    double z = 0;
    double dz_dt = 0;  // 1 / pdf(z) in the lower tail, -1 / pdf(z) in the upper tail
  };
  void init_pert_table();
  // kPert: the untruncated quantile of the standard beta at P(X <= z) = p, or at P(X > z) = p
  // when `survival`; p in [DBL_MIN, 1).
  double pert_quantile(double p, bool survival) const;

  DistSpec spec_;
  double nominal_ = 0;
  Base base_;
  // Untruncated CDF at min and max; with upper_tail_ (the range lies in the upper half) the
  // survival function at min and max instead, for precision far in the upper tail.
  double p_lo_ = 0, p_hi_ = 1;
  bool upper_tail_ = false;
  std::vector<double> values_;        // kChoice: the values, sorted
  std::vector<double> cumulative_;    // kChoice: cumulative normalised weights
  std::size_t first_ = 0, last_ = 0;  // kChoice: values_[first_..last_] lie in [min, max]
  std::vector<PertNode> pert_table_;  // kPert: the lower tail's nodes, then the upper tail's
};

}  // namespace labsim::stats
