#include "model/throughput.hpp"

#include <algorithm>
#include <cmath>

#include "labsim/trajectory.hpp"
#include "model/growth.hpp"

namespace labsim::model {

double run_days(const LargestRun& run, int first_year, int year) {
  return std::min(365.0, run.days * growth(run.days_growth, year - first_year));
}

Throughput throughput(const Scenario& s, const Institution& inst, const FleetYear& fleet,
                      double allocated_h100_hours, double researchers, int year) {
  double share = run_share(inst.largest_run, s.first_year, year);
  RunGpus run{share * fleet.owned_run_peak_flops, share * fleet.power_w, false};
  return throughput(s, inst, fleet, run, allocated_h100_hours, researchers, year);
}

Throughput throughput(const Scenario& s, const Institution& inst, const FleetYear& fleet, const RunGpus& run,
                      double allocated_h100_hours, double researchers, int year) {
  const double ref_peak = reference_peak_flops(s);
  const double mfu = inst.operations.mfu;
  Throughput t;
  t.gpu_hours = fleet.owned_gpu_hours + fleet.rented_gpu_hours + allocated_h100_hours;
  t.h100_hours = fleet.owned_h100_hours + fleet.rented_h100_hours + allocated_h100_hours;
  t.allocated_h100_hours = allocated_h100_hours;
  t.effective_flop = t.h100_hours * ref_peak * 3600 * mfu;
  t.research_h100_hours = t.h100_hours * inst.research_share;
  t.h100_hours_per_researcher = researchers > 0 ? t.research_h100_hours / researchers : kUndefined;
  // Rented and allocated hours count as GPUs running all year (their peak spread over 8,760 h),
  // at the provider's site: the power cap does not apply to them.
  double rented_peak = (fleet.rented_h100_hours + allocated_h100_hours) / kHoursPerYear * ref_peak;
  double share = run_share(inst.largest_run, s.first_year, year);
  t.largest_run_flop =
      (run.peak_flops + share * rented_peak) * mfu * run_days(inst.largest_run, s.first_year, year) * 86400;
  t.largest_run_power_w = run.power_w;
  t.largest_run_power_bound = run.power_bound;
  t.optimal_params = compute_optimal(t.largest_run_flop, s.training.tokens_per_parameter).params;
  return t;
}

}  // namespace labsim::model
