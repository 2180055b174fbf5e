#include "labsim/trajectory.hpp"

#include <string_view>

namespace labsim {

namespace {

constexpr MetricInfo kMetrics[kMetricCount] = {
    {"budget.revenue", "usd", true},
    {"budget.indirect", "usd", true},
    {"budget.personnel_spend", "usd", true},
    {"budget.compute_capex", "usd", true},
    {"budget.compute_opex", "usd", true},
    {"budget.cloud_spend", "usd", true},
    {"budget.carryover", "usd", true},
    {"budget.lapsed", "usd", true},
    {"budget.shortfall", "usd", true},
    {"fleet.gpus", "gpu", true},
    {"fleet.h100_equivalents", "h100e", true},
    {"fleet.peak_pflops", "pflop_per_s", true},
    {"fleet.power_mw", "mw", true},
    {"fleet.purchased", "gpu", true},
    {"compute.effective_flop", "flop", true},
    {"compute.gpu_hours", "gpu_hour", true},
    {"compute.h100_hours", "h100_hour", true},
    {"compute.h100_hours_per_researcher", "h100_hour_per_person", false},
    {"compute.largest_run_flop", "flop", false},
    {"compute.optimal_params", "params", false},
    {"compute.frontier_ratio", "ratio", false},
    {"talent.headcount", "people", true},
    {"talent.headcount.faculty", "people", true},
    {"talent.headcount.postdoc", "people", true},
    {"talent.headcount.phd", "people", true},
    {"talent.headcount.research_scientist", "people", true},
    {"talent.headcount.engineer", "people", true},
    {"talent.hires", "people", true},
    {"talent.departures", "people", true},
    {"talent.departures_to_industry", "people", true},
    {"talent.graduates", "people", true},
    {"talent.graduates_to_industry_share", "share", false},
    {"talent.retention_rate", "share", false},
    {"output.notable_models", "models", true},
    {"output.notable_share", "share", false},
    {"output.academic_share", "share", false},
};

}  // namespace

const MetricInfo& metric_info(Metric metric) { return kMetrics[static_cast<int>(metric)]; }

const std::vector<std::string>& metric_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (int m = 0; m < kMetricCount; ++m) v.emplace_back(metric_info(static_cast<Metric>(m)).name);
    return v;
  }();
  return names;
}

Metric find_metric(std::string_view name) {
  for (int i = 0; i < kMetricCount; ++i)
    if (name == kMetrics[i].name) return static_cast<Metric>(i);
  return Metric::kCount;
}

Metric headcount_metric(Role role) {
  return static_cast<Metric>(static_cast<int>(Metric::kTalentHeadcountFaculty) + static_cast<int>(role));
}

}  // namespace labsim
