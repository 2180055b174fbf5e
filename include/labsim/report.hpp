// Policy briefs: from a run (and optionally a baseline run) to the files of a brief.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
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
  bool appendix = false;                         // add the other charts, assumptions, method and stamp
  const EqualCost* equal_cost = nullptr;         // optional: brief_equal_cost(*this)
  const Trajectory* equal_cost_run = nullptr;    // with it: run(equal_cost->scenario)
  const SensitivityTable* drivers = nullptr;     // optional: brief_drivers(*this), for "what matters most"
};

// The equal-cost counterfactual a policy brief compares with (labsim::equal_cost): the policy's
// money given to the focal institution (report::focal_institution). None without a baseline,
// when the baseline lacks that institution or it is not a university, or when the policy adds
// no money.
std::optional<EqualCost> brief_equal_cost(const BriefInput& in);

// brief_equal_cost and its run, kept where BriefInput points to them.
struct BriefEqualCost {
  std::optional<EqualCost> cost;
  Trajectory run;
};

// Runs brief_equal_cost(in) into `keep` and points in.equal_cost and in.equal_cost_run at it
// (leaves them null when there is none). `keep` must outlive the use of `in`.
void add_equal_cost(BriefInput& in, BriefEqualCost& keep);

// The tornado of the focal institution's compute per researcher in the last year (each uncertain
// input at its 10th and 90th percentile): what the brief's "what matters most" ranks. None when
// the scenario has no uncertain inputs.
std::optional<SensitivityTable> brief_drivers(const BriefInput& in, int threads = 1);

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

// The inputs an interactive brief offers (labsim brief --interactive), as --set paths: the
// uncertain inputs (what "what matters most" ranks), each national resource's funding amounts and
// grants (allocation shares and hours: usually the policy), then the focal institution's (the
// first university's) funding amounts, compute share and each people entry's count and salary.
std::vector<std::string> brief_key_inputs(const Scenario& s);

// The interactive brief's file: `brief_html` (make_brief's brief.html) with, before its end, a
// section holding `explorer_page` (static_explorer's) in a frame, so that the brief's charts can
// be redrawn for other values of its key inputs. One self-contained file.
std::string interactive_brief(const std::string& brief_html, const std::string& explorer_page);

// The charts a brief may hold, in the order it shows them. Adding a chart: an enumerator here,
// its row in kBriefCharts, and the function in sim/report/brief_charts.cpp that draws it.
enum class BriefChart { kComputePerResearcher, kLargestRun, kBudgetSplit, kPeople, kPolicyEffect, kTornado, kCount };

struct BriefChartInfo {
  BriefChart chart;  // the row's own enumerator (checked against its position)
  const char* id;    // file stem: the chart is written as ID.svg and ID.png
  const char* when;  // when a brief shows it
};

inline constexpr std::array<BriefChartInfo, static_cast<std::size_t>(BriefChart::kCount)> kBriefCharts = {{
    {BriefChart::kComputePerResearcher, "compute_per_researcher", "always"},
    {BriefChart::kLargestRun, "largest_run", "always"},
    {BriefChart::kBudgetSplit, "budget_split", "always: the focal institution's (the first university)"},
    {BriefChart::kPeople, "people", "always: the focal institution's"},
    {BriefChart::kPolicyEffect, "policy_effect", "with a baseline that shares an institution"},
    {BriefChart::kTornado, "tornado", "with -n, when an uncertain input moves the focal compute per researcher"},
}};

namespace detail {
constexpr bool brief_charts_consistent() {
  for (std::size_t i = 0; i < kBriefCharts.size(); ++i) {
    if (static_cast<std::size_t>(kBriefCharts[i].chart) != i || !kBriefCharts[i].id || !*kBriefCharts[i].id)
      return false;
    for (std::size_t j = 0; j < i; ++j)
      if (std::string_view(kBriefCharts[i].id) == kBriefCharts[j].id) return false;
  }
  return true;
}
}  // namespace detail
static_assert(detail::brief_charts_consistent(), "kBriefCharts must list every BriefChart once, in enum order");

// The file stem of a chart, e.g. "compute_per_researcher".
constexpr const char* chart_id(BriefChart chart) { return kBriefCharts[static_cast<std::size_t>(chart)].id; }

// Every file name a brief's directory may hold: brief.html, brief.pdf, brief.md, each chart of
// kBriefCharts as ID.svg and ID.png (make_brief's), and brief-interactive.html (labsim brief
// --interactive). A directory holding nothing else is a brief's.
std::vector<std::string> brief_file_names();

struct BriefFile {
  std::string name;   // file name inside the output directory, e.g. "brief.html"
  std::string bytes;
};

// The brief's files: brief.html (self-contained: inline CSS, charts as inline data, no network
// fetch), brief.pdf, brief.md, and each chart it shows (kBriefCharts) as ID.svg and ID.png.
// Deterministic: the same inputs give the same bytes. Every scenario string is escaped for HTML
// and Markdown.
std::vector<BriefFile> make_brief(const BriefInput& input);

}  // namespace labsim
