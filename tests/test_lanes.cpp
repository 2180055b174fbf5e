// Stages written once over their number type (sim/model/lanes.hpp) give, lane by lane, the bits of
// the scalar engine: checked on random values and on every edge a stage branches on.
#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "labsim/scenario.hpp"
#include "labsim/loader.hpp"
#include "model/budget.hpp"
#include "model/lanes.hpp"
#include "model/output.hpp"
#include "model/pow_memo.hpp"
#include "model/talent.hpp"

namespace {

using labsim::model::kLanes;
using labsim::model::Lanes;

std::uint64_t bits(double x) { return std::bit_cast<std::uint64_t>(x); }

// The output stage's share as it was written before it became generic: the reference.
double share_reference(double run, double frontier, const labsim::ResearchOutput& p) {
  if (!(run > 0)) return 0;
  if (!(frontier > 0)) return 1;
  double x = p.steepness * (std::log(run) - std::log(p.threshold * frontier));
  return x >= 0 ? 1 / (1 + std::exp(-x)) : std::exp(x) / (1 + std::exp(x));
}

}  // namespace

TEST_CASE("notable_share in lanes gives the scalar engine's bits, edges included", "[lanes][output]") {
  const double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> values = {0, -0.0, -1, 1e-300, 1, 1e18, 1e23, 3.3e23, 2.1e25, 1e29, 1e308, inf, -inf, nan};
  std::mt19937_64 rng(3);
  std::uniform_real_distribution<double> exponent(0, 30);
  for (int i = 0; i < 200; ++i) values.push_back(std::pow(10.0, exponent(rng)));
  labsim::ResearchOutput p;
  for (double steepness : {0.489, 1.0, 7.5}) {
    p.steepness = steepness;
    // Every pair (run, frontier), kLanes at a time.
    std::vector<std::pair<double, double>> pairs;
    for (double a : values)
      for (double b : values) pairs.emplace_back(a, b);
    for (std::size_t at = 0; at + kLanes <= pairs.size(); at += kLanes) {
      Lanes run, frontier;
      for (int l = 0; l < kLanes; ++l) run[l] = pairs[at + static_cast<std::size_t>(l)].first, frontier[l] = pairs[at + static_cast<std::size_t>(l)].second;
      Lanes got = labsim::model::notable_share(run, frontier, p);
      for (int l = 0; l < kLanes; ++l) {
        INFO(pairs[at + static_cast<std::size_t>(l)].first << " " << pairs[at + static_cast<std::size_t>(l)].second);
        double scalar = labsim::model::notable_share(pairs[at + static_cast<std::size_t>(l)].first, pairs[at + static_cast<std::size_t>(l)].second, p);
        CHECK(bits(got[l]) == bits(scalar));
        CHECK(bits(scalar) == bits(share_reference(pairs[at + static_cast<std::size_t>(l)].first, pairs[at + static_cast<std::size_t>(l)].second, p)));
      }
    }
  }
}

namespace {

// One of a few values, edges first: 0, tiny, rounding-sized, ordinary and large amounts.
double pick(std::mt19937_64& rng, std::initializer_list<double> values) {
  std::uniform_int_distribution<std::size_t> k(0, values.size() - 1);
  return *(values.begin() + k(rng));
}

labsim::Institution random_institution(std::mt19937_64& rng, int streams, bool carryover) {
  labsim::Institution inst;
  inst.spending.compute_share = pick(rng, {0, 0.3, 0.85, 1, 0.123456789});
  inst.spending.carryover = carryover;
  for (int k = 0; k < streams; ++k) {
    labsim::Stream s;
    s.amount_usd = pick(rng, {0, 1e-3, 5e6, 1.25e9, 3.3e11, 40e3});
    s.per_year = k % 2 == 0;
    s.first_year = 2024 + k % 3;
    s.last_year = s.first_year + static_cast<int>(pick(rng, {0, 2, 5}));
    s.growth_factor = pick(rng, {1, 1.04, 0.9, 1.57});
    s.indirect_rate = pick(rng, {0, 0.5, 0.6, 0.263, 0});
    inst.funding.push_back(s);
  }
  return inst;
}

}  // namespace

