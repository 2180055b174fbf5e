// The scenario the fleet-stage tests work their figures by hand from.
#pragma once

#include "labsim/loader.hpp"

namespace labsim::test {

// The built-in catalog, 2024-2034, with round economy figures: 0.10 USD/kWh, PUE 1.25, server
// power factor 1.82, no inflation, price-performance doubling every 2.5 years.
inline Scenario round_economy_scenario() {
  Scenario s = labsim::default_scenario();
  s.first_year = 2024;
  s.last_year = 2034;
  s.economy.electricity_usd_per_kwh = 0.10;
  s.economy.pue = 1.25;
  s.economy.server_power_factor = 1.82;
  s.economy.inflation_rate = 0;
  s.hardware.price_performance_doubling_years = 2.5;
  return s;
}

}  // namespace labsim::test
