// Growth over whole years, shared by series, streams, salaries and prices.
#pragma once

#include <cmath>

#include "labsim/scenario.hpp"
#include "model/pow_memo.hpp"

namespace labsim::model {

// factor^years, exactly as std::pow(factor, years) computes it. Without growth (factor 1) or
// over no years the result is exactly 1 (C Annex F: pow(+1, y) = pow(x, ±0) = 1), which is
// returned without the cost of calling std::pow: most series and streams do not grow; the rest
// are remembered (pow_memo).
inline double growth(double factor, int years) {
  if (factor == 1 || years == 0) return 1;
  return pow_memo(factor, years);
}

// Growth by inflation from the first simulated year to `year`, (1 + inflation)^(year − first).
// Electricity prices grow by it, and so do salaries and tuition unless a role sets its own
// `salary_growth`; the engine raises it once a year for all of them.
inline double inflation_growth(const Scenario& s, int year) {
  return growth(1 + s.economy.inflation_rate, year - s.first_year);
}

}  // namespace labsim::model
