// Tornado design and bars. Morris is in sensitivity_morris.cpp, Sobol in sensitivity_sobol.cpp.
#include "explore/sensitivity.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace labsim::explore {

namespace {

bool in_unit_interval(double u) { return u >= 0 && u <= 1; }  // false for NaN

// Sort key: a NaN swing (the model failed at an end point) ranks below every real swing, which
// keeps the order strict-weak and puts the failures at the bottom of the chart.
double swing_rank(const TornadoBar& b) { return std::isnan(b.swing) ? -1.0 : b.swing; }

}  // namespace

Design tornado_design(std::span<const double> nominal_u, double low_q, double high_q) {
  if (!in_unit_interval(low_q) || !in_unit_interval(high_q) || !(low_q < high_q))
    throw std::invalid_argument("tornado_design: need 0 <= low_q < high_q <= 1, found low_q " +
                                std::to_string(low_q) + ", high_q " + std::to_string(high_q));
  if (!std::all_of(nominal_u.begin(), nominal_u.end(), in_unit_interval))
    throw std::invalid_argument("tornado_design: nominal points must lie in [0, 1]");
  Design d;
  d.dims = static_cast<int>(nominal_u.size());
  const std::size_t dims = nominal_u.size();
  d.points.reserve((1 + 2 * dims) * dims);
  for (std::size_t row = 0; row < 1 + 2 * dims; ++row)
    d.points.insert(d.points.end(), nominal_u.begin(), nominal_u.end());
  for (std::size_t j = 0; j < dims; ++j) {
    d.points[(1 + 2 * j) * dims + j] = low_q;
    d.points[(2 + 2 * j) * dims + j] = high_q;
  }
  return d;
}

std::vector<TornadoBar> tornado_bars(int dims, std::span<const double> y) {
  if (dims < 0 || y.size() != 1 + 2 * static_cast<std::size_t>(dims))
    throw std::invalid_argument("tornado_bars: expected 1 + 2 x " + std::to_string(dims) +
                                " outputs, found " + std::to_string(y.size()));
  std::vector<TornadoBar> bars(static_cast<std::size_t>(dims));
  for (std::size_t j = 0; j < bars.size(); ++j) {
    TornadoBar& b = bars[j];
    b.input = static_cast<int>(j);
    b.low = y[1 + 2 * j];
    b.high = y[2 + 2 * j];
    b.swing = std::abs(b.high - b.low);
  }
  // Stable sort keeps the lower input first among equal swings.
  std::stable_sort(bars.begin(), bars.end(),
                   [](const TornadoBar& a, const TornadoBar& b) { return swing_rank(a) > swing_rank(b); });
  return bars;
}

}  // namespace labsim::explore
