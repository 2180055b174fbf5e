// The analyses behind a brief's uncertainty sections: Monte Carlo, comparison, tornado.
#include "labsim/report.hpp"
#include "report/findings.hpp"

namespace labsim {

BriefUncertainty analyse_uncertainty(const BriefInput& in, const MonteCarloOptions& options) {
  BriefUncertainty u;
  u.options = options;
  u.options.metrics = kBriefMetrics;
  u.options.progress = nullptr;  // the caller's progress bar, if any, is not part of the result
  u.inputs = in.scenario->uncertain.size();
  if (u.inputs == 0) return u;
  MonteCarloOptions run_options = u.options;
  run_options.progress = options.progress;
  u.scenario = monte_carlo(*in.scenario, run_options);
  const Scenario* base = in.baseline_scenario;
  if (base && base->first_year == in.scenario->first_year && base->last_year == in.scenario->last_year)
    u.comparison = compare(*base, *in.scenario, u.options);
  if (const InstitutionSeries* focal = report::focal_institution(*in.trajectory)) {
    SensitivityOptions s;
    s.method = SensitivityMethod::kTornado;
    s.metric = Metric::kComputeH100HoursPerResearcher;
    s.institution = focal->id;
    s.threads = options.threads;
    u.tornado = sensitivity(*in.scenario, s);
  }
  return u;
}

}  // namespace labsim
