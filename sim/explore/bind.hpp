// Numbers of a loaded Scenario addressed by key path, to change between runs without reloading.
// A path names a number exactly as the loader does: "economy.pue",
// "institutions.campus.operations.mfu", "institutions.campus.people.phd.salary",
// "institutions.campus.funding.NSF grant.amount", "institutions.campus.fleet[0].count",
// "market.industry_comp.2030" (a point of a series), "market.industry_comp.growth",
// "hardware.catalog.H100-SXM.price_usd.2024".
#pragma once

#include <cmath>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "io/units.hpp"
#include "labsim/scenario.hpp"

namespace labsim::explore {

struct Field {
  std::string path;
  io::Quantity quantity = io::Quantity::kNumber;  // how the value is written (units, range)
  bool per_year_money = false;  // a funding amount written per year ("1.5M/yr")
  double* value = nullptr;      // where the number lives in the bound Scenario
  double scale = 1;             // stored value = written value x scale (bf16_tflops: 1e12)
  bool whole = false;           // GPU counts are whole: stored as floor(value)
  std::vector<double*> followers;  // stored as 1 + value (salary growth left to follow inflation)
  // Where the key narrows its quantity's range (io::domain) with a check of its own, in written
  // units: economy.pue in [1, 5], largest_run.days at most 365, ... (±inf: no narrowing).
  double lower = -std::numeric_limits<double>::infinity();
  double upper = std::numeric_limits<double>::infinity();
};

// The number at `path` in `s`. The Field points into `s`: it is valid while `s` lives and its
// lists keep their sizes. Throws InputError (path, what was expected, a did-you-mean hint) when
// no number lives at `path` or it cannot vary (years, replicas, schedules, allocation shares).
Field bind_field(Scenario& s, std::string_view path);

// Every path bind_field accepts for `s`, in scenario order (for hints, docs and tests).
std::vector<std::string> field_paths(const Scenario& s);

// Stores `value` (in written units) at the field. Allocates nothing.
inline void set_field(const Field& f, double value) {
  double stored = value * f.scale;
  *f.value = f.whole ? std::floor(stored) : stored;
  for (double* follower : f.followers) *follower = 1 + value;
}

// The value at the field, in written units.
inline double get_field(const Field& f) { return *f.value / f.scale; }

}  // namespace labsim::explore