TEST_CASE("the budget stage in lanes gives the scalar engine's bits", "[lanes][budget]") {
  using namespace labsim::model;
  std::mt19937_64 rng(11);
  for (int trial = 0; trial < 400; ++trial) {
    // The lanes share their structure (the same streams, the same carry-over switch) and differ in
    // every number.
    const int streams = trial % 4;
    const bool carryover = trial % 3 != 0;
    std::array<labsim::Institution, kLanes> insts;
    PerLane<labsim::Institution> view;
    Lanes carry, carry_rate, reserves, spent, drawn, compute_paid, people_paid;
    EarmarkedT<Lanes> carried_only;
    std::array<CommitmentT<double>, kLanes> people, compute;
    CommitmentT<Lanes> people_l, compute_l;
    for (int l = 0; l < kLanes; ++l) {
      insts[static_cast<size_t>(l)] = random_institution(rng, streams, carryover);
      // Earmarks are structure: stream k has the same purpose in every lane.
      for (size_t k = 0; k < insts[static_cast<size_t>(l)].funding.size(); ++k)
        insts[static_cast<size_t>(l)].funding[k].purpose = static_cast<labsim::Purpose>((trial + static_cast<int>(k)) % 3);
      view.at[static_cast<size_t>(l)] = &insts[static_cast<size_t>(l)];
      carry[l] = pick(rng, {0, 0.004, 2e6, 7.5e8});
      carry_rate[l] = pick(rng, {0, 0.5, 0.35});
      reserves[l] = pick(rng, {0, 0.009, 1e6, 1e12});
      spent[l] = pick(rng, {0, 3e6, 1e9, 2e11});
      drawn[l] = std::min(reserves[l], pick(rng, {0, 1e5, 1e12}));
      carried_only.compute_usd[l] = carry[l] * pick(rng, {0, 0.3, 1});
      carried_only.people_usd[l] = (carry[l] - carried_only.compute_usd[l]) * pick(rng, {0, 0.5});
      compute_paid[l] = pick(rng, {0, 1e6, 5e9});
      people_paid[l] = pick(rng, {0, 2e6, 4e8});
      people[static_cast<size_t>(l)] = {pick(rng, {0, 1e6, 3e8}), 0};
      people[static_cast<size_t>(l)].direct_usd = people[static_cast<size_t>(l)].cost_usd / pick(rng, {1, 1.5});
      compute[static_cast<size_t>(l)] = {pick(rng, {0, 2e6, 9e9}), 0};
      compute[static_cast<size_t>(l)].direct_usd = compute[static_cast<size_t>(l)].cost_usd / pick(rng, {1, 1.6});
      people_l.cost_usd[l] = people[static_cast<size_t>(l)].cost_usd, people_l.direct_usd[l] = people[static_cast<size_t>(l)].direct_usd;
      compute_l.cost_usd[l] = compute[static_cast<size_t>(l)].cost_usd, compute_l.direct_usd[l] = compute[static_cast<size_t>(l)].direct_usd;
    }
    const int year = 2024 + trial % 6;
    BudgetPlanT<Lanes> plan = plan_budget<Lanes>(view, year, carry, carry_rate, reserves, carried_only);
    FundingT<Lanes> funds = fund_commitments(plan, people_l, compute_l);
    SettlementT<Lanes> settled = settle(funds.personnel, people_l);
    ClosingT<Lanes> closing = close_year(view, plan, spent, drawn);
    EarmarkedT<Lanes> left = earmarked_left(plan, compute_paid, people_paid, closing);
    for (int l = 0; l < kLanes; ++l) {
      const auto i = static_cast<size_t>(l);
      BudgetPlan p = plan_budget(insts[i], year, carry[l], carry_rate[l], reserves[l],
                                 Earmarked{carried_only.compute_usd[l], carried_only.people_usd[l]});
      INFO("trial " << trial << " lane " << l);
      for (auto [a, b] : {std::pair{plan.revenue_usd[l], p.revenue_usd}, {plan.available_usd[l], p.available_usd},
                          {plan.indirect_rate[l], p.indirect_rate}, {plan.compute_usd[l], p.compute_usd},
                          {plan.personnel_usd[l], p.personnel_usd}, {plan.reserves_usd[l], p.reserves_usd},
                          {plan.only.compute_usd[l], p.only.compute_usd}, {plan.only.people_usd[l], p.only.people_usd}})
        CHECK(bits(a) == bits(b));
      Funding f = fund_commitments(p, people[i], compute[i]);
      CHECK(bits(funds.personnel.funds_usd[l]) == bits(f.personnel.funds_usd));
      CHECK(bits(funds.compute.funds_usd[l]) == bits(f.compute.funds_usd));
      CHECK(bits(funds.personnel.reserves_usd[l]) == bits(f.personnel.reserves_usd));
      CHECK(bits(funds.compute.reserves_usd[l]) == bits(f.compute.reserves_usd));
      Settlement st = settle(f.personnel, people[i]);
      CHECK(bits(settled.funded_share[l]) == bits(st.funded_share));
      CHECK(bits(settled.reserves_usd[l]) == bits(st.reserves_usd));
      Closing c = close_year(insts[i], p, spent[l], drawn[l]);
      CHECK(bits(closing.carry_out_usd[l]) == bits(c.carry_out_usd));
      CHECK(bits(closing.lapsed_usd[l]) == bits(c.lapsed_usd));
      CHECK(bits(closing.reserves_usd[l]) == bits(c.reserves_usd));
      Earmarked e = earmarked_left(p, compute_paid[l], people_paid[l], c);
      CHECK(bits(left.compute_usd[l]) == bits(e.compute_usd));
      CHECK(bits(left.people_usd[l]) == bits(e.people_usd));
    }
  }
}

