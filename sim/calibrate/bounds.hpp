// The bounds of a fitted input and the change of variable that keeps a search inside them.
#pragma once

#include <limits>
#include <string>
#include <vector>

namespace labsim::fitting {

inline constexpr double kInf = std::numeric_limits<double>::infinity();

// An input x searched through an unbounded z: x = lo + (hi − lo)(sin z + 1)/2 with both bounds,
// lo − 1 + sqrt(z² + 1) or hi + 1 − sqrt(z² + 1) with one (MINUIT's transformations), x = z with
// none. A positive start whose range is non-negative and spans three decades or more is searched
// in log x instead (down to 1e-12 of the start when the range starts at 0), so that 1e-4 and 0.1,
// or $40k and $40M, are equally easy to reach.
class Bounded {
 public:
  Bounded() = default;
  // `start` decides between a linear and a logarithmic search; it must lie in [lower, upper].
  Bounded(double lower, double upper, double start);

  double lower() const { return lower_; }
  double upper() const { return upper_; }
  double to_x(double z) const;
  // A start on a bound is moved just inside (1e-9 of the range, or of 1), where the slope is not
  // 0; any other start is kept as it is.
  double to_z(double x) const;
  // Whether x is within 1e-4 of the searched range's width (in log x for a log search) of one of
  // its ends: the change of variable flattens there, so a fit approaches a bound slowly.
  bool at_bound(double x) const;

 private:
  double lower_ = -kInf, upper_ = kInf;
  bool log_ = false;
  double lo_ = -kInf, hi_ = kInf;  // the searched range: [lower, upper], or its logs
};

// The bounds of each of `paths` (key ranges [lower, upper]) narrowed by "key.path=LO:HI" specs.
// Throws InputError for a malformed spec, a path not being fitted, or bounds outside the key's
// range (the fitted value must be one the scenario format accepts).
void apply_bound_specs(const std::vector<std::string>& specs, const std::vector<std::string>& paths,
                       std::vector<double>& lower, std::vector<double>& upper);

}  // namespace labsim::fitting
