// Writing one year of one institution into its trajectory, from the stages' results.
#include "engine_record.hpp"

#include <array>
#include <cstddef>

namespace labsim {

using model::Lanes;
using model::lane_of;

namespace {

// Extensive metrics of one year (`row`, the year's kMetricCount values) become totals over the
// replicas (one replica's values are already the totals); only the `wanted` ones (all: null).
void scale_to_replicas(int replicas, double* row, const MetricSet* wanted) {
  if (replicas == 1) return;
  for (const MetricInfo& m : kMetrics) {
    if (wanted && !(*wanted)[static_cast<size_t>(m.metric)]) continue;
    double& v = row[static_cast<int>(m.metric)];
    if (m.extensive && is_defined(v)) v *= replicas;
  }
}

}  // namespace

// The institution's own metrics of year `yi`; the frontier and research output, which need every
// institution's year, are set by record_frontier(). Written once over the lanes: numbers every
// lane has are computed as R, the fleet's and throughput's are read lane by lane.
template <class R>
void record(const Institution& inst, const model::BudgetPlanT<R>& plan, const model::TalentYearT<R>& ty,
            const model::FleetYear* fy, const model::Throughput* tp, const model::ClosingT<R>& closing, int yi,
            InstitutionSeries* const* out, const MetricSet* wanted) {
  constexpr int kLanesHere = model::kLanesOf<R>;
  std::array<double*, static_cast<size_t>(kLanesHere)> row;
  for (int l = 0; l < kLanesHere; ++l) row[static_cast<size_t>(l)] = out[l]->row(yi);
  auto want = [&](Metric m) { return !wanted || (*wanted)[static_cast<size_t>(m)]; };
  auto set = [&](Metric m, const R& v) {
    if (!want(m)) return;
    for (int l = 0; l < kLanesHere; ++l) row[static_cast<size_t>(l)][static_cast<int>(m)] = lane_of(v, l);
  };
  auto set_each = [&](Metric m, auto f) {
    if (!want(m)) return;
    for (int l = 0; l < kLanesHere; ++l) row[static_cast<size_t>(l)][static_cast<int>(m)] = f(l);
  };
  set(Metric::kBudgetRevenue, plan.revenue_usd);
  set_each(Metric::kBudgetIndirect, [&](int l) { return lane_of(ty.indirect_usd, l) + fy[l].indirect_usd; });
  set(Metric::kBudgetPersonnelSpend, ty.personnel_direct_usd);
  set_each(Metric::kBudgetComputeCapex, [&](int l) { return fy[l].capex_usd; });
  set_each(Metric::kBudgetComputeOpex, [&](int l) { return fy[l].opex_usd; });
  set_each(Metric::kBudgetCloudSpend, [&](int l) { return fy[l].cloud_usd; });
  set(Metric::kBudgetCarryover, closing.carry_out_usd);
  set(Metric::kBudgetLapsed, closing.lapsed_usd);
  set_each(Metric::kBudgetReservesDrawn, [&](int l) { return lane_of(ty.reserves_usd, l) + fy[l].reserves_usd; });
  set(Metric::kBudgetReserves, closing.reserves_usd);
  set_each(Metric::kBudgetUnfunded, [&](int l) { return lane_of(ty.unfunded_usd, l) + fy[l].unfunded_usd; });
  for (int l = 0; l < kLanesHere; ++l) {
    const model::FleetYear& f = fy[l];
    const model::Throughput& t = tp[l];
    double* r = row[static_cast<size_t>(l)];
    auto put = [&](Metric m, double v) {
      if (want(m)) r[static_cast<int>(m)] = v;
    };
    put(Metric::kFleetGpus, f.gpus);
    put(Metric::kFleetH100Equivalents, f.h100_equivalents);
    put(Metric::kFleetPeakPflops, f.peak_flops / 1e15);
    put(Metric::kFleetPowerMw, f.power_w / 1e6);
    put(Metric::kFleetPurchased, f.purchased);
    put(Metric::kFleetGpusIdle, f.gpus_idle);
    put(Metric::kFleetGpusRetiredEarly, f.gpus_retired_early);
    put(Metric::kComputeEffectiveFlop, t.effective_flop);
    put(Metric::kComputeGpuHours, t.gpu_hours);
    put(Metric::kComputeH100Hours, t.h100_hours);
    put(Metric::kComputeAllocatedH100Hours, t.allocated_h100_hours);
    put(Metric::kComputeAllocationsUnserved, 0);  // a national resource's: set by the engine's allocate()
    put(Metric::kComputeH100HoursPerResearcher, t.h100_hours_per_researcher);
    put(Metric::kComputeLargestRunFlop, t.largest_run_flop);
    put(Metric::kComputeLargestRunPowerMw, t.largest_run_power_w / 1e6);
    put(Metric::kComputeLargestRunPowerBound, t.largest_run_power_bound ? 1 : 0);
    put(Metric::kComputeOptimalParams, t.optimal_params);
  }
  const R start = model::sum_of(ty.start), departures = model::sum_of(ty.departures), graduates = model::sum_of(ty.graduates);
  set(Metric::kTalentHeadcount, model::sum_of(ty.end));
  // Per role: the sum of its groups (summed in registers, entry order).
  for (int r = 0; r < kRoleCount; ++r) {
    auto role = static_cast<Role>(r);
    R end = 0, hires = 0, to_industry = 0;
    for (size_t k = 0; k < inst.people.size(); ++k)
      if (inst.people[k].role == role) end = end + ty.end[k], hires = hires + ty.hires[k], to_industry = to_industry + ty.to_industry[k];
    set(headcount_metric(role), end);
    set(hires_metric(role), hires);
    set(departures_to_industry_metric(role), to_industry);
  }
  set(Metric::kTalentHires, model::sum_of(ty.hires));
  set(Metric::kTalentDepartures, departures);
  set(Metric::kTalentDeparturesToIndustry, model::sum_of(ty.to_industry));
  set(Metric::kTalentGraduates, graduates);
  set(Metric::kTalentPostsCut, model::sum_of(ty.cut));
  set(Metric::kTalentResearcherYears, ty.effective_researchers);
  const bool university = inst.kind == InstitutionKind::kUniversity;
  set_each(Metric::kTalentGraduatesToIndustryShare, [&](int l) {
    const double g = lane_of(graduates, l);
    return g > 0 && university ? lane_of(ty.graduates_to_industry, l) / g : kUndefined;
  });
  set_each(Metric::kTalentRetentionRate, [&](int l) {
    const double s0 = lane_of(start, l);
    return s0 > 0 ? 1 - lane_of(departures, l) / s0 : kUndefined;
  });
  set(Metric::kTalentMeanSalary, ty.mean_salary_usd);
  for (int l = 0; l < kLanesHere; ++l) scale_to_replicas(out[l]->replicas, row[static_cast<size_t>(l)], wanted);
}

template void record(const Institution&, const model::BudgetPlanT<double>&, const model::TalentYearT<double>&,
                     const model::FleetYear*, const model::Throughput*, const model::ClosingT<double>&, int,
                     InstitutionSeries* const*, const MetricSet*);
template void record(const Institution&, const model::BudgetPlanT<Lanes>&, const model::TalentYearT<Lanes>&,
                     const model::FleetYear*, const model::Throughput*, const model::ClosingT<Lanes>&, int,
                     InstitutionSeries* const*, const MetricSet*);

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