TEST_CASE("the talent stage in lanes gives the scalar engine's bits", "[lanes][talent]") {
  using namespace labsim::model;
  const labsim::Scenario base =
      labsim::load_scenario_file(std::string(LABSIM_SOURCE_DIR) + "/scenarios/compute-divide.yaml");
  std::mt19937_64 rng(5);
  for (int trial = 0; trial < 300; ++trial) {
    const std::size_t inst_index = trial % 2 == 0 ? 0 : 1;  // the institute, then the industry lab
    const bool given = trial % 3 != 0;                      // market terms given or dropped (all lanes alike)
    std::array<labsim::Scenario, kLanes> sc;
    PerLane<labsim::Scenario> sv;
    PerLane<labsim::Institution> iv;
    TalentMarketT<Lanes> market;
    std::array<TalentMarket, kLanes> markets;
    RolePayT<Lanes> pay;
    std::array<RolePay, kLanes> pays;
    GroupArrayT<Lanes> start;
    std::array<GroupArray, kLanes> starts;
    SideFundsT<Lanes> funds;
    std::array<SideFunds, kLanes> fundss;
    Lanes rate;
    if (given) market.industry_h100_hours_per_researcher = Lanes(), market.industry_demand_usd = Lanes(),
               market.academic_demand_usd = Lanes();
    for (int l = 0; l < kLanes; ++l) {
      const auto L = static_cast<std::size_t>(l);
      sc[L] = base;
      labsim::Scenario& s = sc[L];
      s.talent.choice.intercept = pick(rng, {-1.79, 0, -3, 2});
      s.talent.choice.salary = pick(rng, {0, 1.6, 2.2});
      s.talent.choice.compute = pick(rng, {0, 0.0458, 1});
      s.talent.choice.demand = pick(rng, {0.438, 0, 1});
      s.talent.choice.academic_demand = pick(rng, {2.46, 0});
      s.talent.mobility[0] = pick(rng, {0, 0.124, 1});
      s.talent.vacancy_months[0] = pick(rng, {0, 9, 12, 14});
      s.talent.new_hire_productivity = pick(rng, {0.5, 1, 0});
      for (labsim::RolePlan& p : s.institutions[inst_index].people) {
        p.attrition_rate = pick(rng, {0, 0.03, 0.3, 1});
        p.fringe = pick(rng, {0, 0.3});
        p.paid_share = pick(rng, {0, 0.22, 1});
        p.count = pick(rng, {0, 12, 3000, 7.5});
        if (p.program_years > 0) p.program_years = pick(rng, {5.5, 1, 0});
      }
      sv.at[L] = &s;
      iv.at[L] = &s.institutions[inst_index];
      TalentMarket& m = markets[L];
      m.industry_pay_usd = pick(rng, {0, 335250, 1e6});
      m.own_h100_hours_per_researcher = pick(rng, {0, 0.5, 7745, 1e6});
      m.academic_offer_usd = pick(rng, {0, 61008, 90000});
      if (given) {
        m.industry_h100_hours_per_researcher = pick(rng, {0, 2, 5.7e5});
        m.industry_demand_usd = pick(rng, {0, 93199e6, 39.618e9});
        m.academic_demand_usd = pick(rng, {0, 65e9, 1e3});
        (*market.industry_h100_hours_per_researcher)[l] = *m.industry_h100_hours_per_researcher;
        (*market.industry_demand_usd)[l] = *m.industry_demand_usd;
        (*market.academic_demand_usd)[l] = *m.academic_demand_usd;
      }
      market.industry_pay_usd[l] = m.industry_pay_usd;
      market.own_h100_hours_per_researcher[l] = m.own_h100_hours_per_researcher;
      market.academic_offer_usd[l] = m.academic_offer_usd;
      for (std::size_t r = 0; r < labsim::kMaxPeopleGroups; ++r) {
        pays[L].salary_usd[r] = pick(rng, {0, 40e3, 185e3, 348660});
        pays[L].tuition_usd[r] = pick(rng, {0, 20e3});
        starts[L][r] = pick(rng, {0, 1, 12, 3000, 0.3});
        pay.salary_usd[r][l] = pays[L].salary_usd[r];
        pay.tuition_usd[r][l] = pays[L].tuition_usd[r];
        start[r][l] = starts[L][r];
      }
      fundss[L] = {pick(rng, {0, 1e6, 1e9, 5e12}), pick(rng, {0, 1e5, 1e12})};
      funds.funds_usd[l] = fundss[L].funds_usd, funds.reserves_usd[l] = fundss[L].reserves_usd;
      rate[l] = pick(rng, {0, 0.5});
    }
    const int year = 2024 + trial % 11;
    TalentStartT<Lanes> ts = start_talent<Lanes>(iv, sv, market, year, pay, start, rate);
    TalentYearT<Lanes> ty = finish_talent<Lanes>(iv, ts, funds);
    for (int l = 0; l < kLanes; ++l) {
      const auto L = static_cast<std::size_t>(l);
      INFO("trial " << trial << " lane " << l);
      TalentStart t1 = start_talent(sc[L].institutions[inst_index], sc[L], markets[L], year, pays[L], starts[L], rate[l]);
      TalentYear y1 = finish_talent(sc[L].institutions[inst_index], t1, fundss[L]);
      CHECK(bits(ts.committed.cost_usd[l]) == bits(t1.committed.cost_usd));
      CHECK(bits(ts.committed.direct_usd[l]) == bits(t1.committed.direct_usd));
      for (std::size_t r = 0; r < labsim::kMaxPeopleGroups; ++r) {
        CHECK(bits(ts.staying[r][l]) == bits(t1.staying[r]));
        CHECK(bits(ts.vacancies[r][l]) == bits(t1.vacancies[r]));
        CHECK(bits(ty.end[r][l]) == bits(y1.end[r]));
        CHECK(bits(ty.hires[r][l]) == bits(y1.hires[r]));
        CHECK(bits(ty.cut[r][l]) == bits(y1.cut[r]));
        CHECK(bits(ty.to_industry[r][l]) == bits(y1.to_industry[r]));
        CHECK(bits(ty.graduates[r][l]) == bits(y1.graduates[r]));
      }
      for (auto [a, b] : {std::pair{ty.graduates_to_industry[l], y1.graduates_to_industry},
                          {ty.effective_researchers[l], y1.effective_researchers}, {ty.mean_salary_usd[l], y1.mean_salary_usd},
                          {ty.personnel_direct_usd[l], y1.personnel_direct_usd}, {ty.indirect_usd[l], y1.indirect_usd},
                          {ty.reserves_usd[l], y1.reserves_usd}, {ty.unfunded_usd[l], y1.unfunded_usd}})
        CHECK(bits(a) == bits(b));
    }
  }
}

