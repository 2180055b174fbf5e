#include "model/throughput.hpp"

#include <algorithm>
#include <cmath>

#include "labsim/trajectory.hpp"

namespace labsim::model {

double run_days(const LargestRun& run, int first_year, int year) {
  return std::min(365.0, run.days * std::pow(run.days_growth, year - first_year));
}

Throughput throughput(const Scenario& s, const Institution& inst, const FleetYear& fleet,
                      double allocated_h100_hours, double researchers, int year) {
  return throughput_against(s, inst, fleet, allocated_h100_hours, researchers, year,
                            s.market.frontier_training_flop.at(year));
}

Throughput throughput_against(const Scenario& s, const Institution& inst, const FleetYear& fleet,
                              double allocated_h100_hours, double researchers, int year,
                              double frontier_training_flop) {
  const double ref_peak = reference_peak_flops(s);
  const double mfu = inst.operations.mfu;
  Throughput t;
  t.gpu_hours = fleet.owned_gpu_hours + fleet.rented_gpu_hours + allocated_h100_hours;
  t.h100_hours = fleet.owned_h100_hours + fleet.rented_h100_hours + allocated_h100_hours;
  t.effective_flop = t.h100_hours * ref_peak * 3600 * mfu;
  t.h100_hours_per_researcher = researchers > 0 ? t.h100_hours / researchers : kUndefined;
  // Rented and allocated hours count as GPUs running all year (their peak spread over 8,760 h).
  double rented_peak = (fleet.rented_h100_hours + allocated_h100_hours) / kHoursPerYear * ref_peak;
  t.largest_run_flop = inst.largest_run.share * (fleet.owned_run_peak_flops + rented_peak) * mfu *
                       run_days(inst.largest_run, s.first_year, year) * 86400;
  t.optimal_params = compute_optimal(t.largest_run_flop, s.training.tokens_per_parameter).params;
  t.frontier_ratio = frontier_training_flop > 0 && std::isfinite(frontier_training_flop)
                         ? t.largest_run_flop / frontier_training_flop
                         : kUndefined;
  return t;
}

}  // namespace labsim::model
