#include "model/largest_run.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "labsim/trajectory.hpp"
#include "model/growth.hpp"

namespace labsim::model {

double run_share(const LargestRun& run, int first_year, int year) {
  return std::min(1.0, run.share * growth(run.share_growth, year - first_year));
}

namespace {

// Delivered FLOP/s per watt of `c`; a cohort drawing no power counts as infinitely efficient.
double efficiency(const Scenario& s, const LiveCohort& c) {
  double w = facility_power_w(s, c.tdp_w);
  return w > 0 ? delivered_flops(s, c) / w : std::numeric_limits<double>::infinity();
}

// Whether cohort a (index ia) comes before cohort b (index ib) in the run's order: more
// efficient first, then the earlier cohort.
bool before(double ea, size_t ia, double eb, size_t ib) { return ea > eb || (ea == eb && ia < ib); }

}  // namespace

RunGpus run_gpus(const Institution& inst, const Scenario& s, int year, const std::vector<LiveCohort>& cohorts) {
  const double availability = inst.operations.availability;
  // GPUs idled for lack of money (LiveCohort::idle_in) do not run.
  auto running = [&](const LiveCohort& c) { return c.count - c.idle_in(year); };
  auto in_run = [&](const LiveCohort& c) {
    return c.ownership == Ownership::kOwned && c.in_service(year) && running(c) > 0;
  };
  // The cohorts in the run, ordered by before(): most efficient first, then the earlier. A fleet
  // has a few cohorts (its initial ones and one purchase a year), sorted here by insertion into a
  // fixed array (no allocation); a larger one is walked without sorting, in the same order.
  constexpr std::size_t kSorted = 64;
  std::array<std::size_t, kSorted> order;
  std::array<double, kSorted> order_e;
  std::size_t n = 0;
  bool sorted = true;
  double fleet_peak = 0;
  for (std::size_t i = 0; i < cohorts.size(); ++i) {
    const LiveCohort& c = cohorts[i];
    if (!in_run(c)) continue;
    fleet_peak += running(c) * delivered_flops(s, c) * availability * c.delivering(year);
    if (n == kSorted) {
      sorted = false;
      continue;
    }
    const double e = efficiency(s, c);
    std::size_t at = n++;
    for (; at > 0 && before(e, i, order_e[at - 1], order[at - 1]); --at) {
      order[at] = order[at - 1];
      order_e[at] = order_e[at - 1];
    }
    order[at] = i;
    order_e[at] = e;
  }
  const double target = run_share(inst.largest_run, s.first_year, year) * fleet_peak;
  const double cap_w = inst.largest_run.power_cap_gw ? inst.largest_run.power_cap_gw->at(year) * 1e9
                                                     : std::numeric_limits<double>::infinity();
  RunGpus run;
  // Takes GPUs of cohort `c` until the target or the power cap; false when the cap stops the run.
  auto take_from = [&](const LiveCohort& c) {
    double gpus = running(c) * c.delivering(year);
    double per_gpu_peak = delivered_flops(s, c) * availability;
    double take = std::min(gpus, (target - run.peak_flops) / per_gpu_peak);
    double w = facility_power_w(s, c.tdp_w);
    if (w > 0 && run.power_w + take * w > cap_w) {
      take = std::max(0.0, (cap_w - run.power_w) / w);
      run.power_bound = true;
    }
    run.peak_flops += take * per_gpu_peak;
    run.power_w += take * w;
    return !run.power_bound;
  };
  if (sorted) {
    for (std::size_t k = 0; k < n && run.peak_flops < target; ++k)
      if (!take_from(cohorts[order[k]])) break;
  } else {
    // Each pass takes the next cohort in the order of before().
    double last_e = std::numeric_limits<double>::infinity();
    size_t last_i = 0;
    bool first = true;
    while (run.peak_flops < target) {
      size_t best = cohorts.size();
      double best_e = 0;
      for (size_t i = 0; i < cohorts.size(); ++i) {
        if (!in_run(cohorts[i])) continue;
        double e = efficiency(s, cohorts[i]);
        if (!first && !before(last_e, last_i, e, i)) continue;  // taken already
        if (best == cohorts.size() || before(e, i, best_e, best)) {
          best = i;
          best_e = e;
        }
      }
      if (best == cohorts.size() || !take_from(cohorts[best])) break;
      last_e = best_e;
      last_i = best;
      first = false;
    }
  }
  run.peak_flops = std::min(run.peak_flops, target);  // rounding of the last cohort's share
  return run;
}

Frontier frontier(std::span<const double> runs, std::optional<double> floor) {
  Frontier f;
  for (double r : runs)
    if (is_defined(r)) f.flop = std::max(f.flop, r);
  if (floor && *floor > f.flop) {
    f.flop = *floor;
    f.exogenous = true;
  }
  return f;
}

double frontier_run_days(int year) {
  return std::min(365.0, kFrontierRunDays * growth(kFrontierDaysGrowth, std::max(0, year - kFrontierRunYear)));
}

RunNeeds run_needs(const Scenario& s, int year, double flop, const Offer& offer) {
  if (offer.part < 0 || offer.delivered_flops() <= 0) return {kUndefined, kUndefined};
  const Operations defaults;
  const Procurement buying;
  const Accelerator& a = s.catalog.parts[static_cast<size_t>(offer.part)];
  double gpus = flop / (offer.delivered_flops() * defaults.mfu * frontier_run_days(year) * 86400);
  return {gpus * facility_power_w(s, a.tdp_w),
          gpus * offer.price_usd * (1 + buying.server_overhead)};
}

}  // namespace labsim::model
