#include "engine_invariants.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "labsim/engine.hpp"

namespace labsim {

namespace {

bool close(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)}); }

[[noreturn]] void fail(const Institution& inst, int year, const std::string& what) {
  throw InvariantError(fmt::format("internal error: invariant broken for '{}' in {}: {}", inst.id, year, what));
}

}  // namespace

void check_year_invariants(const Scenario& s, const Institution& inst, int year, const model::BudgetPlan& plan,
                           const model::TalentYear& talent, const model::FleetYear& fleet,
                           const model::Throughput& tp, const model::Closing& closing) {
  double inflow = plan.revenue_usd + plan.carry_in_usd + talent.shortfall_usd + fleet.shortfall_usd;
  double outflow = talent.spent_usd() + fleet.spent_usd() + closing.carry_out_usd + closing.lapsed_usd;
  if (!close(inflow, outflow))
    fail(inst, year, fmt::format("money does not balance: in {} != out {}", inflow, outflow));
  for (size_t r = 0; r < talent.end.size(); ++r) {
    double expected = talent.start[r] + talent.hires[r] - talent.departures[r] - talent.graduates[r];
    if (!close(talent.end[r], expected) || talent.end[r] < -1e-9 || talent.hires[r] < 0 ||
        talent.departures[r] < 0 || talent.graduates[r] < 0)
      fail(inst, year, fmt::format("people not conserved for {}", to_string(static_cast<Role>(r))));
  }
  if (fleet.owned_gpu_hours > fleet.owned_gpus * model::kHoursPerYear * (1 + 1e-12))
    fail(inst, year, "owned GPU-hours exceed the owned GPUs' hours in the year");
  if (fleet.capex_usd > plan.compute_usd * (1 + 1e-12) + 1e-6)
    fail(inst, year, "purchases exceed the compute envelope");
  for (double v : {inflow, outflow, tp.effective_flop, tp.gpu_hours, tp.largest_run_flop, fleet.gpus})
    if (!std::isfinite(v) || v < -1e-6) fail(inst, year, "a value is negative or not finite");
  // The largest run is at most a whole year of the owned fleet's peak plus every rented and
  // allocated hour, at the institution's MFU.
  double other_hours = std::max(0.0, tp.h100_hours - fleet.owned_h100_hours);
  double whole_year = (fleet.owned_run_peak_flops * model::kHoursPerYear + other_hours * reference_peak_flops(s)) *
                      3600 * inst.operations.mfu;
  if (tp.largest_run_flop > whole_year * (1 + 1e-9))
    fail(inst, year, "the largest run exceeds a whole year of the whole fleet");
  const LargestRun& run = inst.largest_run;
  if (run.power_cap_gw && tp.largest_run_power_w > run.power_cap_gw->at(year) * 1e9 * (1 + 1e-9))
    fail(inst, year, "the largest run draws more power than its cap");
}

void check_frontier_invariants(const Scenario& s, int year, double frontier_flop, std::span<const double> runs) {
  for (size_t i = 0; i < runs.size(); ++i)
    if (runs[i] > frontier_flop)
      fail(s.institutions[i], year, fmt::format("its largest run {} exceeds the frontier {}", runs[i], frontier_flop));
}

}  // namespace labsim
