// The fleet stage's cost helpers, shared by its sources (fleet.cpp, fleet_offer.cpp,
// fleet_cuts.cpp): prices, power and upkeep of one GPU, and the years a purchase serves.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>

#include "model/fleet.hpp"

namespace labsim::model {

inline const Series* price_series(const Accelerator& a, bool cloud) {
  const auto& s = cloud ? a.cloud_usd_per_hour : a.price_usd;
  return s ? &*s : nullptr;
}

// The price of part `i` (which has a price series of that kind) in the year of `prices`.
inline double price_of(const Scenario& s, const FleetPrices& prices, std::size_t i, bool cloud) {
  if (prices.parts) return cloud ? prices.parts->cloud_usd_per_hour[i] : prices.parts->owned_usd[i];
  return price_series(s.catalog.parts[i], cloud)->at(prices.year);
}

inline bool pays_power(const Institution& inst) {
  return inst.kind != InstitutionKind::kUniversity || inst.procurement.power_paid_by_lab;
}

// Yearly power cost of one owned GPU to the lab, direct (0 when the institution pays it).
inline double power_per_gpu(const Institution& inst, const Scenario& s, double tdp_w, double electricity_usd_per_kwh) {
  if (!pays_power(inst)) return 0;
  double kw = facility_power_w(s, tdp_w) / 1000;
  return kw * kHoursPerYear * inst.operations.availability * electricity_usd_per_kwh;
}

// Yearly running cost of one owned GPU, direct: power (when the lab pays it) and maintenance.
inline double opex_per_gpu(const Institution& inst, const Scenario& s, double tdp_w, double capex_per_gpu,
                    double electricity_usd_per_kwh) {
  double power = power_per_gpu(inst, s, tdp_w, electricity_usd_per_kwh);
  return power + inst.procurement.maintenance_rate * capex_per_gpu;
}

// Years an owned cohort serves: its lifetime rounded to whole years, at least one.
inline int service_years(double lifetime_years) {
  return std::max(1, static_cast<int>(std::lround(lifetime_years)));
}

inline int retire_after(int acquired, double lifetime_years) { return acquired + service_years(lifetime_years); }

// Share of its first year a purchase serves and costs, after commissioning.
inline double commissioned_share(const Procurement& p) { return 1 - p.commissioning_months / 12; }

// Years a purchase serves, Y = L' - 1 + q: its rounded lifetime less commissioning.
inline double served_years(const Procurement& p) {
  return service_years(p.lifetime_years) - 1 + commissioned_share(p);
}

}  // namespace labsim::model
