#include "engine_invariants.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "labsim/engine.hpp"

namespace labsim {

namespace {

bool close(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)}); }

// Money balances to a relative 1e-9, or within a cent: amounts below a cent are rounding
// (model::kDustUsd), such as the rounding share a cut leaves when it stops nearly everything.
bool balances(double in, double out) {
  return std::fabs(in - out) <= std::max(model::kDustUsd, 1e-9 * std::max(std::fabs(in), std::fabs(out)));
}

// A number in an invariant's message, exactly (17 significant digits). The engine uses no
// formatting library: it builds for WebAssembly with nothing but the standard library.
std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

[[noreturn]] void fail(const Institution& inst, int year, const std::string& what) {
  throw InvariantError("internal error: invariant broken for '" + inst.id + "' in " + std::to_string(year) + ": " + what);
}

}  // namespace

void check_year_invariants(const Scenario& s, const Institution& inst, int year, const model::BudgetPlan& plan,
                           const model::TalentYear& talent, const model::FleetYear& fleet,
                           const model::Throughput& tp, const model::Closing& closing) {
  double drawn = talent.reserves_usd + fleet.reserves_usd;
  double inflow = plan.revenue_usd + plan.carry_in_usd + drawn;
  double outflow = talent.spent_usd() + fleet.spent_usd() + closing.carry_out_usd + closing.lapsed_usd;
  if (!balances(inflow, outflow))
    fail(inst, year, "money does not balance: in " + num(inflow) + " != out " + num(outflow));
  double left = plan.reserves_usd - drawn;
  if (talent.reserves_usd < 0 || fleet.reserves_usd < 0 || closing.reserves_usd < 0 ||
      !close(closing.reserves_usd, left < model::kDustUsd ? 0 : left) || !(drawn <= plan.reserves_usd * (1 + 1e-12)))
    fail(inst, year, "reserves: " + num(plan.reserves_usd) + " at the start, " + num(drawn) + " drawn, " +
                                 num(closing.reserves_usd) + " at the end");
  for (size_t r = 0; r < inst.people.size(); ++r) {
    double expected = talent.start[r] + talent.hires[r] - talent.departures[r] - talent.graduates[r] - talent.cut[r];
    if (!close(talent.end[r], expected) || talent.end[r] < -1e-9 || talent.hires[r] < 0 ||
        talent.departures[r] < 0 || talent.graduates[r] < 0 || talent.cut[r] < 0)
      fail(inst, year, std::string("people not conserved for ") + to_string(inst.people[r].role));
  }
  if (fleet.gpus_idle > fleet.owned_gpus || fleet.gpus_idle < 0 || fleet.gpus_retired_early < 0 ||
      fleet.unfunded_usd < 0 || talent.unfunded_usd < 0)
    fail(inst, year, "cuts: negative, or more GPUs idle than owned");
  if (fleet.owned_gpu_hours > fleet.owned_gpus * model::kHoursPerYear * (1 + 1e-12))
    fail(inst, year, "owned GPU-hours exceed the owned GPUs' hours in the year");
  if (fleet.capex_usd > plan.compute_usd * (1 + 1e-12) + 1e-6)
    fail(inst, year, "purchases exceed the compute envelope");
  for (double v : {inflow, outflow, tp.effective_flop, tp.gpu_hours, tp.largest_run_flop, fleet.gpus,
                   closing.reserves_usd, talent.unfunded_usd + fleet.unfunded_usd})
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
      fail(s.institutions[i], year, "its largest run " + num(runs[i]) + " exceeds the frontier " + num(frontier_flop));
}

}  // namespace labsim
