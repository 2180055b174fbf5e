// A yearly series given by points and an optional growth rate after the last one.
#pragma once

#include <utility>
#include <vector>

namespace labsim {

// Points (year, value) in increasing year order, plus a growth factor per year that applies
// after the last point. Example: industry pay {2020: 256k, 2023: 335,250, growth: 4%/yr} has
// points {(2020, 256000), (2023, 335250)} and growth_factor 1.04.
struct Series {
  std::vector<std::pair<int, double>> points;  // sorted by year, unique years
  double growth_factor = 1.0;                   // multiplier per year after the last point
  // Between points: false, a straight line; true, a straight line in the logarithm (a constant
  // growth rate), for quantities that grow multiplicatively (pay, prices, training compute,
  // power). A log-linear segment with a point at or below 0 falls back to a straight line.
  bool log_linear = false;

  // A series with a single constant value.
  static Series constant(double value);

  // The value in `year`: the first point's value before it; interpolation between points
  // (linear or log-linear, `log_linear`); last × growth_factor^(year − last year) after the
  // last point.
  // Requires at least one point.
  double at(int year) const;

  bool operator==(const Series&) const = default;
};

}  // namespace labsim
