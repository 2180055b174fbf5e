// Writing one year of one institution into its trajectory, from the stages' results.
#include "engine_record.hpp"

#include <array>
#include <cstddef>

namespace labsim {

using model::Lanes;

namespace {

double sum(const model::GroupArray& a) {
  double t = 0;
  for (double v : a) t += v;
  return t;
}

// Extensive metrics of year `yi` become totals over the replicas (one replica's values are
// already the totals).
void scale_to_replicas(int replicas, int yi, InstitutionSeries& out) {
  if (replicas == 1) return;
  for (const MetricInfo& m : kMetrics) {
    double& v = out.at(yi, m.metric);
    if (m.extensive && is_defined(v)) v *= replicas;
  }
}

}  // namespace

// The institution's own metrics of year `yi`; the frontier and research output, which need every
// institution's year, are set by record_frontier().
void record(const Institution& inst, const model::BudgetPlan& plan, const model::TalentYear& ty,
            const model::FleetYear& fy, const model::Throughput& tp, const model::Closing& closing, int yi,
            InstitutionSeries& out) {
  auto set = [&](Metric m, double v) { out.at(yi, m) = v; };
  set(Metric::kBudgetRevenue, plan.revenue_usd);
  set(Metric::kBudgetIndirect, ty.indirect_usd + fy.indirect_usd);
  set(Metric::kBudgetPersonnelSpend, ty.personnel_direct_usd);
  set(Metric::kBudgetComputeCapex, fy.capex_usd);
  set(Metric::kBudgetComputeOpex, fy.opex_usd);
  set(Metric::kBudgetCloudSpend, fy.cloud_usd);
  set(Metric::kBudgetCarryover, closing.carry_out_usd);
  set(Metric::kBudgetLapsed, closing.lapsed_usd);
  set(Metric::kBudgetReservesDrawn, ty.reserves_usd + fy.reserves_usd);
  set(Metric::kBudgetReserves, closing.reserves_usd);
  set(Metric::kBudgetUnfunded, ty.unfunded_usd + fy.unfunded_usd);
  set(Metric::kFleetGpus, fy.gpus);
  set(Metric::kFleetH100Equivalents, fy.h100_equivalents);
  set(Metric::kFleetPeakPflops, fy.peak_flops / 1e15);
  set(Metric::kFleetPowerMw, fy.power_w / 1e6);
  set(Metric::kFleetPurchased, fy.purchased);
  set(Metric::kFleetGpusIdle, fy.gpus_idle);
  set(Metric::kFleetGpusRetiredEarly, fy.gpus_retired_early);
  set(Metric::kComputeEffectiveFlop, tp.effective_flop);
  set(Metric::kComputeGpuHours, tp.gpu_hours);
  set(Metric::kComputeH100Hours, tp.h100_hours);
  set(Metric::kComputeAllocatedH100Hours, tp.allocated_h100_hours);
  set(Metric::kComputeAllocationsUnserved, 0);  // a national resource's: set by the engine's allocate()
  set(Metric::kComputeH100HoursPerResearcher, tp.h100_hours_per_researcher);
  set(Metric::kComputeLargestRunFlop, tp.largest_run_flop);
  set(Metric::kComputeLargestRunPowerMw, tp.largest_run_power_w / 1e6);
  set(Metric::kComputeLargestRunPowerBound, tp.largest_run_power_bound ? 1 : 0);
  set(Metric::kComputeOptimalParams, tp.optimal_params);
  double start = sum(ty.start), departures = sum(ty.departures), graduates = sum(ty.graduates);
  set(Metric::kTalentHeadcount, sum(ty.end));
  // Per role: the sum of its groups (summed in registers, entry order).
  for (int r = 0; r < kRoleCount; ++r) {
    auto role = static_cast<Role>(r);
    double end = 0, hires = 0, to_industry = 0;
    for (size_t k = 0; k < inst.people.size(); ++k)
      if (inst.people[k].role == role) end += ty.end[k], hires += ty.hires[k], to_industry += ty.to_industry[k];
    set(headcount_metric(role), end);
    set(hires_metric(role), hires);
    set(departures_to_industry_metric(role), to_industry);
  }
  set(Metric::kTalentHires, sum(ty.hires));
  set(Metric::kTalentDepartures, departures);
  set(Metric::kTalentDeparturesToIndustry, sum(ty.to_industry));
  set(Metric::kTalentGraduates, graduates);
  set(Metric::kTalentPostsCut, sum(ty.cut));
  set(Metric::kTalentResearcherYears, ty.effective_researchers);
  set(Metric::kTalentGraduatesToIndustryShare,
      graduates > 0 && inst.kind == InstitutionKind::kUniversity ? ty.graduates_to_industry / graduates : kUndefined);
  set(Metric::kTalentRetentionRate, start > 0 ? 1 - departures / start : kUndefined);
  set(Metric::kTalentMeanSalary, ty.mean_salary_usd);
  scale_to_replicas(inst.replicas, yi, out);
}

model::BudgetPlan lane_of(const model::BudgetPlanT<double>& p, int) { return p; }
model::BudgetPlan lane_of(const model::BudgetPlanT<Lanes>& p, int l) {
  return {p.revenue_usd[l], p.carry_in_usd[l], p.available_usd[l], p.indirect_rate[l],
          p.compute_usd[l], p.personnel_usd[l], p.reserves_usd[l], {p.only.compute_usd[l], p.only.people_usd[l]}};
}
model::Closing lane_of(const model::ClosingT<double>& c, int) { return c; }
model::Closing lane_of(const model::ClosingT<Lanes>& c, int l) {
  return {c.carry_out_usd[l], c.lapsed_usd[l], c.reserves_usd[l]};
}
model::TalentYear lane_of(const model::TalentYearT<double>& y, int, size_t) { return y; }
model::TalentYear lane_of(const model::TalentYearT<Lanes>& y, int l, size_t groups) {
  model::TalentYear t;
  for (size_t r = 0; r < groups; ++r) {
    t.start[r] = y.start[r][l], t.end[r] = y.end[r][l], t.hires[r] = y.hires[r][l];
    t.departures[r] = y.departures[r][l], t.to_industry[r] = y.to_industry[r][l];
    t.graduates[r] = y.graduates[r][l], t.cut[r] = y.cut[r][l];
  }
  t.graduates_to_industry = y.graduates_to_industry[l];
  t.effective_researchers = y.effective_researchers[l];
  t.mean_salary_usd = y.mean_salary_usd[l];
  t.personnel_direct_usd = y.personnel_direct_usd[l];
  t.indirect_usd = y.indirect_usd[l];
  t.reserves_usd = y.reserves_usd[l];
  t.unfunded_usd = y.unfunded_usd[l];
  return t;
}

void prepare(const Scenario& s, Trajectory& out) {
  out.scenario = s.name;
  out.first_year = s.first_year;
  out.last_year = s.last_year;
  out.institutions.resize(s.institutions.size());
  for (size_t i = 0; i < s.institutions.size(); ++i) {
    const Institution& inst = s.institutions[i];
    InstitutionSeries& series = out.institutions[i];
    series.id = inst.id;
    series.name = inst.name;
    series.short_name = inst.short_name;
    series.kind = inst.kind;
    series.replicas = inst.replicas;
    series.roles.clear();
    for (const RolePlan& p : inst.people) series.roles.push_back(p.role);
    // No fill: the year loop writes every metric of every year (tests/test_block.cpp holds it to
    // that), so a reused trajectory's old values are all overwritten.
    series.values.resize(static_cast<size_t>(s.year_count() * kMetricCount));
  }
}

}  // namespace labsim