TEST_CASE("pow_memo returns std::pow's bits whatever it remembered before", "[lanes][growth]") {
  // Few distinct arguments, drawn again and again in a random order, so that table slots are hit,
  // missed and overwritten by colliding keys; every answer must be std::pow's.
  std::mt19937_64 rng(11);
  std::vector<std::pair<double, double>> args;
  for (int i = 0; i < 300; ++i)
    args.emplace_back(std::uniform_real_distribution<double>(0.5, 1.5)(rng),
                      static_cast<double>(std::uniform_int_distribution<int>(-20, 100)(rng)));
  args.emplace_back(0.0, 3.0), args.emplace_back(-0.0, 3.0), args.emplace_back(-0.0, 2.0);
  args.emplace_back(std::nan(""), 2.0), args.emplace_back(1.04, 0.5), args.emplace_back(1e308, 2.0);
  std::uniform_int_distribution<std::size_t> pick_arg(0, args.size() - 1);
  int checked = 0;
  for (int i = 0; i < 20000; ++i) {
    auto [x, y] = args[i < static_cast<int>(args.size()) ? static_cast<std::size_t>(i) : pick_arg(rng)];
    INFO(x << "^" << y);
    REQUIRE(bits(labsim::model::pow_memo(x, y)) == bits(std::pow(x, y)));
    ++checked;
  }
  CHECK(checked == 20000);
}

