#include "labsim/series.hpp"

#include <cassert>
#include <cmath>

#include "model/growth.hpp"
#include "model/pow_memo.hpp"

namespace labsim {

Series Series::constant(double value) {
  Series s;
  s.points.emplace_back(0, value);
  return s;
}

double Series::at(int year) const {
  assert(!points.empty());
  if (year <= points.front().first) return points.front().second;
  for (size_t i = 1; i < points.size(); ++i) {
    auto [y1, v1] = points[i];
    if (year == y1) return v1;
    if (year < y1) {
      auto [y0, v0] = points[i - 1];
      double t = static_cast<double>(year - y0) / (y1 - y0);
      if (log_linear && v0 > 0 && v1 > 0) return v0 * model::pow_memo(v1 / v0, t);
      return v0 + (v1 - v0) * t;
    }
  }
  auto [last_year, last] = points.back();
  return last * model::growth(growth_factor, year - last_year);
}

}  // namespace labsim
