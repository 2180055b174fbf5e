// Fitting a scenario's inputs to observed values, and checking it against them (backtest).
// docs/cli.md ("Calibration commands") describes the target files, the fit and the overlay.
#pragma once

#include <cmath>
#include <cstdint>
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

// How an observation's error enters the fit: squared and weighted, or as a Poisson deviance (a
// count of events: notable models, people moving).
enum class Likelihood { kNormal, kPoisson };

// One observed value: `metric` of `institution` in `year`, or over the years `year`..`last_year`
// (the sum of an extensive metric, the mean of an intensive one).
struct Observation {
  std::string institution;   // an institution id of the scenario
  int year = 0;
  int last_year = 0;         // == year for a single year (a value below `year` counts as `year`)
  Metric metric = Metric::kCount;
  double value = 0;
  double weight = 1;         // normal: 1 / variance, if known; poisson: multiplies the deviance
  Likelihood likelihood = Likelihood::kNormal;
  Tolerance tolerance;       // for backtest
  std::string source;        // citation, as written
  std::string file;          // where the row is, for located errors
  int line = 0;
  int column = 0;            // of the metric field

  std::string location() const { return file + ":" + std::to_string(line); }  // "file:line"
  int final_year() const { return last_year > year ? last_year : year; }
  bool single_year() const { return final_year() == year; }
  // "2019", or "2004-2009" for a range.
  std::string years() const {
    return single_year() ? std::to_string(year) : std::to_string(year) + "-" + std::to_string(last_year);
  }
};

// Reads a targets CSV: a header naming the columns institution, year, metric, value and
// optionally weight, tolerance, likelihood (`normal`, the default, or `poisson`) and source, in
// any order; a year may be a range ("2004-2009"); `#` lines and blank lines are skipped;
// fields may be quoted ("..."). Every row is checked against `scenario` (institution, year within
// its years, metric name). Throws InputError listing every bad field as file:line:col; IoError
// when the file cannot be read.
std::vector<Observation> read_targets(const std::string& path, const Scenario& scenario);

// The same for text held in memory; `name` stands for the file in messages.
std::vector<Observation> parse_targets(std::string_view text, const std::string& name, const Scenario& scenario);

// The model's value for each target, from a trajectory of the scenario the targets were read for:
// the year's value, or over a range the sum (extensive metrics) or the mean (intensive ones).
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
  double rmse = 0;                  // sqrt(Σ w (model − observed)² / Σ w), a summary, not the objective
  double start_rmse = 0;            // the same at the starting values
  int evaluations = 0;              // model runs
  bool converged = false;
  std::string stop_reason;          // how the Levenberg–Marquardt iteration ended
};

// The residual a fit minimises the squares of, for one target and its model value:
// sqrt(weight) · (model − observed) for a normal target; for a Poisson one sqrt(weight) times the
// signed deviance residual sign(m − y) · sqrt(2 (m − y + y ln(y / m))), whose square sums to the
// Poisson deviance (−2 log-likelihood up to a constant). A large residual when the model value
// is undefined, or 0 (with a positive count observed).
double fit_residual(const Observation& target, double model);

// Maximum likelihood over `options.fit` within bounds: the sum of squared fit_residual()s (weighted
// squares for normal targets, Poisson deviances for Poisson ones), by Levenberg–Marquardt with
// central differences, starting from the scenario's values. Deterministic. Standard errors are
// sqrt(diag(σ² (JᵀJ)⁻¹)), J the Jacobian of the residuals r, σ² = Σ r² / (targets − k), over the
// k identifiable parameters (not at a bound, and the targets depend on them); NaN for the others,
// and for all when there are no more targets than k or JᵀJ is singular. Throws InputError for an unknown or fixed path, a
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

// The uncertainty of inputs fitted to `targets`, at the scenario's values of `paths` (as
// calibrate computes it at the fitted values): each input with its value, bounds and standard
// error, and their covariance (row-major, k x k; NaN rows and columns for an input without one,
// see calibrate()). Throws InputError as calibrate() does for a bad path.
struct ParameterUncertainty {
  std::vector<FitParameter> parameters;
  std::vector<double> covariance;
  double dispersion = 1;  // Σ Poisson deviance / (Poisson targets − k), at least 1: count noise beyond Poisson
};
ParameterUncertainty parameter_uncertainty(const Scenario& scenario, const std::vector<Observation>& targets,
                                           const std::vector<std::string>& paths);

