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

void check_year_invariants(const Scenario& s, const Institution& inst, int year,
                           const model::BudgetPlan& plan, const model::TalentYear& talent,
                           const model::FleetYear& fleet, const model::Throughput& tp,
                           const model::Closing& closing, double allocated_h100_hours) {
  double inflow = plan.revenue_usd + plan.carry_in_usd + talent.shortfall_usd + fleet.shortfall_usd;
  double outflow = talent.personnel_direct_usd + talent.indirect_usd + fleet.capex_usd + fleet.opex_usd +
                   fleet.cloud_usd + fleet.indirect_usd + closing.carry_out_usd + closing.lapsed_usd;
  if (!close(inflow, outflow))
    fail(inst, year, fmt::format("money does not balance: in {} != out {}", inflow, outflow));
  for (size_t r = 0; r < talent.end.size(); ++r) {
    double expected = talent.start[r] + talent.hires[r] - talent.departures[r] - talent.graduates[r];
    if (!close(talent.end[r], expected) || talent.end[r] < -1e-9 || talent.hires[r] < 0 ||
        talent.departures[r] < 0 || talent.graduates[r] < 0)
      fail(inst, year, fmt::format("people not conserved for {}", to_string(static_cast<Role>(r))));
  }
  if (fleet.owned_gpu_hours > fleet.gpus * model::kHoursPerYear * (1 + 1e-12))
    fail(inst, year, "owned GPU-hours exceed the fleet's hours");
  double ref_peak = s.catalog.parts[static_cast<size_t>(s.hardware.reference)].bf16_flops;
  double rented_peak = (fleet.rented_h100_hours + allocated_h100_hours) / model::kHoursPerYear * ref_peak;
  double year_of_fleet = (fleet.owned_run_peak_flops + rented_peak) * inst.operations.mfu * 365 * 86400;
  if (tp.largest_run_flop > year_of_fleet * (1 + 1e-12))
    fail(inst, year, "the largest run exceeds a year of the whole fleet");
  if (fleet.capex_usd > plan.compute_usd * (1 + 1e-12) + 1e-6)
    fail(inst, year, "purchases exceed the compute envelope");
  for (double v : {inflow, outflow, tp.effective_flop, tp.gpu_hours, tp.largest_run_flop, fleet.gpus})
    if (!std::isfinite(v) || v < -1e-6) fail(inst, year, "a value is negative or not finite");
}

}  // namespace labsim
