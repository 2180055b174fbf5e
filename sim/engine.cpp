// The only year loop, over one run or a block of lanes: orders the stages, routes
// national-resource allocations, records metrics and checks the invariants every year.
#include "labsim/engine.hpp"

#include <algorithm>
#include <array>
#include <type_traits>
#include <cmath>
#include <memory>
#include <optional>
#include <utility>
#include <vector>

#include "engine_invariants.hpp"
#include "engine_record.hpp"
#include "model/budget.hpp"
#include "model/fleet.hpp"
#include "model/growth.hpp"
#include "model/largest_run.hpp"
#include "model/output.hpp"
#include "model/talent.hpp"
#include "model/throughput.hpp"

namespace labsim {

namespace {

using model::Lanes;
using model::gather;
using model::lane_of;
using model::PerLane;
using model::GroupArrayT;

// One T for a run (R = double), one per lane for a block (R = Lanes).
template <class T, class R>
struct EachOf {
  T one{};
  T& operator[](int) { return one; }
  const T& operator[](int) const { return one; }
};
template <class T>
struct EachOf<T, Lanes> {
  std::array<T, model::kLanes> lane{};
  T& operator[](int l) { return lane[static_cast<std::size_t>(l)]; }
  const T& operator[](int l) const { return lane[static_cast<std::size_t>(l)]; }
};

// The scenario of lane l, and the settings views of an institution.
inline const Scenario& scenario_of(const Scenario& s, int) { return s; }
inline const Scenario& scenario_of(const PerLane<Scenario>& s, int l) { return *s.at[static_cast<std::size_t>(l)]; }
inline const Institution& institution_view(const Scenario& s, std::size_t i) { return s.institutions[i]; }
inline PerLane<Institution> institution_view(const PerLane<Scenario>& s, std::size_t i) {
  PerLane<Institution> v;
  for (std::size_t l = 0; l < model::kLanes; ++l) v.at[l] = &s.at[l]->institutions[i];
  return v;
}

template <class R>
struct InstState {
  EachOf<std::vector<model::LiveCohort>, R> cohorts;
  GroupArrayT<R> heads{};  // by entry of the institution's people
  R carry_usd = 0;
  R carry_rate = 0;
  model::EarmarkedT<R> carry_only;  // the earmarked part of carry_usd
  R reserves_usd = 0;
  R research_h100_hours = 0;  // last year, per replica: the research share of the delivered hours
  R researchers = 0;          // last year, per replica
  R effective_researchers = 0;  // this year, per replica (model::TalentYear)
  R largest_run_flop = 0;  // this year, per replica
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

// Storage of one year loop over numbers R, kept from run to run; every field is reset by the run
// that uses it.
template <class R>
struct LoopState {
  std::vector<InstState<R>> institutions;     // indexed like Scenario::institutions
  std::vector<R> allocated_h100_hours;        // this year, per recipient replica
  EachOf<std::vector<double>, R> largest_runs;    // this year, per institution (one replica)
  EachOf<std::vector<double>, R> notable_models;  // this year, per institution (over replicas)
  EachOf<model::PartPrices, R> part_prices;        // this year, per lane with its own catalog
  bool same_parts = true;  // every lane's catalog has lane 0's parts (model::same_parts)
  const MetricSet* wanted = nullptr;  // the metrics recorded (all: null)
};

}  // namespace

struct EngineWorkspace::State {
  LoopState<double> loop;
};

EngineWorkspace::EngineWorkspace() noexcept = default;
EngineWorkspace::~EngineWorkspace() = default;
EngineWorkspace::EngineWorkspace(EngineWorkspace&&) noexcept = default;
EngineWorkspace& EngineWorkspace::operator=(EngineWorkspace&&) noexcept = default;

static_assert(kBlockLanes == model::kLanes, "a block is one pack of lanes");

struct BlockWorkspace::State {
  LoopState<Lanes> loop;
};

BlockWorkspace::BlockWorkspace() noexcept = default;
BlockWorkspace::~BlockWorkspace() = default;
BlockWorkspace::BlockWorkspace(BlockWorkspace&&) noexcept = default;
BlockWorkspace& BlockWorkspace::operator=(BlockWorkspace&&) noexcept = default;

namespace {

model::OfferNeeds offer_needs(const Scenario& s) {
  model::OfferNeeds needs;
  for (const Institution& inst : s.institutions) {
    model::OfferNeeds n = model::offer_needs(inst);
    needs.cloud = needs.cloud || n.cloud;
  }
  return needs;
}

YearInputs year_inputs(const Scenario& s, int year, model::OfferNeeds needs, const model::PartPrices& parts) {
  YearInputs in;
  in.year = year;
  in.industry_comp_usd = s.market.industry_comp_usd.at(year);
  if (s.market.frontier_training_flop) in.frontier_floor_flop = s.market.frontier_training_flop->at(year);
  if (s.market.industry_demand_usd) in.industry_demand_usd = s.market.industry_demand_usd->at(year);
  if (s.market.academic_demand_usd) in.academic_demand_usd = s.market.academic_demand_usd->at(year);
  in.academic_offer_usd = model::academic_offer_usd(s, year);
  in.inflation_growth = model::inflation_growth(s, year);
  in.fleet = model::fleet_prices(s, year, in.inflation_growth, needs, &parts);
  return in;
}

// Headcount-weighted research H100-hours per researcher over the industry institutions, last year; else
// market.industry_h100_hours_per_researcher; nullopt when the scenario gives neither.
template <class R>
std::optional<double> industry_compute(const Scenario& s, const std::vector<InstState<R>>& state, int year, int l) {
  double hours = 0, people = 0;
  for (size_t i = 0; i < s.institutions.size(); ++i) {
    if (s.institutions[i].kind != InstitutionKind::kIndustry) continue;
    hours += lane_of(state[i].research_h100_hours, l) * s.institutions[i].replicas;
    people += lane_of(state[i].researchers, l) * s.institutions[i].replicas;
  }
  if (people > 0) return hours / people;
  if (s.market.industry_h100_hours_per_researcher) return s.market.industry_h100_hours_per_researcher->at(year - 1);
  return std::nullopt;
}

// Whether two scenarios' catalogs have the same price series, part by part (model::part_prices).
bool same_prices(const Scenario& a, const Scenario& b) {
  if (a.catalog.parts.size() != b.catalog.parts.size()) return false;
  for (std::size_t i = 0; i < a.catalog.parts.size(); ++i) {
    const Accelerator &pa = a.catalog.parts[i], &pb = b.catalog.parts[i];
    if (pa.price_usd != pb.price_usd || pa.cloud_usd_per_hour != pb.cloud_usd_per_hour) return false;
  }
  return true;
}

template <class R, class SV>
void init_state(const SV& sv, std::vector<InstState<R>>& state) {
  const Scenario& shape = scenario_of(sv, 0);
  state.resize(shape.institutions.size());
  for (size_t i = 0; i < shape.institutions.size(); ++i) {
    InstState<R>& st = state[i];
    InstState<R> fresh;
    for (int l = 0; l < model::kLanesOf<R>; ++l) fresh.cohorts[l] = std::move(st.cohorts[l]);  // keep the storage
    st = std::move(fresh);
    EachOf<double, R> research;
    for (int l = 0; l < model::kLanesOf<R>; ++l) {
      const Scenario& s = scenario_of(sv, l);
      const Institution& inst = s.institutions[i];
      std::vector<model::LiveCohort>& cohorts = st.cohorts[l];
      cohorts.clear();
      cohorts.reserve(inst.fleet.size() + static_cast<size_t>(s.year_count()));
      model::initial_cohorts(inst, s, cohorts);
      // "Last year" before the first: the initial fleet and headcount.
      model::FleetPrices first_year = model::fleet_prices(s, s.first_year, model::inflation_growth(s, s.first_year), {});
      model::FleetYear f = model::measure_fleet(inst, s, first_year, cohorts);
      research[l] = (f.owned_h100_hours + f.rented_h100_hours) * inst.research_share;
    }
    for (size_t k = 0; k < shape.institutions[i].people.size(); ++k)
      st.heads[k] =
          gather<R>([&](int l) { return scenario_of(sv, l).institutions[i].people[k].count; });
    st.reserves_usd = gather<R>([&](int l) { return scenario_of(sv, l).institutions[i].reserves_usd; });
    st.research_h100_hours = gather<R>([&](int l) { return research[l]; });
    st.researchers = model::sum_of(st.heads);
  }
}

// Whether the year loop records any metric of the frontier or research output (`wanted` null: all):
// the metrics record_frontier() writes. tests/test_block.cpp asks for each metric alone and
// requires it recorded, so a metric missing here fails it.
bool records_frontier(const MetricSet* wanted) {
  if (!wanted) return true;
  for (Metric m : {Metric::kComputeFrontierFlop, Metric::kComputeFrontierRatio, Metric::kComputeFrontierExogenous,
                   Metric::kComputeFrontierPowerGw, Metric::kComputeFrontierCapex, Metric::kOutputNotableShare,
                   Metric::kOutputNotableModels, Metric::kOutputLargeModels, Metric::kOutputAcademicShare})
    if ((*wanted)[static_cast<size_t>(m)]) return true;
  return false;
}

// The year's frontier (the largest modelled run, or the exogenous floor) and, against it, every
// institution's frontier ratio and research output (docs/model.md, "Frontier", "Research
// output"), for lane l.
template <class R>
void record_frontier(const Scenario& s, const YearInputs& in, LoopState<R>& ws, int l, Trajectory& out) {
  const int yi = in.year - s.first_year;
  std::vector<double>& runs = ws.largest_runs[l];
  std::vector<double>& notable = ws.notable_models[l];
  for (size_t i = 0; i < s.institutions.size(); ++i) runs[i] = lane_of(ws.institutions[i].largest_run_flop, l);
  const model::Frontier f = model::frontier(runs, in.frontier_floor_flop);
  if (!records_frontier(ws.wanted)) {  // nothing of it to record: only its invariant
    check_frontier_invariants(s, in.year, f.flop, runs);
    return;
  }
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
  check_frontier_invariants(s, in.year, f.flop, runs);
  for (size_t i = 0; i < s.institutions.size(); ++i) {
    const Institution& inst = s.institutions[i];
    InstitutionSeries& series = out.institutions[i];
    auto set = [&](Metric m, double v) {
      if (!ws.wanted || (*ws.wanted)[static_cast<size_t>(m)]) series.at(yi, m) = v;
    };
    double run = runs[i];
    set(Metric::kComputeFrontierFlop, f.flop);
    set(Metric::kComputeFrontierRatio, f.flop > 0 && std::isfinite(f.flop) ? run / f.flop : kUndefined);
    set(Metric::kComputeFrontierExogenous, f.exogenous ? 1 : 0);
    set(Metric::kComputeFrontierPowerGw, needs.power_w / 1e9);
    set(Metric::kComputeFrontierCapex, needs.capex_usd);
    double share = model::notable_share(run, f.flop, s.output);
    set(Metric::kOutputNotableShare, share);
    const double researchers = lane_of(ws.institutions[i].effective_researchers, l);
    notable[i] = model::notable_models(researchers, share, run > 0, s.output) * inst.replicas;
    set(Metric::kOutputNotableModels, notable[i]);
    set(Metric::kOutputLargeModels, model::large_models(researchers, share, s.output) * inst.replicas);
  }
  if (ws.wanted && !(*ws.wanted)[static_cast<size_t>(Metric::kOutputAcademicShare)]) return;
  double academic = model::academic_share(notable, s.institutions);
  for (InstitutionSeries& series : out.institutions) series.at(yi, Metric::kOutputAcademicShare) = academic;
}

// A block searches the catalog for `best` once for all its lanes, when its institution buys
// `best` and the lanes share their catalog's parts; false when it does not (each lane's fleet
// stage then searches its own, as a single run does).
template <class R, class IV, class SV>
bool search_owned_best(const IV& iv, const SV& sv, const EachOf<YearInputs, R>& in, const R& rate,
                       const LoopState<R>& ws, std::array<model::Offer, model::kLanes>& out) {
  if constexpr (std::is_same_v<R, double>) {
    return false;
  } else {
    const Procurement& p = model::shape(iv).procurement;
    if (p.gpu >= 0 || p.mode == ProcurementMode::kCloud || !ws.same_parts) return false;
    std::array<const model::FleetPrices*, model::kLanes> prices;
    for (int l = 0; l < model::kLanes; ++l) prices[static_cast<size_t>(l)] = &in[l].fleet;
    model::owned_best_offers(iv, sv, prices, rate, out);
    return true;
  }
}

// Institution i of every lane: its trajectory series, scenario and settings, for the recorder and
// the invariants.
template <class R>
struct LaneViews {
  std::array<InstitutionSeries*, model::kLanesOf<R>> series;
  std::array<const Scenario*, model::kLanesOf<R>> scenarios;
  std::array<const Institution*, model::kLanesOf<R>> institutions;
  template <class SV>
  LaneViews(const SV& sv, size_t i, EachOf<Trajectory*, R>& out) {
    for (int l = 0; l < model::kLanesOf<R>; ++l) {
      const auto u = static_cast<size_t>(l);
      series[u] = &out[l]->institutions[i];
      scenarios[u] = &scenario_of(sv, l);
      institutions[u] = &scenario_of(sv, l).institutions[i];
    }
  }
};

// One institution's year over the lanes; returns its delivered H100-hours (per replica) for
// allocations. The budget and talent stages, the catalog search for `best`, the recording and the
// invariants run over the lanes at once; the rest of the fleet, the largest run and throughput
// lane by lane.
template <class R, class SV>
R step(const SV& sv, size_t i, const EachOf<YearInputs, R>& in, const R& allocated,
       const EachOf<std::optional<double>, R>& industry_c, LoopState<R>& ws, EachOf<Trajectory*, R>& out) {
  const auto& iv = institution_view(sv, i);  // a reference for a run: an Institution is not copied
  InstState<R>& st = ws.institutions[i];
  const int year = in[0].year;
  const model::BudgetPlanT<R> plan =
      model::plan_budget<R>(iv, year, st.carry_usd, st.carry_rate, st.reserves_usd, st.carry_only);
  model::RolePayT<R> pay;
  for (int l = 0; l < model::kLanesOf<R>; ++l) {
    const Scenario& s = scenario_of(sv, l);
    const model::RolePay p = model::role_pay(s.institutions[i], s, year, in[l].industry_comp_usd, in[l].inflation_growth);
    for (size_t r = 0; r < s.institutions[i].people.size(); ++r) {
      if constexpr (std::is_same_v<R, double>) {
        pay.salary_usd[r] = p.salary_usd[r], pay.tuition_usd[r] = p.tuition_usd[r];
      } else {
        pay.salary_usd[r][l] = p.salary_usd[r], pay.tuition_usd[r][l] = p.tuition_usd[r];
      }
    }
  }
  model::TalentMarketT<R> market;
  market.industry_pay_usd = gather<R>([&](int l) { return in[l].industry_comp_usd; });
  const R own = model::select(st.researchers > R(0), st.research_h100_hours / st.researchers, R(0));
  market.own_h100_hours_per_researcher = own;
  market.academic_offer_usd = gather<R>([&](int l) { return in[l].academic_offer_usd; });
  // A lane without an industry figure gets its own figure as industry's: a compute term of
  // exactly 0, as if dropped.
  bool any_industry = false;
  for (int l = 0; l < model::kLanesOf<R>; ++l) any_industry = any_industry || industry_c[l].has_value();
  if (any_industry)
    market.industry_h100_hours_per_researcher =
        gather<R>([&](int l) { return industry_c[l] ? *industry_c[l] : lane_of(own, l); });
  if (in[0].industry_demand_usd) market.industry_demand_usd = gather<R>([&](int l) { return *in[l].industry_demand_usd; });
  if (in[0].academic_demand_usd) market.academic_demand_usd = gather<R>([&](int l) { return *in[l].academic_demand_usd; });
  // Both sides' commitments first: the money that pays them is shared before either spends more.
  const model::TalentStartT<R> talent = model::start_talent<R>(iv, sv, market, year, pay, st.heads, plan.indirect_rate);
  EachOf<model::FleetYear, R> running;
  for (int l = 0; l < model::kLanesOf<R>; ++l) {
    const Scenario& s = scenario_of(sv, l);
    running[l] = model::measure_fleet(s.institutions[i], s, in[l].fleet, st.cohorts[l]);
  }
  EachOf<model::Commitment, R> running_cost;
  for (int l = 0; l < model::kLanesOf<R>; ++l) running_cost[l] = model::running_commitment(running[l], lane_of(plan.indirect_rate, l));
  model::CommitmentT<R> fleet_committed;
  fleet_committed.cost_usd = gather<R>([&](int l) { return running_cost[l].cost_usd; });
  fleet_committed.direct_usd = gather<R>([&](int l) { return running_cost[l].direct_usd; });
  const model::FundingT<R> funds = model::fund_commitments<R>(plan, talent.committed, fleet_committed);
  const model::TalentYearT<R> ty = model::finish_talent<R>(iv, talent, funds.personnel);
  const R researchers = model::sum_of(ty.end);
  std::array<model::Offer, model::kLanes> owned_best;
  const bool searched = search_owned_best<R>(iv, sv, in, plan.indirect_rate, ws, owned_best);
  EachOf<model::FleetYear, R> fy;
  EachOf<model::Throughput, R> tp;
  for (int l = 0; l < model::kLanesOf<R>; ++l) {
    const Scenario& s = scenario_of(sv, l);
    const Institution& inst = s.institutions[i];
    fy[l] = model::finish_fleet(inst, s, in[l].fleet, running[l],
                                model::SideFunds{lane_of(funds.compute.funds_usd, l), lane_of(funds.compute.reserves_usd, l)},
                                lane_of(plan.indirect_rate, l), st.cohorts[l],
                                searched ? &owned_best[static_cast<size_t>(l)] : nullptr);
    model::RunGpus run = model::run_gpus(inst, s, year, st.cohorts[l]);
    tp[l] = model::throughput(s, inst, fy[l], run, lane_of(allocated, l), lane_of(researchers, l), year);
  }
  const R compute_spent = gather<R>([&](int l) { return fy[l].spent_usd(); });
  const R compute_reserves = gather<R>([&](int l) { return fy[l].reserves_usd; });
  const model::ClosingT<R> closing =
      model::close_year<R>(iv, plan, ty.spent_usd() + compute_spent, ty.reserves_usd + compute_reserves);
  if (model::has_earmarks(scenario_of(sv, 0).institutions[i]))
    st.carry_only = model::earmarked_left<R>(plan, compute_spent - compute_reserves, ty.spent_usd() - ty.reserves_usd,
                                             closing);
  const LaneViews<R> views(sv, i, out);
  record<R>(model::shape(iv), plan, ty, &fy[0], &tp[0], closing, year - scenario_of(sv, 0).first_year,
            views.series.data(), ws.wanted);
  check_year_invariants<R>(views.scenarios.data(), views.institutions.data(), year, plan, ty, &fy[0], &tp[0], closing);
  st.heads = ty.end;
  st.carry_usd = closing.carry_out_usd;
  st.carry_rate = plan.indirect_rate;
  st.reserves_usd = closing.reserves_usd;
  st.research_h100_hours = gather<R>([&](int l) { return tp[l].research_h100_hours; });
  st.effective_researchers = ty.effective_researchers;
  st.researchers = researchers;
  st.largest_run_flop = gather<R>([&](int l) { return tp[l].largest_run_flop; });
  return gather<R>([&](int l) { return tp[l].h100_hours; });
}

// Routes national resource i's hours of `year` to its recipients (docs/model.md, "Allocations"):
// the shares take their part of what it delivers (`delivered`, per replica; scaled down
// together should varied shares add up to more than the whole), the fixed grants share what
// the shares leave, pro rata when it is too little. A resource that neither owns GPUs nor has
// money grants its hours in full. The hours granted but not delivered are recorded as the
// resource's compute.allocations_unserved_h100_hours.
template <class R, class SV>
void allocate(const SV& sv, size_t i, int year, const R& delivered, LoopState<R>& ws, EachOf<Trajectory*, R>& out) {
  const Institution& inst = scenario_of(sv, 0).institutions[i];
  const R from_replicas = gather<R>([&](int l) { return double(scenario_of(sv, l).institutions[i].replicas); });
  const R total = delivered * from_replicas;
  R shares = 0, asked = 0;
  for (size_t a = 0; a < inst.allocations.size(); ++a) {
    if (inst.allocations[a].h100_hours)
      asked = asked + gather<R>([&](int l) { return scenario_of(sv, l).institutions[i].allocations[a].h100_hours->at(year); });
    else
      shares = shares + gather<R>([&](int l) { return scenario_of(sv, l).institutions[i].allocations[a].share; });
  }
  const bool unlimited = grants_only(inst);
  const R left = unlimited ? R(0) : total * model::max_of(R(0), R(1) - shares);
  // The share of every fixed grant that is delivered.
  const R granted = unlimited ? R(1) : model::select(asked <= left, R(1), left / asked);
  const R over = model::select(shares > R(1), R(1) / shares, R(1));
  for (size_t a = 0; a < inst.allocations.size(); ++a) {
    const Allocation& alloc = inst.allocations[a];
    const auto to = static_cast<size_t>(alloc.recipient);
    const R to_replicas = gather<R>([&](int l) { return double(scenario_of(sv, l).institutions[to].replicas); });
    if (alloc.h100_hours) {
      const R hours = gather<R>([&](int l) { return scenario_of(sv, l).institutions[i].allocations[a].h100_hours->at(year); });
      ws.allocated_h100_hours[to] = ws.allocated_h100_hours[to] + granted * hours / to_replicas;
    } else {
      const R share = gather<R>([&](int l) { return scenario_of(sv, l).institutions[i].allocations[a].share; }) * over;
      ws.allocated_h100_hours[to] = ws.allocated_h100_hours[to] + share * delivered * from_replicas / to_replicas;
    }
  }
  if (ws.wanted && !(*ws.wanted)[static_cast<size_t>(Metric::kComputeAllocationsUnserved)]) return;
  const R unserved = asked - granted * asked;
  for (int l = 0; l < model::kLanesOf<R>; ++l) {
    const Scenario& s = scenario_of(sv, l);
    out[l]->institutions[i].at(year - s.first_year, Metric::kComputeAllocationsUnserved) = lane_of(unserved, l);
  }
}

// The year loop, for one run (R = double, SV = Scenario) or a block of lanes (R = Lanes,
// SV = PerLane<Scenario>, scenarios of the same structure).
template <class R, class SV>
void run_years(const SV& sv, EachOf<Trajectory*, R>& out, LoopState<R>& ws) {
  const Scenario& shape = scenario_of(sv, 0);
  for (int l = 0; l < model::kLanesOf<R>; ++l) prepare(scenario_of(sv, l), *out[l]);
  init_state<R>(sv, ws.institutions);
  const size_t n = shape.institutions.size();
  ws.allocated_h100_hours.resize(n);
  for (int l = 0; l < model::kLanesOf<R>; ++l) ws.largest_runs[l].resize(n), ws.notable_models[l].resize(n);
  EachOf<model::OfferNeeds, R> needs;
  for (int l = 0; l < model::kLanesOf<R>; ++l) needs[l] = offer_needs(scenario_of(sv, l));
  // Lanes whose catalog prices are lane 0's read lane 0's table (a block's samples rarely vary them).
  EachOf<int, R> prices_of;
  for (int l = 0; l < model::kLanesOf<R>; ++l) prices_of[l] = l == 0 || same_prices(scenario_of(sv, l), shape) ? 0 : l;
  ws.same_parts = true;
  for (int l = 1; l < model::kLanesOf<R>; ++l) ws.same_parts = ws.same_parts && model::same_parts(scenario_of(sv, l), shape);
  for (int year = shape.first_year; year <= shape.last_year; ++year) {
    EachOf<YearInputs, R> in;
    EachOf<std::optional<double>, R> industry_c;
    for (int l = 0; l < model::kLanesOf<R>; ++l)
      if (prices_of[l] == l) model::part_prices(scenario_of(sv, l), year, ws.part_prices[l]);
    for (int l = 0; l < model::kLanesOf<R>; ++l) {
      in[l] = year_inputs(scenario_of(sv, l), year, needs[l], ws.part_prices[prices_of[l]]);
      industry_c[l] = industry_compute(scenario_of(sv, l), ws.institutions, year, l);
    }
    std::fill(ws.allocated_h100_hours.begin(), ws.allocated_h100_hours.end(), R(0));
    // National resources first: their delivered hours are allocated to others the same year.
    for (bool national : {true, false}) {
      for (size_t i = 0; i < n; ++i) {
        const Institution& inst = shape.institutions[i];
        if ((inst.kind == InstitutionKind::kNationalResource) != national) continue;
        const R delivered = step<R>(sv, i, in, ws.allocated_h100_hours[i], industry_c, ws, out);
        if (!inst.allocations.empty()) allocate<R>(sv, i, year, delivered, ws, out);
      }
    }
    for (int l = 0; l < model::kLanesOf<R>; ++l) record_frontier(scenario_of(sv, l), in[l], ws, l, *out[l]);
  }
}

}  // namespace

void run_into(const Scenario& s, Trajectory& out, EngineWorkspace& workspace) {
  if (!workspace.state_) workspace.state_ = std::make_unique<EngineWorkspace::State>();
  EachOf<Trajectory*, double> outs;
  outs[0] = &out;
  run_years<double>(s, outs, workspace.state_->loop);
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

void run_block(const std::array<const Scenario*, kBlockLanes>& lanes, std::array<Trajectory*, kBlockLanes>& out,
               BlockWorkspace& workspace, const MetricSet* metrics) {
  if (!workspace.state_) workspace.state_ = std::make_unique<BlockWorkspace::State>();
  workspace.state_->loop.wanted = metrics;
  PerLane<Scenario> sv;
  EachOf<Trajectory*, Lanes> outs;
  for (int l = 0; l < model::kLanes; ++l) {
    sv.at[static_cast<size_t>(l)] = lanes[static_cast<size_t>(l)];
    outs[l] = out[static_cast<size_t>(l)];
  }
  run_years<Lanes>(sv, outs, workspace.state_->loop);
}

}  // namespace labsim
