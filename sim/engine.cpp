// The only year loop: orders the stages, routes national-resource allocations, records metrics
// and checks the invariants every year.
#include "labsim/engine.hpp"

#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "engine_invariants.hpp"
#include "model/budget.hpp"
#include "model/fleet.hpp"
#include "model/growth.hpp"
#include "model/largest_run.hpp"
#include "model/output.hpp"
#include "model/talent.hpp"
#include "model/throughput.hpp"

namespace labsim {

namespace {

using model::RoleArray;

struct InstState {
  std::vector<model::LiveCohort> cohorts;
  RoleArray heads{};
  double carry_usd = 0;
  double carry_rate = 0;
  double reserves_usd = 0;
  double research_h100_hours = 0;  // last year, per replica: the research share of the delivered hours
  double researchers = 0;          // last year, per replica
  double effective_researchers = 0;  // this year, per replica (model::TalentYear)
  double largest_run_flop = 0;  // this year, per replica
};

// What every institution faces alike in one year: read once, before the institutions step.
struct YearInputs {
  int year = 0;
  double industry_comp_usd = 0;       // market.industry_comp
  std::optional<double> frontier_floor_flop;  // market.frontier_training_flop, when given
  std::optional<double> industry_demand_usd;  // market.industry_demand, when given
  std::optional<double> academic_demand_usd;  // market.academic_demand, when given
  double academic_offer_usd = 0;      // model::academic_offer_usd
  double inflation_growth = 0;        // model::inflation_growth
  model::FleetPrices fleet;
};

}  // namespace

// Storage kept from run to run; every field is reset by the run that uses it.
struct EngineWorkspace::State {
  std::vector<InstState> institutions;       // indexed like Scenario::institutions
  std::vector<double> allocated_h100_hours;  // this year, per recipient replica
  std::vector<double> largest_runs;          // this year, per institution (one replica)
  std::vector<double> notable_models;        // this year, per institution (over replicas)
};

EngineWorkspace::EngineWorkspace() noexcept = default;
EngineWorkspace::~EngineWorkspace() = default;
EngineWorkspace::EngineWorkspace(EngineWorkspace&&) noexcept = default;
EngineWorkspace& EngineWorkspace::operator=(EngineWorkspace&&) noexcept = default;

namespace {

using Workspace = EngineWorkspace::State;

double sum(const RoleArray& a) {
  double t = 0;
  for (double v : a) t += v;
  return t;
}

model::OfferNeeds offer_needs(const Scenario& s) {
  model::OfferNeeds needs;
  for (const Institution& inst : s.institutions) {
    model::OfferNeeds n = model::offer_needs(inst);
    needs.cloud = needs.cloud || n.cloud;
  }
  return needs;
}

YearInputs year_inputs(const Scenario& s, int year, model::OfferNeeds needs) {
  YearInputs in;
  in.year = year;
  in.industry_comp_usd = s.market.industry_comp_usd.at(year);
  if (s.market.frontier_training_flop) in.frontier_floor_flop = s.market.frontier_training_flop->at(year);
  if (s.market.industry_demand_usd) in.industry_demand_usd = s.market.industry_demand_usd->at(year);
  if (s.market.academic_demand_usd) in.academic_demand_usd = s.market.academic_demand_usd->at(year);
  in.academic_offer_usd = model::academic_offer_usd(s, year);
  in.inflation_growth = model::inflation_growth(s, year);
  in.fleet = model::fleet_prices(s, year, in.inflation_growth, needs);
  return in;
}

// Headcount-weighted research H100-hours per researcher over the industry institutions, last year; else
// market.industry_h100_hours_per_researcher; nullopt when the scenario gives neither.
std::optional<double> industry_compute(const Scenario& s, const std::vector<InstState>& state, int year) {
  double hours = 0, people = 0;
  for (size_t i = 0; i < s.institutions.size(); ++i) {
    if (s.institutions[i].kind != InstitutionKind::kIndustry) continue;
    hours += state[i].research_h100_hours * s.institutions[i].replicas;
    people += state[i].researchers * s.institutions[i].replicas;
  }
  if (people > 0) return hours / people;
  if (s.market.industry_h100_hours_per_researcher) return s.market.industry_h100_hours_per_researcher->at(year - 1);
  return std::nullopt;
}

void init_state(const Scenario& s, std::vector<InstState>& state) {
  state.resize(s.institutions.size());
  model::FleetPrices first_year =
      model::fleet_prices(s, s.first_year, model::inflation_growth(s, s.first_year), {});
  for (size_t i = 0; i < s.institutions.size(); ++i) {
    const Institution& inst = s.institutions[i];
    InstState& st = state[i];
    st = InstState{.cohorts = std::move(st.cohorts)};  // a fresh state in the old cohort storage
    st.cohorts.clear();
    st.cohorts.reserve(inst.fleet.size() + static_cast<size_t>(s.year_count()));
    model::initial_cohorts(inst, s, st.cohorts);
    for (const RolePlan& p : inst.people) st.heads[static_cast<size_t>(p.role)] = p.count;
    st.reserves_usd = inst.reserves_usd;
    // "Last year" before the first: the initial fleet and headcount.
    model::FleetYear f = model::measure_fleet(inst, s, first_year, st.cohorts);
    st.research_h100_hours = (f.owned_h100_hours + f.rented_h100_hours) * inst.research_share;
    st.researchers = sum(st.heads);
  }
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
  set(Metric::kComputeH100HoursPerResearcher, tp.h100_hours_per_researcher);
  set(Metric::kComputeLargestRunFlop, tp.largest_run_flop);
  set(Metric::kComputeLargestRunPowerMw, tp.largest_run_power_w / 1e6);
  set(Metric::kComputeLargestRunPowerBound, tp.largest_run_power_bound ? 1 : 0);
  set(Metric::kComputeOptimalParams, tp.optimal_params);
  double start = sum(ty.start), departures = sum(ty.departures), graduates = sum(ty.graduates);
  set(Metric::kTalentHeadcount, sum(ty.end));
  for (int r = 0; r < kRoleCount; ++r) {
    auto role = static_cast<Role>(r);
    auto k = static_cast<size_t>(r);
    set(headcount_metric(role), ty.end[k]);
    set(hires_metric(role), ty.hires[k]);
    set(departures_to_industry_metric(role), ty.to_industry[k]);
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

// The year's frontier (the largest modelled run, or the exogenous floor) and, against it, every
// institution's frontier ratio and research output (docs/model.md, "Frontier", "Research output").
void record_frontier(const Scenario& s, const YearInputs& in, Workspace& ws, Trajectory& out) {
  const int yi = in.year - s.first_year;
  for (size_t i = 0; i < s.institutions.size(); ++i) ws.largest_runs[i] = ws.institutions[i].largest_run_flop;
  const model::Frontier f = model::frontier(ws.largest_runs, in.frontier_floor_flop);
  // An exogenous frontier is priced on the part a reference industry buyer (`best`, owned, paying
  // for its power, no F&A) gets that year.
  static const Institution buyer = [] {
    Institution i;
    i.kind = InstitutionKind::kIndustry;
    return i;
  }();
  const model::RunNeeds needs =
      f.exogenous ? model::run_needs(s, in.year, f.flop, model::offer(buyer, s, in.fleet, 0, false))
                  : model::RunNeeds{kUndefined, kUndefined};
  check_frontier_invariants(s, in.year, f.flop, ws.largest_runs);
  for (size_t i = 0; i < s.institutions.size(); ++i) {
    const Institution& inst = s.institutions[i];
    InstitutionSeries& series = out.institutions[i];
    auto set = [&](Metric m, double v) { series.at(yi, m) = v; };
    double run = ws.largest_runs[i];
    set(Metric::kComputeFrontierFlop, f.flop);
    set(Metric::kComputeFrontierRatio, f.flop > 0 && std::isfinite(f.flop) ? run / f.flop : kUndefined);
    set(Metric::kComputeFrontierExogenous, f.exogenous ? 1 : 0);
    set(Metric::kComputeFrontierPowerGw, needs.power_w / 1e9);
    set(Metric::kComputeFrontierCapex, needs.capex_usd);
    double share = model::notable_share(run, f.flop, s.output);
    set(Metric::kOutputNotableShare, share);
    const double researchers = ws.institutions[i].effective_researchers;
    ws.notable_models[i] = model::notable_models(researchers, share, run > 0, s.output) * inst.replicas;
    set(Metric::kOutputNotableModels, ws.notable_models[i]);
    set(Metric::kOutputLargeModels, model::large_models(researchers, share, s.output) * inst.replicas);
  }
  double academic = model::academic_share(ws.notable_models, s.institutions);
  for (InstitutionSeries& series : out.institutions) series.at(yi, Metric::kOutputAcademicShare) = academic;
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
double step(const Scenario& s, size_t i, const YearInputs& in, double allocated,
            std::optional<double> industry_c, Workspace& ws, Trajectory& out) {
  const Institution& inst = s.institutions[i];
  InstState& st = ws.institutions[i];
  const int year = in.year;
  model::BudgetPlan plan = model::plan_budget(inst, year, st.carry_usd, st.carry_rate, st.reserves_usd);
  model::RolePay pay = model::role_pay(inst, s, year, in.industry_comp_usd, in.inflation_growth);
  model::TalentMarket market{in.industry_comp_usd, industry_c,
                             st.researchers > 0 ? st.research_h100_hours / st.researchers : 0,
                             in.academic_offer_usd, in.industry_demand_usd, in.academic_demand_usd};
  // Both sides' commitments first: the money that pays them is shared before either spends more.
  model::TalentStart talent = model::start_talent(inst, s, market, year, pay, st.heads, plan.indirect_rate);
  model::FleetYear running = model::measure_fleet(inst, s, in.fleet, st.cohorts);
  model::Funding funds =
      model::fund_commitments(plan, talent.committed, model::running_commitment(running, plan.indirect_rate));
  model::TalentYear ty = model::finish_talent(inst, talent, funds.personnel);
  model::FleetYear fy =
      model::finish_fleet(inst, s, in.fleet, running, funds.compute, plan.indirect_rate, st.cohorts);
  double researchers = sum(ty.end);
  model::RunGpus run = model::run_gpus(inst, s, year, st.cohorts);
  model::Throughput tp = model::throughput(s, inst, fy, run, allocated, researchers, year);
  model::Closing closing =
      model::close_year(inst, plan, ty.spent_usd() + fy.spent_usd(), ty.reserves_usd + fy.reserves_usd);
  record(inst, plan, ty, fy, tp, closing, year - s.first_year, out.institutions[i]);
  check_year_invariants(s, inst, year, plan, ty, fy, tp, closing);
  st.heads = ty.end;
  st.carry_usd = closing.carry_out_usd;
  st.carry_rate = plan.indirect_rate;
  st.reserves_usd = closing.reserves_usd;
  st.research_h100_hours = tp.research_h100_hours;
  st.effective_researchers = ty.effective_researchers;
  st.researchers = researchers;
  st.largest_run_flop = tp.largest_run_flop;
  return tp.h100_hours;
}

}  // namespace

void run_into(const Scenario& s, Trajectory& out, EngineWorkspace& workspace) {
  if (!workspace.state_) workspace.state_ = std::make_unique<Workspace>();
  Workspace& ws = *workspace.state_;
  prepare(s, out);
  init_state(s, ws.institutions);
  std::vector<double>& allocated = ws.allocated_h100_hours;
  allocated.resize(s.institutions.size());
  ws.largest_runs.resize(s.institutions.size());
  ws.notable_models.resize(s.institutions.size());
  model::OfferNeeds needs = offer_needs(s);
  for (int year = s.first_year; year <= s.last_year; ++year) {
    const YearInputs in = year_inputs(s, year, needs);
    std::optional<double> industry_c = industry_compute(s, ws.institutions, year);
    std::fill(allocated.begin(), allocated.end(), 0.0);
    // National resources first: their delivered hours are allocated to others the same year.
    for (bool national : {true, false}) {
      for (size_t i = 0; i < s.institutions.size(); ++i) {
        const Institution& inst = s.institutions[i];
        if ((inst.kind == InstitutionKind::kNationalResource) != national) continue;
        double delivered = step(s, i, in, allocated[i], industry_c, ws, out);
        for (const Allocation& a : inst.allocations)
          allocated[static_cast<size_t>(a.recipient)] +=
              a.share * delivered * inst.replicas / s.institutions[static_cast<size_t>(a.recipient)].replicas;
      }
    }
    record_frontier(s, in, ws, out);
  }
}

void run_into(const Scenario& s, Trajectory& out) {
  EngineWorkspace workspace;
  run_into(s, out, workspace);
}

Trajectory run(const Scenario& scenario) {
  Trajectory t;
  run_into(scenario, t);
  return t;
}

}  // namespace labsim
