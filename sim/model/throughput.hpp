// Throughput stage: what the fleet delivers as training compute (docs/model.md, "Throughput").
#pragma once

#include "labsim/scenario.hpp"
#include "labsim/training.hpp"  // compute_optimal
#include "model/fleet.hpp"

namespace labsim::model {

struct Throughput {
  double gpu_hours = 0;                    // owned, rented and allocated hours delivered
  double h100_hours = 0;                   // the same in reference-GPU hours
  double effective_flop = 0;               // h100_hours x reference peak x 3600 x MFU
  double h100_hours_per_researcher = 0;    // undefined (NaN) with no researchers
  double largest_run_flop = 0;             // C_max
  double optimal_params = 0;               // compute-optimal parameters for C_max
  double frontier_ratio = 0;               // C_max / frontier training compute of the year
};

// Length of the largest run in `year` [days]: days x days_growth^(year - first_year), at most 365.
double run_days(const LargestRun& run, int first_year, int year);

// Throughput of one replica in `year`. `allocated_h100_hours` are hours granted by national
// resources; `researchers` is the research headcount (all roles).
Throughput throughput(const Scenario& s, const Institution& inst, const FleetYear& fleet,
                      double allocated_h100_hours, double researchers, int year);

// The same with the year's frontier given (market.frontier_training_flop at the year [FLOP]).
Throughput throughput_against(const Scenario& s, const Institution& inst, const FleetYear& fleet,
                              double allocated_h100_hours, double researchers, int year,
                              double frontier_training_flop);

}  // namespace labsim::model
