// Fitting a scenario's inputs to observed values, and checking it against them (backtest).
// docs/cli.md ("Calibration commands") describes the target files, the fit and the overlay.
#pragma once

#include <iosfwd>
#include <string>
#include <string_view>
#include <vector>

#include "labsim/scenario.hpp"
#include "labsim/trajectory.hpp"

namespace labsim {

// How close a model value must be to an observation: relative ("25%") or absolute ("0.05").
struct Tolerance {
  double value = 0;
  bool relative = false;
  bool given = false;  // false: none given (the command's --tolerance applies)
};

// One observed value: `metric` of `institution` in `year`.
struct Observation {
  std::string institution;   // an institution id of the scenario
  int year = 0;
  Metric metric = Metric::kCount;
  double value = 0;
  double weight = 1;         // in the sum of squares (1 / variance, if known)
  Tolerance tolerance;       // for backtest
  std::string source;        // citation, as written
  std::string file;          // where the row is, for located errors
  int line = 0;
  int column = 0;            // of the metric field

  std::string location() const { return file + ":" + std::to_string(line); }  // "file:line"
};

// Reads a targets CSV: a header naming the columns institution, year, metric, value and
// optionally weight, tolerance and source, in any order; `#` lines and blank lines are skipped;
// fields may be quoted ("..."). Every row is checked against `scenario` (institution, year within
// its years, metric name). Throws InputError listing every bad field as file:line:col; IoError
// when the file cannot be read.
std::vector<Observation> read_targets(const std::string& path, const Scenario& scenario);

// The same for text held in memory; `name` stands for the file in messages.
std::vector<Observation> parse_targets(std::string_view text, const std::string& name, const Scenario& scenario);

// The model's value for each target, from a trajectory of the scenario the targets were read for.
std::vector<double> model_values(const Trajectory& t, const Scenario& s, const std::vector<Observation>& targets);

struct FitParameter {
  std::string path;       // key path, as for --set
  double start = 0;       // the scenario's value (after --set), in written units
  double lower = 0;       // bounds in written units (±inf when open)
  double upper = 0;
  double value = 0;       // fitted
  double stderr_ = 0;     // standard error from the Jacobian; NaN when not identifiable
  bool at_bound = false;  // the fit ended within 1e-6 of the range's width of a bound
};

struct Residual {
  double model = 0;     // the fitted scenario's value (NaN when undefined)
  double residual = 0;  // model − observed
};

struct CalibrationOptions {
  std::vector<std::string> fit;  // key paths to fit
  // Bounds as "key.path=LO:HI" (either side may be empty for open); without one a path is bounded
  // by its key's range (shares in [0, 1], money ≥ 0, ...).
  std::vector<std::string> bounds;
  int max_evaluations = 2000;
};

struct CalibrationResult {
  std::vector<FitParameter> parameters;
  std::vector<Residual> residuals;  // one per target, in target order
  double rmse = 0;                  // sqrt(Σ w r² / Σ w)
  double start_rmse = 0;            // the same at the starting values
  int evaluations = 0;              // model runs
  bool converged = false;
  std::string stop_reason;          // how the Levenberg–Marquardt iteration ended
};

// Weighted least squares over `options.fit` within bounds (Levenberg–Marquardt with central
// differences), starting from the scenario's values. Deterministic. Standard errors are
// sqrt(diag(σ² (JᵀWJ)⁻¹)) with σ² = Σ w r² / (targets − k) over the k identifiable parameters
// (not at a bound, and the targets depend on them); NaN for the others, and for all when there
// are no more targets than k or JᵀWJ is singular. Throws InputError for an unknown or fixed path, a
// bad bound, or a target the starting scenario leaves undefined.
CalibrationResult calibrate(const Scenario& scenario, const std::vector<Observation>& targets,
                            const CalibrationOptions& options);

// The overlay scenario a fit writes: `extends: <extends_path>`, then each fitted value at its key
// with `source:` naming the fit (targets file, number of targets, RMSE, standard error). A fitted
// series point writes the whole series (extends: replaces a series whole), the other points with
// their original sources. `scenario` is the one the fit started from; `targets_name` is the
// targets file as given; `sets` (the --set values of the fit) are listed in a comment. Throws
// InputError for a path the overlay cannot express (a fleet cohort: extends: replaces the list).
std::string overlay_yaml(const Scenario& scenario, const CalibrationResult& result, const std::string& extends_path,
                         const std::string& targets_name, const std::vector<std::string>& sets = {});

// Throws the InputError overlay_yaml would for any of `paths`, before a fit spends its time.
void check_overlay_paths(const Scenario& scenario, const std::vector<std::string>& paths);

// Backtest: each target's model value, error and whether it is within its tolerance (the
// row's own, else `fallback`).
struct BacktestRow {
  double model = 0;
  double error = 0;           // model − observed
  double relative_error = 0;  // (model − observed) / |observed|; NaN when observed is 0
  Tolerance tolerance;
  bool pass = false;
};
std::vector<BacktestRow> backtest(const Scenario& scenario, const std::vector<Observation>& targets,
                                  const Tolerance& fallback);

// Parses "25%" (relative) or "0.05" (absolute); `what` names the option for messages.
Tolerance parse_tolerance(const std::string& text, const std::string& what);

// --- Writing results (`targets` are the ones the result was computed for, in the same order) ---

// The fit for the terminal: the fitted inputs (start, fitted, standard error, bounds), the
// weighted RMSE, each target's observed and model values, and where the overlay was written.
// `targets_name` is the targets file as given.
void write_calibration_text(std::ostream& out, const CalibrationResult& result, const std::vector<Observation>& targets,
                            const std::string& targets_name, const std::string& overlay_path);
// JSON: {"fitted": {path: {"value", "stderr", "start", "lower", "upper", "at_bound"}}, "rmse",
// "start_rmse", "evaluations", "converged", "stop_reason", "overlay", "residuals": [{"institution",
// "year", "metric", "observed", "model", "residual", "weight", "location": "FILE:LINE"}]}.
void write_calibration_json(std::ostream& out, const CalibrationResult& result, const std::vector<Observation>& targets,
                            const std::string& overlay_path);

// Backtest rows: a table for the terminal ending "N of M targets within tolerance"; CSV
// (institution,year,metric,observed,model,error,relative_error,tolerance,pass,source); JSON
// {"targets", "missed", "rows": [...]}. Tolerances as written ("25%", "0.05").
void write_backtest_text(std::ostream& out, const std::vector<BacktestRow>& rows, const std::vector<Observation>& targets);
void write_backtest_csv(std::ostream& out, const std::vector<BacktestRow>& rows, const std::vector<Observation>& targets);
void write_backtest_json(std::ostream& out, const std::vector<BacktestRow>& rows, const std::vector<Observation>& targets);

}  // namespace labsim
