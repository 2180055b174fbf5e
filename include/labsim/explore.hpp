// Exploring a scenario: Monte Carlo over its uncertain inputs, policy comparison with common
// random numbers, parameter sweeps, sensitivity analysis and goal seeking. Uncertain inputs are
// the numbers a scenario gives as distributions (labsim/uncertain.hpp); every run with the same
// scenario, options and seed gives the same numbers, whatever the thread count.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "labsim/scenario.hpp"
#include "labsim/trajectory.hpp"

namespace labsim {

enum class Sampling { kRandom, kLhs, kSobol };
const char* to_string(Sampling sampling);

// The metrics `mc` and `compare` summarise unless told otherwise.
const std::vector<Metric>& default_tracked_metrics();

// --- Sample counts: the defaults and the cap, here only. A count that may be left out is a
// std::optional, and nullopt means "not given" everywhere: `mc` then takes
// kDefaultMonteCarloSamples, `sensitivity` the default of its method, and compare, solve and
// brief do not sample at all (one nominal run). ---

// The most samples any analysis takes (also the range of -n): beyond it a run would take days,
// and a sample index times a stream stride could overflow.
inline constexpr std::size_t kMaxSamples = 1'000'000'000;
inline constexpr std::size_t kDefaultMonteCarloSamples = 1000;  // `mc` without -n
inline constexpr std::size_t kDefaultSobolSamples = 1024;       // Sobol base samples N
inline constexpr std::size_t kDefaultMorrisTrajectories = 20;   // Morris trajectories

struct MonteCarloOptions {
  std::size_t samples = kDefaultMonteCarloSamples;  // 1 <= N <= kMaxSamples
  std::uint64_t seed = 1;                // sample i draws from a stream fixed by (seed, i)
  int threads = 1;                       // >= 1; the results do not depend on it
  // Samples per call of the batch engine, 1 to kBlockLanes (engine.hpp); the results do not
  // depend on it (tests set it; 0 means kBlockLanes).
  int block = 0;
  Sampling sampling = Sampling::kRandom;
  std::vector<Metric> metrics;           // empty: default_tracked_metrics()
  std::function<void(std::size_t done, std::size_t total)> progress;  // from one worker thread
};

// Percentiles reported for every summarised value.
inline constexpr std::array<double, 5> kPercentiles = {5, 25, 50, 75, 95};
// Relative accuracy of the reported percentiles (streaming quantile sketch).
inline constexpr double kQuantileAccuracy = 0.005;

// A value over the samples. Undefined values (a ratio with a zero denominator) are left out;
// when all are undefined the statistics are NaN.
struct Summary {
  double mean = 0;
  std::array<double, kPercentiles.size()> percentiles{};  // within kQuantileAccuracy
  std::uint64_t defined = 0;                              // samples with a defined value
};

// Summaries by (institution, metric, year, column). Columns: "value" for `mc`; "baseline",
// "policy" and "difference" (policy minus baseline, sample by sample) for `compare`.
struct StatTable {
  std::string scenario;
  std::vector<std::string> institutions;  // ids; for compare, the baseline's then the policy's new ones
  std::vector<Metric> metrics;
  int first_year = 0, last_year = 0;
  std::vector<std::string> columns;
  std::vector<Summary> cells;
  std::size_t samples = 0;
  std::vector<int> shown_years;  // years the writers print; empty: every year

