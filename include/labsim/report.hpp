// Policy briefs: from a run (and optionally a baseline run) to the files of a brief.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "labsim/explore.hpp"
#include "labsim/scenario.hpp"
#include "labsim/trajectory.hpp"

namespace labsim {

struct BriefUncertainty;

struct BriefInput {
  const Scenario* scenario = nullptr;            // required
  const Trajectory* trajectory = nullptr;        // required: run(*scenario)
  const Scenario* baseline_scenario = nullptr;   // optional, with baseline
  const Trajectory* baseline = nullptr;          // optional: run(*baseline_scenario)
  std::string command_line;                      // for the reproducibility stamp
  std::string date;                              // "YYYY-MM-DD", or empty: no date anywhere
  const BriefUncertainty* uncertainty = nullptr; // optional: analyse_uncertainty(*this, ...) (labsim brief -n)
};

// The uncertainty sections of a brief: fan charts, a tornado chart, the spread of the focal
// institution's compute per researcher, and the sampling in the reproducibility stamp.
struct BriefUncertainty {
  MonteCarloOptions options;           // as run: samples, seed, sampler (the thread count changes nothing)
  std::size_t inputs = 0;              // the scenario's uncertain inputs; 0: nothing was sampled
  StatTable scenario;                  // monte_carlo(scenario): kBriefMetrics, column "value"
  std::optional<StatTable> comparison; // compare(baseline, scenario, options): column "difference" is
                                       // the policy's effect sample by sample; none without a baseline
                                       // or when the two cover different years
  std::optional<SensitivityTable> tornado;  // focal institution, compute per researcher, last year
};

// The metrics the brief's Monte Carlo summarises.
inline const std::vector<Metric> kBriefMetrics = {Metric::kComputeH100HoursPerResearcher,
                                                  Metric::kComputeLargestRunFlop};

// Runs what the uncertainty sections show, with `options` (its metrics are replaced by
// kBriefMetrics): a Monte Carlo of in.scenario; with a baseline over the same years, the policy
// against it with common random numbers; a tornado (each input at its 10th and 90th percentile)
// for report::focal_institution's compute per researcher in the last year. A scenario without
// uncertain inputs is not an error: the result has inputs == 0 and no tables, and the brief says
// so. Throws InputError for an invalid distribution (as monte_carlo does).
BriefUncertainty analyse_uncertainty(const BriefInput& in, const MonteCarloOptions& options);

struct BriefFile {
  std::string name;   // file name inside the output directory, e.g. "brief.html"
  std::string bytes;
};

// The brief's files: brief.html (self-contained: inline CSS, charts as inline data, no network
// fetch), brief.pdf, brief.md, and each chart as NAME.svg and NAME.png. Deterministic: the
// same inputs give the same bytes. Every scenario string is escaped for HTML and Markdown.
std::vector<BriefFile> make_brief(const BriefInput& input);

}  // namespace labsim
