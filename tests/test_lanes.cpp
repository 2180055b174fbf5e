// Stages written once over their number type (sim/model/lanes.hpp) give, lane by lane, the bits of
// the scalar engine: checked on random values and on every edge a stage branches on.
#include <catch2/catch.hpp>

#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <utility>
#include <vector>

#include "labsim/scenario.hpp"
#include "model/budget.hpp"
#include "model/lanes.hpp"
#include "model/output.hpp"

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
      for (int l = 0; l < kLanes; ++l) run[l] = pairs[at + l].first, frontier[l] = pairs[at + l].second;
      Lanes got = labsim::model::notable_share(run, frontier, p);
      for (int l = 0; l < kLanes; ++l) {
        INFO(pairs[at + l].first << " " << pairs[at + l].second);
        double scalar = labsim::model::notable_share(pairs[at + l].first, pairs[at + l].second, p);
        CHECK(bits(got[l]) == bits(scalar));
        CHECK(bits(scalar) == bits(share_reference(pairs[at + l].first, pairs[at + l].second, p)));
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
    Lanes carry, carry_rate, reserves, spent, drawn;
    std::array<CommitmentT<double>, kLanes> people, compute;
    CommitmentT<Lanes> people_l, compute_l;
    for (int l = 0; l < kLanes; ++l) {
      insts[static_cast<size_t>(l)] = random_institution(rng, streams, carryover);
      view.at[static_cast<size_t>(l)] = &insts[static_cast<size_t>(l)];
      carry[l] = pick(rng, {0, 0.004, 2e6, 7.5e8});
      carry_rate[l] = pick(rng, {0, 0.5, 0.35});
      reserves[l] = pick(rng, {0, 0.009, 1e6, 1e12});
      spent[l] = pick(rng, {0, 3e6, 1e9, 2e11});
      drawn[l] = std::min(reserves[l], pick(rng, {0, 1e5, 1e12}));
      people[static_cast<size_t>(l)] = {pick(rng, {0, 1e6, 3e8}), 0};
      people[static_cast<size_t>(l)].direct_usd = people[static_cast<size_t>(l)].cost_usd / pick(rng, {1, 1.5});
      compute[static_cast<size_t>(l)] = {pick(rng, {0, 2e6, 9e9}), 0};
      compute[static_cast<size_t>(l)].direct_usd = compute[static_cast<size_t>(l)].cost_usd / pick(rng, {1, 1.6});
      people_l.cost_usd[l] = people[static_cast<size_t>(l)].cost_usd, people_l.direct_usd[l] = people[static_cast<size_t>(l)].direct_usd;
      compute_l.cost_usd[l] = compute[static_cast<size_t>(l)].cost_usd, compute_l.direct_usd[l] = compute[static_cast<size_t>(l)].direct_usd;
    }
    const int year = 2024 + trial % 6;
    BudgetPlanT<Lanes> plan = plan_budget<Lanes>(view, year, carry, carry_rate, reserves);
    FundingT<Lanes> funds = fund_commitments(plan, people_l, compute_l);
    SettlementT<Lanes> settled = settle(funds.personnel, people_l);
    ClosingT<Lanes> closing = close_year(view, plan, spent, drawn);
    for (int l = 0; l < kLanes; ++l) {
      const auto i = static_cast<size_t>(l);
      BudgetPlan p = plan_budget(insts[i], year, carry[l], carry_rate[l], reserves[l]);
      INFO("trial " << trial << " lane " << l);
      for (auto [a, b] : {std::pair{plan.revenue_usd[l], p.revenue_usd}, {plan.available_usd[l], p.available_usd},
                          {plan.indirect_rate[l], p.indirect_rate}, {plan.compute_usd[l], p.compute_usd},
                          {plan.personnel_usd[l], p.personnel_usd}, {plan.reserves_usd[l], p.reserves_usd}})
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
    }
  }
}
