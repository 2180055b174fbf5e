// The result of a run: per institution, per year, a fixed set of named metrics.
#pragma once

#include <cmath>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "labsim/scenario.hpp"

namespace labsim {

// The v1 metrics (DESIGN §5). Values are stored in one flat array per institution.
enum class Metric {
  kBudgetRevenue, kBudgetIndirect, kBudgetPersonnelSpend, kBudgetComputeCapex,
  kBudgetComputeOpex, kBudgetCloudSpend, kBudgetCarryover, kBudgetLapsed, kBudgetShortfall,
  kFleetGpus, kFleetH100Equivalents, kFleetPeakPflops, kFleetPowerMw, kFleetPurchased,
  kComputeEffectiveFlop, kComputeGpuHours, kComputeH100Hours, kComputeH100HoursPerResearcher,
  kComputeLargestRunFlop, kComputeOptimalParams, kComputeFrontierRatio,
  kTalentHeadcount, kTalentHeadcountFaculty, kTalentHeadcountPostdoc, kTalentHeadcountPhd,
  kTalentHeadcountResearchScientist, kTalentHeadcountEngineer,
  kTalentHires, kTalentDepartures, kTalentDeparturesToIndustry, kTalentGraduates,
  kTalentGraduatesToIndustryShare, kTalentRetentionRate,
  kOutputNotableModels, kOutputNotableShare, kOutputAcademicShare,
  kCount
};
inline constexpr int kMetricCount = static_cast<int>(Metric::kCount);

struct MetricInfo {
  const char* name;  // e.g. "budget.revenue"
  const char* unit;  // e.g. "usd"
  bool extensive;    // scales with replicas (totals), as opposed to ratios and per-run sizes
};

// Name, unit and scaling of a metric.
const MetricInfo& metric_info(Metric metric);
// The metric called `name`, or Metric::kCount when there is none.
Metric find_metric(std::string_view name);
// Every metric's name, in Metric order (for did-you-mean hints).
const std::vector<std::string>& metric_names();
// The headcount metric of a role.
Metric headcount_metric(Role role);

// Undefined values (a ratio with a zero denominator) are stored as NaN and written as empty
// (CSV) or null (JSON).
inline constexpr double kUndefined = NAN;
inline bool is_defined(double v) { return std::isfinite(v); }

struct InstitutionSeries {
  std::string id;
  std::string name;
  InstitutionKind kind = InstitutionKind::kUniversity;
  int replicas = 1;
  std::vector<Role> roles;      // roles this institution has, in scenario order
  std::vector<double> values;   // [year_index * kMetricCount + metric], totals over replicas

  double at(int year_index, Metric m) const {
    return values[static_cast<size_t>(year_index * kMetricCount + static_cast<int>(m))];
  }
  double& at(int year_index, Metric m) {
    return values[static_cast<size_t>(year_index * kMetricCount + static_cast<int>(m))];
  }
};

struct Trajectory {
  std::string scenario;
  int first_year = 0;
  int last_year = 0;
  std::vector<InstitutionSeries> institutions;

  int year_count() const { return last_year - first_year + 1; }
};

}  // namespace labsim
