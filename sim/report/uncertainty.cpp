// The analyses behind a brief's uncertainty sections: Monte Carlo, comparison, tornado.
#include <algorithm>

#include "labsim/diagnostics.hpp"
#include "labsim/engine.hpp"
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
  u.tornado = brief_drivers(in, options.threads);
  return u;
}

std::optional<SensitivityTable> brief_drivers(const BriefInput& in, int threads) {
  const InstitutionSeries* focal = report::focal_institution(*in.trajectory);
  if (!focal || in.scenario->uncertain.empty()) return std::nullopt;
  SensitivityOptions s;
  s.method = SensitivityMethod::kTornado;
  s.metric = Metric::kComputeH100HoursPerResearcher;
  s.institution = focal->id;
  s.threads = threads;
  return sensitivity(*in.scenario, s);
}

std::optional<EqualCost> brief_equal_cost(const BriefInput& in) {
  const InstitutionSeries* focal = report::focal_institution(*in.trajectory);
  if (!in.baseline_scenario || !focal || focal->kind != InstitutionKind::kUniversity) return std::nullopt;
  const auto& base = in.baseline_scenario->institutions;
  if (std::none_of(base.begin(), base.end(), [&](const Institution& i) { return i.id == focal->id; })) return std::nullopt;
  try {
    return equal_cost(*in.baseline_scenario, *in.scenario, focal->id);
  } catch (const InputError&) {
    return std::nullopt;  // the policy adds no money: nothing to compare at equal cost
  }
}

void add_equal_cost(BriefInput& in, BriefEqualCost& keep) {
  keep.cost = brief_equal_cost(in);
  if (!keep.cost) return;
  keep.run = run(keep.cost->scenario);
  in.equal_cost = &*keep.cost;
  in.equal_cost_run = &keep.run;
}

}  // namespace labsim
