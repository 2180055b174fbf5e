// The largest single training run an institution can make in a year, bounded by money (the
// share of its fleet one run may use) and by power (the facility power of the largest site),
// and the year's frontier run (docs/model.md, "Largest run" and "Frontier").
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "labsim/scenario.hpp"
#include "model/fleet.hpp"

namespace labsim::model {

// The share of the fleet one run may use in `year`: share x share_growth^(year - first_year),
// at most 1.
double run_share(const LargestRun& run, int first_year, int year);

// The owned GPUs of the largest run: their delivered peak (peak x training efficiency, with
// availability and commissioning applied, like FleetYear::owned_run_peak_flops) and the facility
// power they draw.
struct RunGpus {
  double peak_flops = 0;  // [FLOP/s]
  double power_w = 0;     // TDP x server power factor x PUE of the GPUs in the run [W]
  bool power_bound = false;  // the site's power, not the fleet share, limits the run
};

// The run takes the owned GPUs in service with the most delivered FLOP/s per watt first, until it
// has run_share() of the owned fleet's peak or its power reaches largest_run.power_cap_gw in
// `year` (no cap when none is given). Allocation-free.
RunGpus run_gpus(const Institution& inst, const Scenario& s, int year, const std::vector<LiveCohort>& cohorts);

// The year's frontier: the largest modelled run, or the exogenous floor when one is given and
// it is larger.
struct Frontier {
  double flop = 0;         // training compute of the year's frontier run [FLOP]
  bool exogenous = false;  // the floor (market.frontier_training_flop), not a modelled run, sets it
};
// `runs` holds every institution's largest run (one replica each); `floor` the floor's value in
// the year, if the scenario gives one.
Frontier frontier(std::span<const double> runs, std::optional<double> floor);

// The length of a frontier run in `year` [days]: 90 days up to 2024 (estimate: Llama 3 405B's
// pre-training took about 54 days, GPT-4's about 90), then 1.4x a year (kFrontierDaysGrowth), at
// most 365.
inline constexpr double kFrontierRunDays = 90;
inline constexpr int kFrontierRunYear = 2024;
double frontier_run_days(int year);

// What a run of `flop` in `year` would need if trained on `offer` (the year's best part to buy)
// at the default MFU for frontier_run_days(year): the facility power [W] and the capex of its
// GPUs and servers [USD]. NaN when nothing is on offer.
struct RunNeeds {
  double power_w = 0;
  double capex_usd = 0;
};
RunNeeds run_needs(const Scenario& s, int year, double flop, const Offer& offer);

}  // namespace labsim::model
