// Throughput stage: what the fleet delivers as training compute (docs/model.md, "Throughput").
#pragma once

#include "labsim/scenario.hpp"
#include "labsim/training.hpp"  // compute_optimal
#include "model/fleet.hpp"
#include "model/largest_run.hpp"

namespace labsim::model {

struct Throughput {
  double gpu_hours = 0;                    // owned, rented and allocated hours delivered
  double h100_hours = 0;                   // the same in reference-GPU hours
  double allocated_h100_hours = 0;         // of those, granted by national resources
  double effective_flop = 0;               // h100_hours x reference peak x 3600 x MFU
  double research_h100_hours = 0;          // h100_hours x the institution's research_share
  double h100_hours_per_researcher = 0;    // research_h100_hours per researcher; NaN with none
  double largest_run_flop = 0;             // C_max
  double largest_run_power_w = 0;          // facility power of the owned GPUs in the run
  bool largest_run_power_bound = false;    // the site's power limits the run
  double optimal_params = 0;               // compute-optimal parameters for C_max
};

// Length of the largest run in `year` [days]: days x days_growth^(year - first_year), at most 365.
double run_days(const LargestRun& run, int first_year, int year);

// Throughput of one replica in `year`. `run` is the owned part of its largest run (run_gpus());
// `allocated_h100_hours` are hours granted by national resources; `researchers` is the research
// headcount (all roles).
Throughput throughput(const Scenario& s, const Institution& inst, const FleetYear& fleet, const RunGpus& run,
                      double allocated_h100_hours, double researchers, int year);

// The same when the run takes run_share() of the fleet's owned peak (fleet.owned_run_peak_flops)
// with no power cap.
Throughput throughput(const Scenario& s, const Institution& inst, const FleetYear& fleet,
                      double allocated_h100_hours, double researchers, int year);

}  // namespace labsim::model