// Backtest: each target's model value, error and whether it is within its tolerance (the
// row's own, else `fallback`); with intervals, its predictive interval and whether it covers the
// observation; and a naive persistence forecast to compare with.
struct BacktestRow {
  double model = 0;
  double error = 0;           // model − observed
  double relative_error = 0;  // (model − observed) / |observed|; NaN when observed is 0
  Tolerance tolerance;
  bool pass = false;
  bool out_of_sample = false;  // from the out-of-sample targets, not the fitted ones
  double lower = NAN, upper = NAN;  // the predictive interval; NaN without --intervals
  bool covered = false;              // lower ≤ observed ≤ upper
  // The naive forecast: for a fitted target, the previous fitted observation of the same
  // institution and metric; out of sample, the last fitted one, held flat. NaN when there is none.
  double persistence = NAN;
};

struct BacktestOptions {
  Tolerance fallback;             // for targets without their own tolerance
  double interval = 0;            // central interval in percent (e.g. 90); 0: none
  std::vector<std::string> fit;   // the fitted inputs whose uncertainty the intervals include
  int draws = 2000;               // parameter and count-noise draws
  std::uint64_t seed = 1;
};

// One line of the summary: the targets of one set (fitted or out of sample), institution and metric.
struct BacktestSummary {
  bool out_of_sample = false;
  std::string institution;
  Metric metric = Metric::kCount;
  int targets = 0;
  double mae = NAN;              // mean |model − observed|
  int compared = 0;              // targets with a persistence forecast
  double model_mae = NAN;        // over those targets
  double persistence_mae = NAN;  // of the persistence forecast over the same targets
  double skill = NAN;            // 1 − model_mae / persistence_mae: above 0, better than persistence
  int covered = 0;               // targets inside their interval (with intervals)
};

struct BacktestResult {
  std::vector<Observation> targets;  // the fitted targets, then the out-of-sample ones
  std::vector<BacktestRow> rows;     // one per target
  std::vector<BacktestSummary> summary;
  double interval = 0;
  int draws = 0;
  double dispersion = 1;             // of the count noise (ParameterUncertainty::dispersion)
};

// Runs the scenario against `fitted` and `out_of_sample` targets. With options.interval, the P%
// predictive interval of each target samples the fitted inputs from their covariance at the
// scenario's values (parameter_uncertainty over `fitted`; inputs without a variance held) and
// adds count noise: negative binomial of variance dispersion × mean for Poisson targets
// (Poisson when the dispersion is 1), normal of variance 1 / weight for normal targets with a
// weight, kept within [0, 1] for a share. Deterministic for a seed.
BacktestResult backtest(const Scenario& scenario, const std::vector<Observation>& fitted,
                        const std::vector<Observation>& out_of_sample, const BacktestOptions& options);

// Parses "25%" (relative) or "0.05" (absolute); `what` names the option for messages.
Tolerance parse_tolerance(const std::string& text, const std::string& what);

// --- Writing results (`targets` are the ones the result was computed for, in the same order) ---

// The fit for the terminal: the fitted inputs (start, fitted, standard error, bounds), the
// weighted RMSE, each target's observed and model values, and where the overlay was written
// (`overlay_path` "" when none was). `targets_name` is the targets file as given.
void write_calibration_text(std::ostream& out, const CalibrationResult& result, const std::vector<Observation>& targets,
                            const std::string& targets_name, const std::string& overlay_path);
// JSON: {"fitted": {path: {"value", "stderr", "start", "lower", "upper", "at_bound"}}, "rmse",
// "start_rmse", "evaluations", "converged", "stop_reason", "overlay" (null when none was written),
// "residuals": [{"institution",
// "year", "metric", "observed", "model", "residual", "weight", "location": "FILE:LINE"}]}.
void write_calibration_json(std::ostream& out, const CalibrationResult& result, const std::vector<Observation>& targets,
                            const std::string& overlay_path);

// Backtest results: a table for the terminal (each target, then per set and metric the mean
// absolute error, the skill against persistence and the interval coverage) ending "N of M
// targets within tolerance"; CSV, one row per target (set,institution,year,metric,observed,
// model,error,relative_error,lower,upper,covered,persistence,tolerance,pass,source); JSON
// {"targets", "missed", "interval", "draws", "dispersion", "rows": [...], "summary": [...]}.
// Tolerances as written ("25%", "0.05"); a range of years as "2004-2009".
void write_backtest_text(std::ostream& out, const BacktestResult& result);
void write_backtest_csv(std::ostream& out, const BacktestResult& result);
void write_backtest_json(std::ostream& out, const BacktestResult& result);

}  // namespace labsim
