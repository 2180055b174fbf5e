#include "engine_invariants.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "labsim/engine.hpp"

namespace labsim {

using model::lane_of;

namespace {

inline bool finite_of(double x) { return std::isfinite(x); }

// Equal to a relative 1e-9 (or 1e-9 absolute near 0), per lane.
template <class R>
auto close(const R& a, const R& b) {
  using model::abs_of, model::max_of;
  return abs_of(a - b) <= R(1e-9) * max_of(max_of(R(1.0), abs_of(a)), abs_of(b));
}

// Money balances to a relative 1e-9, or within a cent: amounts below a cent are rounding
// (model::kDustUsd), such as the rounding share a cut leaves when it stops nearly everything.
template <class R>
auto balances(const R& in, const R& out) {
  using model::abs_of, model::max_of;
  return abs_of(in - out) <= max_of(R(model::kDustUsd), R(1e-9) * max_of(abs_of(in), abs_of(out)));
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

template <class R>
void check_year_invariants(const Scenario* const* s, const Institution* const* inst, int year,
                           const model::BudgetPlanT<R>& plan, const model::TalentYearT<R>& talent,
                           const model::FleetYear* fleet, const model::Throughput* tp,
                           const model::ClosingT<R>& closing) {
  using model::select;
  // Fails in the first lane where `broken` is on, with message(lane).
  auto check = [&](const auto& broken, auto message) {
    if (!model::any(broken)) return;
    for (int l = 0; l < model::kLanesOf<R>; ++l)
      if (lane_of(broken, l)) fail(*inst[l], year, message(l));
  };
  const R fleet_reserves = model::gather<R>([&](int l) { return fleet[l].reserves_usd; });
  const R drawn = talent.reserves_usd + fleet_reserves;
  const R inflow = plan.revenue_usd + plan.carry_in_usd + drawn;
  const R outflow = talent.spent_usd() + model::gather<R>([&](int l) { return fleet[l].spent_usd(); }) + closing.carry_out_usd +
                    closing.lapsed_usd;
  check(!balances(inflow, outflow), [&](int l) {
    return "money does not balance: in " + num(lane_of(inflow, l)) + " != out " + num(lane_of(outflow, l));
  });
  const R left = plan.reserves_usd - drawn;
  check(talent.reserves_usd < R(0) || fleet_reserves < R(0) || closing.reserves_usd < R(0) ||
            !close(closing.reserves_usd, select(left < R(model::kDustUsd), R(0), left)) ||
            !(drawn <= plan.reserves_usd * R(1 + 1e-12)),
        [&](int l) {
          return "reserves: " + num(lane_of(plan.reserves_usd, l)) + " at the start, " + num(lane_of(drawn, l)) + " drawn, " +
                 num(lane_of(closing.reserves_usd, l)) + " at the end";
        });
  const Institution& shape = *inst[0];
  for (size_t r = 0; r < shape.people.size(); ++r) {
    const R expected = talent.start[r] + talent.hires[r] - talent.departures[r] - talent.graduates[r] - talent.cut[r];
    check(!close(talent.end[r], expected) || talent.end[r] < R(-1e-9) || talent.hires[r] < R(0) ||
              talent.departures[r] < R(0) || talent.graduates[r] < R(0) || talent.cut[r] < R(0),
          [&](int) { return std::string("people not conserved for ") + to_string(shape.people[r].role); });
  }
  // The fleet's and the largest run's rules, lane by lane (their numbers are per lane already).
  for (int l = 0; l < model::kLanesOf<R>; ++l) {
    const model::FleetYear& f = fleet[l];
    const model::Throughput& t = tp[l];
    const Institution& in = *inst[l];
    if (f.gpus_idle > f.owned_gpus || f.gpus_idle < 0 || f.gpus_retired_early < 0 || f.unfunded_usd < 0 ||
        lane_of(talent.unfunded_usd, l) < 0)
      fail(in, year, "cuts: negative, or more GPUs idle than owned");
    if (f.owned_gpu_hours > f.owned_gpus * model::kHoursPerYear * (1 + 1e-12))
      fail(in, year, "owned GPU-hours exceed the owned GPUs' hours in the year");
    if (f.capex_usd > lane_of(plan.compute_usd, l) * (1 + 1e-12) + 1e-6) fail(in, year, "purchases exceed the compute envelope");
    for (double v : {lane_of(inflow, l), lane_of(outflow, l), t.effective_flop, t.gpu_hours, t.largest_run_flop, f.gpus,
                     lane_of(closing.reserves_usd, l), lane_of(talent.unfunded_usd, l) + f.unfunded_usd})
      if (!finite_of(v) || v < -1e-6) fail(in, year, "a value is negative or not finite");
    // The largest run is at most a whole year of the owned fleet's peak plus every rented and
    // allocated hour, at the institution's MFU.
    double other_hours = std::max(0.0, t.h100_hours - f.owned_h100_hours);
    double whole_year = (f.owned_run_peak_flops * model::kHoursPerYear + other_hours * reference_peak_flops(*s[l])) *
                        3600 * in.operations.mfu;
    if (t.largest_run_flop > whole_year * (1 + 1e-9))
      fail(in, year, "the largest run exceeds a whole year of the whole fleet");
    const LargestRun& run = in.largest_run;
    if (run.power_cap_gw && t.largest_run_power_w > run.power_cap_gw->at(year) * 1e9 * (1 + 1e-9))
      fail(in, year, "the largest run draws more power than its cap");
  }
}

template void check_year_invariants(const Scenario* const*, const Institution* const*, int,
                                    const model::BudgetPlanT<double>&, const model::TalentYearT<double>&,
                                    const model::FleetYear*, const model::Throughput*, const model::ClosingT<double>&);
template void check_year_invariants(const Scenario* const*, const Institution* const*, int,
                                    const model::BudgetPlanT<model::Lanes>&, const model::TalentYearT<model::Lanes>&,
                                    const model::FleetYear*, const model::Throughput*,
                                    const model::ClosingT<model::Lanes>&);

void check_frontier_invariants(const Scenario& s, int year, double frontier_flop, std::span<const double> runs) {
  for (size_t i = 0; i < runs.size(); ++i)
    if (runs[i] > frontier_flop)
      fail(s.institutions[i], year, "its largest run " + num(runs[i]) + " exceeds the frontier " + num(frontier_flop));
}

}  // namespace labsim
