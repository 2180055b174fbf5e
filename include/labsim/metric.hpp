// The metrics a run records: one table gives each its name, unit, scaling and meaning, and the
// compiler checks that it matches the Metric enum row by row. docs/cli.md ("Metrics") explains
// them at length; a test keeps its table in step with this one.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "labsim/scenario.hpp"

namespace labsim {

// In the order of kMetrics (the order of the CSV rows and JSON keys). Adding a metric: an
// enumerator here, its row in kMetrics, the line of record() in sim/engine.cpp that sets it,
// and its row in docs/cli.md.
enum class Metric {
  kBudgetRevenue, kBudgetIndirect, kBudgetPersonnelSpend, kBudgetComputeCapex,
  kBudgetComputeOpex, kBudgetCloudSpend, kBudgetCarryover, kBudgetLapsed, kBudgetReservesDrawn,
  kBudgetReserves, kBudgetUnfunded,
  kFleetGpus, kFleetH100Equivalents, kFleetPeakPflops, kFleetPowerMw, kFleetPurchased,
  kFleetGpusIdle, kFleetGpusRetiredEarly,
  kComputeEffectiveFlop, kComputeGpuHours, kComputeH100Hours, kComputeAllocatedH100Hours,
  kComputeAllocationsUnserved, kComputeH100HoursPerResearcher,
  kComputeLargestRunFlop, kComputeLargestRunPowerMw, kComputeLargestRunPowerBound, kComputeOptimalParams,
  kComputeFrontierFlop, kComputeFrontierRatio, kComputeFrontierExogenous, kComputeFrontierPowerGw,
  kComputeFrontierCapex,
  kTalentHeadcount, kTalentHeadcountFaculty, kTalentHeadcountPostdoc, kTalentHeadcountPhd,
  kTalentHeadcountResearchScientist, kTalentHeadcountEngineer,
  kTalentHires, kTalentHiresFaculty, kTalentHiresPostdoc, kTalentHiresPhd, kTalentHiresResearchScientist,
  kTalentHiresEngineer,
  kTalentDepartures, kTalentDeparturesToIndustry, kTalentDeparturesToIndustryFaculty,
  kTalentDeparturesToIndustryPostdoc, kTalentDeparturesToIndustryPhd,
  kTalentDeparturesToIndustryResearchScientist, kTalentDeparturesToIndustryEngineer, kTalentGraduates,
  kTalentPostsCut, kTalentResearcherYears,
  kTalentGraduatesToIndustryShare, kTalentRetentionRate, kTalentMeanSalary,
  kOutputNotableModels, kOutputLargeModels, kOutputNotableShare, kOutputAcademicShare,
  kCount
};
inline constexpr int kMetricCount = static_cast<int>(Metric::kCount);

struct MetricInfo {
  Metric metric;            // the row's own enumerator (checked against its position)
  const char* name;         // e.g. "budget.revenue"; stable: written in every output
  const char* unit;         // e.g. "usd"
  bool extensive;           // scales with replicas (totals), as opposed to ratios and per-run sizes
  const char* description;  // one line of plain language
};

// Every metric, row i describing Metric i.
inline constexpr std::array<MetricInfo, kMetricCount> kMetrics = {{
    {Metric::kBudgetRevenue, "budget.revenue", "usd", true, "Money paid in by the funding streams this year"},
    {Metric::kBudgetIndirect, "budget.indirect", "usd", true, "Indirect costs (F&A) paid"},
    {Metric::kBudgetPersonnelSpend, "budget.personnel_spend", "usd", true,
     "Salaries, fringe and tuition paid from these funds, F&A excluded"},
    {Metric::kBudgetComputeCapex, "budget.compute_capex", "usd", true, "GPUs bought this year, servers included"},
    {Metric::kBudgetComputeOpex, "budget.compute_opex", "usd", true, "Power and maintenance of the owned GPUs"},
    {Metric::kBudgetCloudSpend, "budget.cloud_spend", "usd", true, "Reserved and on-demand cloud rental"},
    {Metric::kBudgetCarryover, "budget.carryover", "usd", true, "Unspent money carried into next year"},
    {Metric::kBudgetLapsed, "budget.lapsed", "usd", true, "Unspent money lost at the end of the year"},
    {Metric::kBudgetReservesDrawn, "budget.reserves_drawn", "usd", true,
     "Commitments paid from the institution's reserves this year (no F&A)"},
    {Metric::kBudgetReserves, "budget.reserves", "usd", true, "The institution's reserves at the end of the year"},
    {Metric::kBudgetUnfunded, "budget.unfunded", "usd", true,
     "Commitments cut this year for lack of money: what they would have cost, F&A excluded"},
    {Metric::kFleetGpus, "fleet.gpus", "gpu", true, "Owned and reserved GPUs in service"},
    {Metric::kFleetH100Equivalents, "fleet.h100_equivalents", "h100e", true,
     "GPUs in service weighted by peak relative to the reference GPU"},
    {Metric::kFleetPeakPflops, "fleet.peak_pflops", "pflop_per_s", true, "Dense bf16 peak of the GPUs in service"},
    {Metric::kFleetPowerMw, "fleet.power_mw", "mw", true, "Facility power of the owned GPUs at full load"},
    {Metric::kFleetPurchased, "fleet.purchased", "gpu", true, "GPUs bought this year"},
    {Metric::kFleetGpusIdle, "fleet.gpus_idle", "gpu", true,
     "Owned GPUs kept but not run this year for lack of money"},
    {Metric::kFleetGpusRetiredEarly, "fleet.gpus_retired_early", "gpu", true,
     "GPUs retired or rentals released this year for lack of money"},
    {Metric::kComputeEffectiveFlop, "compute.effective_flop", "flop", true, "Training compute delivered in the year"},
    {Metric::kComputeGpuHours, "compute.gpu_hours", "gpu_hour", true, "GPU-hours delivered: owned, rented, allocated"},
    {Metric::kComputeH100Hours, "compute.h100_hours", "h100_hour", true, "Hours delivered, in reference-GPU hours"},
    {Metric::kComputeAllocatedH100Hours, "compute.allocated_h100_hours", "h100_hour", true,
     "Of those, H100-hours granted by national resources"},
    {Metric::kComputeAllocationsUnserved, "compute.allocations_unserved_h100_hours", "h100_hour", true,
     "A national resource: fixed grants it could not deliver this year (rationed pro rata)"},
    {Metric::kComputeH100HoursPerResearcher, "compute.h100_hours_per_researcher", "h100_hour_per_person", false,
     "H100-hours per researcher at the end of the year"},
    {Metric::kComputeLargestRunFlop, "compute.largest_run_flop", "flop", false, "The largest single training run"},
    {Metric::kComputeLargestRunPowerMw, "compute.largest_run_power_mw", "mw", false,
     "Facility power of the owned GPUs in the largest run"},
    {Metric::kComputeLargestRunPowerBound, "compute.largest_run_power_bound", "flag", false,
     "1 when the site's power cap, not the fleet share, limits the largest run"},
    {Metric::kComputeOptimalParams, "compute.optimal_params", "params", false,
     "Parameters of the compute-optimal model for that run"},
    {Metric::kComputeFrontierFlop, "compute.frontier_flop", "flop", false,
     "The year's frontier run: the largest modelled run, or the exogenous floor when larger"},
    {Metric::kComputeFrontierRatio, "compute.frontier_ratio", "ratio", false, "Largest run / the frontier run"},
    {Metric::kComputeFrontierExogenous, "compute.frontier_exogenous", "flag", false,
     "1 when the exogenous floor, not a modelled run, sets the frontier"},
    {Metric::kComputeFrontierPowerGw, "compute.frontier_power_gw", "gw", false,
     "An exogenous frontier: facility power its run would need on the year's best part"},
    {Metric::kComputeFrontierCapex, "compute.frontier_capex", "usd", false,
     "An exogenous frontier: cost of the GPUs and servers its run would need"},
    {Metric::kTalentHeadcount, "talent.headcount", "people", true, "Research headcount at the end of the year"},
    {Metric::kTalentHeadcountFaculty, "talent.headcount.faculty", "people", true, "Faculty at the end of the year"},
    {Metric::kTalentHeadcountPostdoc, "talent.headcount.postdoc", "people", true, "Postdocs at the end of the year"},
    {Metric::kTalentHeadcountPhd, "talent.headcount.phd", "people", true, "PhD students at the end of the year"},
    {Metric::kTalentHeadcountResearchScientist, "talent.headcount.research_scientist", "people", true,
     "Research scientists at the end of the year"},
    {Metric::kTalentHeadcountEngineer, "talent.headcount.engineer", "people", true, "Engineers at the end of the year"},
    {Metric::kTalentHires, "talent.hires", "people", true, "People hired this year"},
    {Metric::kTalentHiresFaculty, "talent.hires.faculty", "people", true, "Faculty hired this year"},
    {Metric::kTalentHiresPostdoc, "talent.hires.postdoc", "people", true, "Postdocs hired this year"},
    {Metric::kTalentHiresPhd, "talent.hires.phd", "people", true, "PhD students admitted this year"},
    {Metric::kTalentHiresResearchScientist, "talent.hires.research_scientist", "people", true,
     "Research scientists hired this year"},
    {Metric::kTalentHiresEngineer, "talent.hires.engineer", "people", true, "Engineers hired this year"},
    {Metric::kTalentDepartures, "talent.departures", "people", true, "Natural attrition plus moves to industry"},
    {Metric::kTalentDeparturesToIndustry, "talent.departures_to_industry", "people", true, "Moves to industry"},
    {Metric::kTalentDeparturesToIndustryFaculty, "talent.departures_to_industry.faculty", "people", true,
     "Faculty moving to industry this year"},
    {Metric::kTalentDeparturesToIndustryPostdoc, "talent.departures_to_industry.postdoc", "people", true,
     "Postdocs moving to industry this year"},
    {Metric::kTalentDeparturesToIndustryPhd, "talent.departures_to_industry.phd", "people", true,
     "PhD students leaving for industry before graduating"},
    {Metric::kTalentDeparturesToIndustryResearchScientist, "talent.departures_to_industry.research_scientist",
     "people", true, "Research scientists moving to industry this year"},
    {Metric::kTalentDeparturesToIndustryEngineer, "talent.departures_to_industry.engineer", "people", true,
     "Engineers moving to industry this year"},
    {Metric::kTalentGraduates, "talent.graduates", "people", true, "Graduations"},
    {Metric::kTalentPostsCut, "talent.posts_cut", "people", true, "Posts not renewed this year for lack of money"},
    {Metric::kTalentResearcherYears, "talent.researcher_years", "people", true,
     "Researcher-years of output: people kept, plus hires after their post's vacancy, at new-hire productivity"},
    {Metric::kTalentGraduatesToIndustryShare, "talent.graduates_to_industry_share", "share", false,
     "Expected share of the year's graduates who take industry jobs"},
    {Metric::kTalentRetentionRate, "talent.retention_rate", "share", false,
     "1 - departures / headcount at the start of the year"},
    {Metric::kTalentMeanSalary, "talent.mean_salary", "usd", false,
     "Headcount-weighted mean salary of the research roles at the end of the year"},
    {Metric::kOutputNotableModels, "output.notable_models", "models", true, "Expected notable models of the year"},
    {Metric::kOutputLargeModels, "output.large_models", "models", true,
     "Of those, the scale-gated part: models trained with at least the year's reference run"},
    {Metric::kOutputNotableShare, "output.notable_share", "share", false,
     "Share of research effort whose largest run is notable"},
    {Metric::kOutputAcademicShare, "output.academic_share", "share", false,
     "The universities' share of the scenario's notable models"},
}};

namespace detail {
// Row i is Metric i (a missing row shifts the rest, or leaves a value-initialised row behind),
// and every name is distinct and every text given.
constexpr bool metrics_consistent() {
  for (std::size_t i = 0; i < kMetrics.size(); ++i) {
    const MetricInfo& m = kMetrics[i];
    if (static_cast<std::size_t>(m.metric) != i || !m.name || !m.unit || !m.description) return false;
    if (*m.name == '\0' || *m.unit == '\0' || *m.description == '\0') return false;
    for (std::size_t j = 0; j < i; ++j)
      if (std::string_view(m.name) == kMetrics[j].name) return false;
  }
  return true;
}
}  // namespace detail
static_assert(detail::metrics_consistent(), "kMetrics must list every Metric once, in enum order, with distinct names");

// Name, unit, scaling and description of a metric. Requires metric != Metric::kCount.
constexpr const MetricInfo& metric_info(Metric metric) { return kMetrics[static_cast<std::size_t>(metric)]; }
// The metric called `name`, or Metric::kCount when there is none.
Metric find_metric(std::string_view name);
// Every metric's name, in Metric order (for did-you-mean hints).
const std::vector<std::string>& metric_names();
// The metric name nearest in spelling to `name` (as text/names.hpp's nearest), or "" when none
// is close: the "did you mean" of an unknown metric.
std::string nearest_metric(std::string_view name);

// A metric that was removed, and what replaced it.
struct RetiredMetric {
  const char* name;
  const char* replaced_by;  // one sentence naming the metrics to use instead
};
inline constexpr std::array<RetiredMetric, 1> kRetiredMetrics = {{
    {"budget.shortfall",
     "budget.shortfall is retired: reserves now pay what the funds cannot (budget.reserves_drawn, "
     "budget.reserves), and what neither pays is cut (budget.unfunded, talent.posts_cut, fleet.gpus_idle, "
     "fleet.gpus_retired_early)"},
}};

// The hint for an unknown metric `name`: what replaced it when it is a retired metric, else "did
// you mean 'NAME'?" for the nearest metric name, else what replaced the retired metric it is a
// misspelling of, else "" (the caller names the metrics).
std::string unknown_metric_hint(std::string_view name);

// The headcount metric of a role: the per-role headcounts follow Role's order.
constexpr Metric headcount_metric(Role role) {
  return static_cast<Metric>(static_cast<int>(Metric::kTalentHeadcountFaculty) + static_cast<int>(role));
}
// The hires and the moves to industry of a role, in Role's order like the headcounts.
constexpr Metric hires_metric(Role role) {
  return static_cast<Metric>(static_cast<int>(Metric::kTalentHiresFaculty) + static_cast<int>(role));
}
constexpr Metric departures_to_industry_metric(Role role) {
  return static_cast<Metric>(static_cast<int>(Metric::kTalentDeparturesToIndustryFaculty) + static_cast<int>(role));
}
static_assert(hires_metric(Role::kFaculty) == Metric::kTalentHiresFaculty &&
              hires_metric(Role::kEngineer) == Metric::kTalentHiresEngineer &&
              departures_to_industry_metric(Role::kFaculty) == Metric::kTalentDeparturesToIndustryFaculty &&
              departures_to_industry_metric(Role::kEngineer) == Metric::kTalentDeparturesToIndustryEngineer,
              "the per-role hires and moves follow Role's order");

// The role a per-role metric is about (headcount, hires or moves to industry of one role), or
// kRoleCount for a metric about the whole institution: outputs list a per-role metric only for
// the roles the institution has.
constexpr int role_of(Metric m) {
  for (int r = 0; r < kRoleCount; ++r) {
    auto role = static_cast<Role>(r);
    if (m == headcount_metric(role) || m == hires_metric(role) || m == departures_to_industry_metric(role)) return r;
  }
  return kRoleCount;
}
static_assert(headcount_metric(Role::kFaculty) == Metric::kTalentHeadcountFaculty &&
              headcount_metric(Role::kPostdoc) == Metric::kTalentHeadcountPostdoc &&
              headcount_metric(Role::kPhd) == Metric::kTalentHeadcountPhd &&
              headcount_metric(Role::kResearchScientist) == Metric::kTalentHeadcountResearchScientist &&
              headcount_metric(Role::kEngineer) == Metric::kTalentHeadcountEngineer &&
              kRoleCount == 5, "the per-role headcount metrics follow Role's order");

}  // namespace labsim