TEST_CASE("exp and log over lanes that hold one value give each lane's own bits", "[lanes]") {
  for (double x : {0.0, -0.0, 1e-310, 0.37, 1.0, 2.5, 700.0, 710.0, -745.0, std::nan(""),
                   std::numeric_limits<double>::infinity()}) {
    const Lanes same(x);
    REQUIRE(labsim::model::uniform(same));
    Lanes mixed = same;
    mixed[kLanes - 1] = x == 1.0 ? 2.0 : 1.0;
    CHECK_FALSE(labsim::model::uniform(mixed));
    const Lanes e = labsim::model::exp(same), g = labsim::model::log(same);
    const Lanes em = labsim::model::exp(mixed), gm = labsim::model::log(mixed);
    for (int l = 0; l < kLanes; ++l) {
      INFO(x << " lane " << l);
      CHECK(bits(e[l]) == bits(std::exp(x)));
      CHECK(bits(g[l]) == bits(std::log(x)));
      CHECK(bits(em[l]) == bits(std::exp(mixed[l])));
      CHECK(bits(gm[l]) == bits(std::log(mixed[l])));
    }
  }
  // +0 and -0 compare equal but are not the same bits: lanes holding both are not uniform.
  Lanes zeros(0.0);
  zeros[3] = -0.0;
  CHECK_FALSE(labsim::model::uniform(zeros));
}

TEST_CASE("every operation on lanes gives each lane the scalar operation's bits, NaN, zeros and infinities included", "[lanes]") {
  using labsim::model::Mask;
  const double inf = std::numeric_limits<double>::infinity(), nan = std::numeric_limits<double>::quiet_NaN();
  const std::vector<double> values = {nan, -nan, 0.0, -0.0, inf, -inf, 4.9e-324, -1e-310, 1.0, -1.0, 2.5, 1e308};
  auto bits = [](double x) { return std::bit_cast<std::uint64_t>(x); };
  // Two NaN operands: IEEE 754 leaves open which one's sign and payload the result carries, and
  // the compiler may commute + and * in scalar code as in packed code; the result is a NaN.
  auto same = [&](double got, double x, double y, double scalar) {
    return std::isnan(x) && std::isnan(y) ? std::isnan(got) : bits(got) == bits(scalar);
  };
  // Every pair of values, eight pairs a block, each pair in a different lane from block to block.
  std::vector<std::pair<double, double>> pairs;
  for (double a : values)
    for (double b : values) pairs.emplace_back(a, b);
  for (size_t first = 0; first < pairs.size(); first += kLanes) {
    Lanes a, b, c;
    for (int l = 0; l < kLanes; ++l) {
      const auto& p = pairs[(first + static_cast<size_t>(l)) % pairs.size()];
      a[l] = p.first, b[l] = p.second, c[l] = values[(first / kLanes + static_cast<size_t>(l)) % values.size()];
    }
    const Lanes sum = a + b, difference = a - b, product = a * b, quotient = a / b, negated = -a, absolute = abs_of(a);
    const Mask less = a < b, greater = a > b, at_most = a <= b, at_least = a >= b;
    const Mask either = less || greater, both = at_most && at_least, neither = !either;
    const Lanes chosen = select(less, a, b), low = min_of(a, b), high = max_of(a, b), clamped = clamp_of(c, a, b);
    for (int l = 0; l < kLanes; ++l) {
      const double x = a[l], y = b[l], z = c[l];
      INFO("lane " << l << ": " << x << ", " << y << ", " << z);
      CHECK(same(sum[l], x, y, x + y));
      CHECK(same(difference[l], x, y, x - y));
      CHECK(same(product[l], x, y, x * y));
      CHECK(same(quotient[l], x, y, x / y));
      CHECK(bits(negated[l]) == bits(-x));
      CHECK(bits(absolute[l]) == bits(std::fabs(x)));
      CHECK(less.on(l) == (x < y));
      CHECK(greater.on(l) == (x > y));
      CHECK(at_most.on(l) == (x <= y));
      CHECK(at_least.on(l) == (x >= y));
      CHECK(either.on(l) == (x < y || x > y));
      CHECK(both.on(l) == (x <= y && x >= y));
      CHECK(neither.on(l) == !(x < y || x > y));
      CHECK(bits(chosen[l]) == bits(x < y ? x : y));
      CHECK(bits(low[l]) == bits(std::min(x, y)));
      CHECK(bits(high[l]) == bits(std::max(x, y)));
      CHECK(bits(clamped[l]) == bits(labsim::model::clamp_of(z, x, y)));
      CHECK(bits(Lanes(x)[l]) == bits(x));
    }
  }
  CHECK(labsim::model::any(Lanes(1.0) < Lanes(2.0)));
  CHECK_FALSE(labsim::model::any(Lanes(nan) < Lanes(2.0)));
}
