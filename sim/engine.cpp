// The only year loop: orders the stages, routes national-resource allocations, records metrics
// and checks the invariants every year.
#include "labsim/engine.hpp"

#include <algorithm>
#include <cmath>

#include "engine_invariants.hpp"
#include "model/budget.hpp"
#include "model/fleet.hpp"
#include "model/talent.hpp"
#include "model/throughput.hpp"

namespace labsim {

namespace {

using model::RoleArray;

// NIH NRSA postdoctoral stipend, level 0, 2024 (NOT-OD-24-104): the academic offer a new PhD
// weighs when the institution itself has no postdoc role.
constexpr double kNrsaPostdocUsd2024 = 61008;

struct InstState {
  std::vector<model::LiveCohort> cohorts;
  RoleArray heads{};
  double carry_usd = 0;
  double carry_rate = 0;
  double h100_hours = 0;   // last year, per replica
  double researchers = 0;  // last year, per replica
};

double sum(const RoleArray& a) {
  double t = 0;
  for (double v : a) t += v;
  return t;
}

double academic_offer(const Scenario& s, const Institution& inst, int year) {
  for (const RolePlan& p : inst.people)
    if (p.role == Role::kPostdoc) return model::role_salary(p, s.market, s.first_year, year);
  return kNrsaPostdocUsd2024 * std::pow(1 + s.economy.inflation_rate, year - 2024);
}

// Headcount-weighted H100-hours per researcher over the industry institutions, last year.
double industry_compute(const Scenario& s, const std::vector<InstState>& state, int year) {
  double hours = 0, people = 0;
  for (size_t i = 0; i < s.institutions.size(); ++i) {
    if (s.institutions[i].kind != InstitutionKind::kIndustry) continue;
    hours += state[i].h100_hours * s.institutions[i].replicas;
    people += state[i].researchers * s.institutions[i].replicas;
  }
  if (people > 0) return hours / people;
  if (s.market.industry_h100_hours_per_researcher) return s.market.industry_h100_hours_per_researcher->at(year - 1);
  return 0;
}

void init_state(const Scenario& s, std::vector<InstState>& state) {
  state.resize(s.institutions.size());
  for (size_t i = 0; i < s.institutions.size(); ++i) {
    const Institution& inst = s.institutions[i];
    InstState& st = state[i];
    st = InstState{};
    st.cohorts.reserve(inst.fleet.size() + static_cast<size_t>(s.year_count()));
    model::initial_cohorts(inst, s, st.cohorts);
    for (const RolePlan& p : inst.people) st.heads[static_cast<size_t>(p.role)] = p.count;
    // "Last year" before the first: the initial fleet and headcount.
    model::FleetYear f = model::measure_fleet(inst, s, s.first_year, st.cohorts);
    st.h100_hours = f.owned_h100_hours + f.rented_h100_hours;
    st.researchers = sum(st.heads);
  }
}

void record(const Institution& inst, const model::BudgetPlan& plan, const model::TalentYear& ty,
            const model::FleetYear& fy, const model::Throughput& tp, const model::Closing& closing,
            int yi, InstitutionSeries& out) {
  auto set = [&](Metric m, double v) {
    out.at(yi, m) = metric_info(m).extensive && is_defined(v) ? v * inst.replicas : v;
  };
  set(Metric::kBudgetRevenue, plan.revenue_usd);
  set(Metric::kBudgetIndirect, ty.indirect_usd + fy.indirect_usd);
  set(Metric::kBudgetPersonnelSpend, ty.personnel_direct_usd);
  set(Metric::kBudgetComputeCapex, fy.capex_usd);
  set(Metric::kBudgetComputeOpex, fy.opex_usd);
  set(Metric::kBudgetCloudSpend, fy.cloud_usd);
  set(Metric::kBudgetCarryover, closing.carry_out_usd);
  set(Metric::kBudgetLapsed, closing.lapsed_usd);
  set(Metric::kBudgetShortfall, ty.shortfall_usd + fy.shortfall_usd);
  set(Metric::kFleetGpus, fy.gpus);
  set(Metric::kFleetH100Equivalents, fy.h100_equivalents);
  set(Metric::kFleetPeakPflops, fy.peak_flops / 1e15);
  set(Metric::kFleetPowerMw, fy.power_w / 1e6);
  set(Metric::kFleetPurchased, fy.purchased);
  set(Metric::kComputeEffectiveFlop, tp.effective_flop);
  set(Metric::kComputeGpuHours, tp.gpu_hours);
  set(Metric::kComputeH100Hours, tp.h100_hours);
  set(Metric::kComputeH100HoursPerResearcher, tp.h100_hours_per_researcher);
  set(Metric::kComputeLargestRunFlop, tp.largest_run_flop);
  set(Metric::kComputeOptimalParams, tp.optimal_params);
  set(Metric::kComputeFrontierRatio, tp.frontier_ratio);
  double start = sum(ty.start), departures = sum(ty.departures), graduates = sum(ty.graduates);
  set(Metric::kTalentHeadcount, sum(ty.end));
  for (int r = 0; r < kRoleCount; ++r)
    set(headcount_metric(static_cast<Role>(r)), ty.end[static_cast<size_t>(r)]);
  set(Metric::kTalentHires, sum(ty.hires));
  set(Metric::kTalentDepartures, departures);
  set(Metric::kTalentDeparturesToIndustry, sum(ty.to_industry));
  set(Metric::kTalentGraduates, graduates);
  set(Metric::kTalentGraduatesToIndustryShare,
      graduates > 0 && inst.kind == InstitutionKind::kUniversity ? ty.graduates_to_industry / graduates : kUndefined);
  set(Metric::kTalentRetentionRate, start > 0 ? 1 - departures / start : kUndefined);
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
    series.kind = inst.kind;
    series.replicas = inst.replicas;
    series.roles.clear();
    for (const RolePlan& p : inst.people) series.roles.push_back(p.role);
    series.values.assign(static_cast<size_t>(s.year_count() * kMetricCount), 0.0);
  }
}

// One institution's year; returns its delivered H100-hours (per replica) for allocations.
double step(const Scenario& s, size_t i, int year, double allocated, double industry_c,
            std::vector<InstState>& state, Trajectory& out) {
  const Institution& inst = s.institutions[i];
  InstState& st = state[i];
  model::BudgetPlan plan = model::plan_budget(inst, year, st.carry_usd, st.carry_rate);
  model::TalentMarket market{s.market.industry_comp_usd.at(year), industry_c,
                             st.researchers > 0 ? st.h100_hours / st.researchers : 0,
                             academic_offer(s, inst, year)};
  model::TalentYear ty = model::step_talent(inst, s, market, year, st.heads, plan.personnel_usd, plan.indirect_rate);
  model::FleetYear fy = model::step_fleet(inst, s, year, plan.compute_usd, plan.indirect_rate, st.cohorts);
  double researchers = sum(ty.end);
  model::Throughput tp = model::throughput(s, inst, fy, allocated, researchers, year);
  model::Closing closing =
      model::close_year(inst, plan, ty.spent_usd() + fy.spent_usd(), ty.shortfall_usd + fy.shortfall_usd);
  int yi = year - s.first_year;
  record(inst, plan, ty, fy, tp, closing, yi, out.institutions[i]);
  check_year_invariants(inst, year, plan, ty, fy, tp, closing);
  st.heads = ty.end;
  st.carry_usd = closing.carry_out_usd;
  st.carry_rate = plan.indirect_rate;
  st.h100_hours = tp.h100_hours;
  st.researchers = researchers;
  return tp.h100_hours;
}

}  // namespace

void run_into(const Scenario& s, Trajectory& out) {
  prepare(s, out);
  std::vector<InstState> state;
  init_state(s, state);
  std::vector<double> allocated(s.institutions.size(), 0.0);
  for (int year = s.first_year; year <= s.last_year; ++year) {
    double industry_c = industry_compute(s, state, year);
    std::fill(allocated.begin(), allocated.end(), 0.0);
    // National resources first: their delivered hours are allocated to others the same year.
    for (bool national : {true, false}) {
      for (size_t i = 0; i < s.institutions.size(); ++i) {
        const Institution& inst = s.institutions[i];
        if ((inst.kind == InstitutionKind::kNationalResource) != national) continue;
        double delivered = step(s, i, year, allocated[i], industry_c, state, out);
        for (const Allocation& a : inst.allocations)
          allocated[static_cast<size_t>(a.recipient)] +=
              a.share * delivered * inst.replicas / s.institutions[static_cast<size_t>(a.recipient)].replicas;
      }
    }
  }
}

Trajectory run(const Scenario& scenario) {
  Trajectory t;
  run_into(scenario, t);
  return t;
}

}  // namespace labsim
