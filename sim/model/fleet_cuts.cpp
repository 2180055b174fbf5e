// Cutting the fleet when neither the year's funds nor the reserves pay its running costs
// (docs/model.md, "Reserves and cuts").
#include <algorithm>
#include <climits>
#include <cmath>

#include "model/fleet.hpp"

namespace labsim::model {

namespace {

bool owned(const LiveCohort& c) { return c.ownership == Ownership::kOwned; }

// The earliest acquired year, at `from` or later, of a cohort in service in `year` with GPUs
// left and the ownership asked for; INT_MAX when there is none.
int oldest_from(const std::vector<LiveCohort>& cohorts, int year, bool is_owned, int from) {
  int oldest = INT_MAX;
  for (const LiveCohort& c : cohorts)
    if (c.in_service(year) && owned(c) == is_owned && c.count > 0 && c.acquired_year >= from)
      oldest = std::min(oldest, c.acquired_year);
  return oldest;
}

// Takes `n` GPUs of `c` out of service for good from `year`; its capex falls with them, so the
// maintenance of each GPU left stays the same.
void retire(LiveCohort& c, double n, int year) {
  if (n <= 0) return;
  c.capex_usd = n < c.count ? c.capex_usd * (c.count - n) / c.count : 0;
  c.count -= n;
  if (c.count <= 0) c.count = 0, c.retire_year = year;
}

void idle(LiveCohort& c, double n, int year) {
  c.idle = n;
  c.idle_year = year;
}

// Whole GPUs of `count` whose cost `each` covers `usd`, at most `count`: floor(usd / each), one
// more when that is a whole number only up to rounding.
double whole_gpus(double usd, double each, double count) {
  double exact = usd / each, n = std::min(count, std::floor(exact));
  return n < count && exact - n > 1 - 1e-9 ? n + 1 : n;
}

// Stops GPUs of one cohort until `left` (direct USD still to cut) is covered or the cohort is
// used up: whole GPUs retired, each saving its whole running cost, then the last one idled when
// its power covers what is left, else retired too. GPUs that cost nothing to keep (no
// maintenance) are idled, never retired: retiring them would save nothing more.
void cut_cohort(LiveCohort& c, const GpuCost& cost, int year, double tolerance, double& left, FleetCuts& cuts) {
  double whole = cost.power_usd + cost.other_usd;
  if (whole <= 0) return;  // stopping it saves nothing
  if (owned(c) && cost.other_usd <= 0) {
    double n = whole_gpus(left, whole, c.count);
    if (n < c.count && left - n * whole > tolerance) n += 1;
    idle(c, n, year);
    cuts.idle += n;
    cuts.saved_usd += n * whole;
    left -= n * whole;
    return;
  }
  double n = whole_gpus(left, whole, c.count);
  retire(c, n, year);
  cuts.retired += n;
  cuts.saved_usd += n * whole;
  left -= n * whole;
  if (left <= tolerance || c.count <= 0) return;
  if (cost.power_usd >= left) {
    idle(c, 1, year);
    cuts.idle += 1;
    cuts.saved_usd += cost.power_usd;
    left -= cost.power_usd;
  } else {
    retire(c, 1, year);
    cuts.retired += 1;
    cuts.saved_usd += whole;
    left -= whole;
  }
}

}  // namespace

FleetCuts cut_fleet(const Institution& inst, const Scenario& s, const FleetPrices& prices, double usd,
                    std::vector<LiveCohort>& cohorts) {
  FleetCuts cuts;
  const int year = prices.year;
  const double tolerance = 1e-12 * usd;  // what is left below this is rounding
  double left = usd;
  // Rentals first: per hour they cost far more than running a GPU already bought.
  for (bool is_owned : {false, true}) {
    for (int from = INT_MIN; left > tolerance;) {
      int oldest = oldest_from(cohorts, year, is_owned, from);
      if (oldest == INT_MAX) break;
      for (LiveCohort& c : cohorts)
        if (left > tolerance && c.in_service(year) && owned(c) == is_owned && c.acquired_year == oldest)
          cut_cohort(c, gpu_running_cost(inst, s, prices, c), year, tolerance, left, cuts);
      from = oldest + 1;
    }
  }
  return cuts;
}

}  // namespace labsim::model