  int year_count() const { return last_year - first_year + 1; }
  const Summary& at(size_t institution, size_t metric, int year_index, size_t column) const;
};

// Monte Carlo over the scenario's uncertain inputs. Throws InputError when the scenario has
// none or a distribution is invalid; InvariantError if a sampled run breaks a model invariant.
StatTable monte_carlo(const Scenario& scenario, const MonteCarloOptions& options);

// The line a progress display shows after `done` of `total` samples (`progress` above) of
// `what`: "mc [===============               ]  50% 1,000 of 2,000 samples". Requires total > 0.
std::string progress_line(std::string_view what, std::size_t done, std::size_t total);

// Writes the draws of the uncertain inputs, one line per sample ("sample,<path>,..."): the
// values `monte_carlo` used for the same scenario and options.
void write_draws(std::ostream& out, const Scenario& scenario, const MonteCarloOptions& options);

// The policy's effect metric by metric. With options: a Monte Carlo where sample i of both
// scenarios sees the same draws for inputs of the same key path. Without: one nominal run of
// each (every summary then holds that single value). Years are the baseline's.
StatTable compare(const Scenario& baseline, const Scenario& policy, const std::optional<MonteCarloOptions>& options,
                  const std::vector<Metric>& metrics = {});

// --- Equal-cost comparison: what the policy's money would do as plain funding. ---

// The counterfactual of `labsim compare --equal-cost` (docs/cli.md, "compare"): the baseline in
// which the policy's cost goes to one institution as `purpose: any` funding.
struct EqualCost {
  Scenario scenario;             // the baseline plus the stream "equal-cost" on the beneficiary
  std::string beneficiary;       // its id
  std::vector<double> cost_usd;  // the policy's cost by year, first year first: Σ revenue (policy) -
                                 // Σ revenue (baseline) over every institution, new ones included,
                                 // in nominal runs, plus the H100-hours that programs with no
                                 // modelled provider grant more, at the reference GPU's cloud
                                 // price of the year; years in which the policy saves money count 0
  double indirect_rate = 0;      // the stream's F&A rate: the beneficiary's highest in the baseline
  double granted_hours_usd = 0;  // of the cost, the granted hours' worth (all years)
};

// Builds the equal-cost scenario. `beneficiary`: an institution id of the baseline; empty: the
// baseline's only university. Throws InputError when the beneficiary is unknown or ambiguous, or
// when the policy adds no money in any year (nothing to give).
EqualCost equal_cost(const Scenario& baseline, const Scenario& policy, const std::string& beneficiary = {});

// The same comparison with a third scenario, `equal_cost` (equal_cost().scenario): the columns are
// then baseline, policy, difference, equal_cost and policy_vs_equal_cost (policy minus equal
// cost, sample by sample). With options, all three see the same draws for the same key paths.
StatTable compare(const Scenario& baseline, const Scenario& policy, const Scenario& equal_cost,
                  const std::optional<MonteCarloOptions>& options, const std::vector<Metric>& metrics = {});

// Tidy CSV: scenario,institution,year,metric,stat,<columns...>,unit with stat in mean, p5, p25,
// p50, p75, p95 (and only "value" rows when there is a single sample per cell). Sampled means and
// percentiles have four significant digits; a single run's values keep theirs.
void write_stat_csv(std::ostream& out, const StatTable& table);
// A table for the terminal: one line per institution, metric and year; each column's mean (the
// value, for a single run) to four significant digits, and with samples its 5th and 95th
// percentiles in brackets; a line naming the units.
void write_stat_table(std::ostream& out, const StatTable& table);
// JSON: {"labsim_version", "scenario", "samples", "columns", "years",
// "institutions": {id: {metric: {"unit", column: {stat: [per year]}}}}}.
void write_stat_json(std::ostream& out, const StatTable& table);

// --- Sweeps and goal seeking vary one number of the scenario by key path. ---

// A range of one input: "key.path=LO:HI[:STEPS]", or "key.path=log:LO:HI:STEPS" for steps
// spaced by a constant factor. LO and HI are written with the key's units ("$10M", "40%").
struct Range {
  std::string path;
  double low = 0, high = 0;  // in the key's written units (fractions for percentages)
  int steps = 0;             // grid points, >= 2 (0 when not given)
  bool log = false;

  // The grid point k of `steps`, in written units.
  double at(int k) const;
};
// Parses a range for `scenario`. Throws InputError (naming the argument) for an unknown key,
// bad numbers, HI <= LO, log with LO <= 0, or STEPS missing (when `need_steps`) or above 1000.
Range parse_range(const Scenario& scenario, std::string_view text, bool need_steps);

// Deterministic runs (uncertain inputs at their nominal values) over the grid of up to three
// ranges. values: [point][institution][metric][year]; points in row-major order, the last
// range fastest.
struct SweepTable {
  std::string scenario;
  std::vector<Range> ranges;
  std::vector<std::vector<double>> points;  // the input values of each grid point
  std::vector<std::string> institutions;
  std::vector<Metric> metrics;
  int first_year = 0, last_year = 0;
  std::vector<double> values;
};
// Throws InputError for more than 3 ranges or more than 1,000,000 grid points.
SweepTable sweep(const Scenario& scenario, const std::vector<Range>& ranges, const std::vector<Metric>& metrics,
                 int threads = 1);
// Tidy CSV: <one column per range path>,institution,year,metric,value,unit.
void write_sweep_csv(std::ostream& out, const SweepTable& table);
// JSON: {"labsim_version", "scenario", "inputs": [paths], "runs": [{"inputs": [...], "institutions": {...}}]}.
void write_sweep_json(std::ostream& out, const SweepTable& table);

// Runs `scenario` once per row of `values` (rows x paths.size() numbers, row-major): row r gives
// the inputs at `paths` (key paths, as sweep and --set name them) its numbers, in written units
// (a share as a fraction, a growth as a factor); uncertain inputs not named stay at their nominal
// values. Returns, row by row, every institution's `metrics` (in that order) year by year:
// out[((r * institutions + i) * metrics.size() + m) * years + y]. Eight rows at a time on the batch
// engine, over `threads` workers; the result does not depend on `threads`. Throws InputError for an
// unknown path or a value the loader would refuse (naming the row and the path), before running.
std::vector<double> evaluate(const Scenario& scenario, const std::vector<std::string>& paths,
                             std::span<const double> values, const std::vector<Metric>& metrics, int threads = 1);

// "METRIC[INSTITUTION,YEAR] >= VALUE" (also >, <=, <).
struct Target {
  Metric metric = Metric::kCount;
  std::string institution;
  int year = 0;
  enum class Op { kAtLeast, kAbove, kAtMost, kBelow } op = Op::kAtLeast;
  double value = 0;
  std::string text;  // as written

