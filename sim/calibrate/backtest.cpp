// backtest(): each target against the scenario's value, within its tolerance.
#include <cmath>

#include "labsim/calibrate.hpp"
#include "labsim/engine.hpp"

namespace labsim {

std::vector<BacktestRow> backtest(const Scenario& scenario, const std::vector<Observation>& targets,
                                  const Tolerance& fallback) {
  Trajectory t = run(scenario);
  std::vector<double> model = model_values(t, scenario, targets);
  std::vector<BacktestRow> rows;
  for (size_t i = 0; i < targets.size(); ++i) {
    BacktestRow row;
    row.model = model[i];
    row.error = model[i] - targets[i].value;
    row.relative_error = targets[i].value != 0 ? row.error / std::fabs(targets[i].value) : NAN;
    row.tolerance = targets[i].tolerance.given ? targets[i].tolerance : fallback;
    double allowed = row.tolerance.relative ? row.tolerance.value * std::fabs(targets[i].value) : row.tolerance.value;
    // An undefined model value never passes.
    row.pass = std::isfinite(row.model) && std::fabs(row.error) <= allowed * (1 + 1e-12);
    rows.push_back(row);
  }
  return rows;
}

}  // namespace labsim