  bool met_by(double metric_value) const;
};
// Throws InputError for an unknown metric (with a did-you-mean), institution or year, a missing
// operator or a bad number.
Target parse_target(const Scenario& scenario, std::string_view text);

struct SolveOptions {
  Range range;                                // LO:HI to search (steps unused)
  Target target;
  std::optional<MonteCarloOptions> monte_carlo;  // set: the target must hold with `probability`
  double probability = 0.9;                   // in (0, 1]
  double tolerance = 1e-4;                    // stop when the bracket is below this share of HI - LO
};
struct SolveResult {
  std::string input;
  double value = 0;        // the smallest value found that meets the target (written units); HI when none
  bool met = false;        // false: no value in [LO, HI] meets the target
  double tolerance = 0;    // the answer is within this of the true threshold (written units)
  std::size_t evaluations = 0;  // model runs used
  double achieved = 0;     // the metric (deterministic) or the probability (Monte Carlo) at `value`
  std::string value_text;      // `value` as a reader writes the input: "$6.88 million", "42.5 %", "3.1 years"
  std::string tolerance_text;  // `tolerance` the same way: "$12,000"
};
// The smallest value of the range's input for which the target holds — in a deterministic run,
// or in at least `probability` of the Monte Carlo samples (the same draws for every candidate
// value). Bisection: assumes the target, once met, stays met as the input grows.
SolveResult solve(const Scenario& scenario, const SolveOptions& options);
// The answer as a sentence, numbers in the input's units and the metric's value to 4 significant
// digits: "PATH = $6.88 million (within $12,000) meets TARGET: METRIC = 55,450; 16 model runs", or
// "no value of PATH up to HI meets TARGET: ..." (`options` are the ones solve was given).
void write_solve_text(std::ostream& out, const SolveResult& result, const SolveOptions& options);
// CSV: input,value,met,tolerance,evaluations,achieved, one row.
void write_solve_csv(std::ostream& out, const SolveResult& result);
// JSON: {"input", "value", "met", "evaluations", "tolerance", "achieved", "target"}.
void write_solve_json(std::ostream& out, const SolveResult& result, const SolveOptions& options);

// --- Sensitivity: which uncertain input moves one metric most. ---
enum class SensitivityMethod { kTornado, kMorris, kSobol };
struct SensitivityOptions {
  SensitivityMethod method = SensitivityMethod::kTornado;
  Metric metric = Metric::kComputeH100HoursPerResearcher;
  std::string institution;      // id
  int year = 0;                 // 0: the last year
  bool per_year = false;        // indices for every year instead of one
  std::optional<std::size_t> samples;  // Sobol base samples N, Morris trajectories, 1..kMaxSamples;
                                       // not given: kDefaultSobolSamples, kDefaultMorrisTrajectories
  std::uint64_t seed = 1;
  int threads = 1;
  int bootstrap = 500;          // Sobol confidence intervals
};
struct SensitivityRow {
  std::string input;
  int year = 0;
  // tornado: low, high, swing; morris: mu_star, sigma; sobol: first_order, first_order_ci, total, total_ci
  std::vector<double> values;
};
struct SensitivityTable {
  SensitivityMethod method = SensitivityMethod::kTornado;
  std::string metric, institution;
  std::vector<std::string> columns;  // the names of SensitivityRow::values
  std::vector<SensitivityRow> rows;  // by year, then by importance
  std::size_t evaluations = 0;
};
// Throws InputError when the scenario has no uncertain inputs, the institution or year is unknown.
SensitivityTable sensitivity(const Scenario& scenario, const SensitivityOptions& options);
// CSV: [year,]input,<columns>; JSON: {"method", "metric", "institution", "evaluations", "rows": [...]}.
void write_sensitivity_csv(std::ostream& out, const SensitivityTable& table);
void write_sensitivity_json(std::ostream& out, const SensitivityTable& table);

}  // namespace labsim
