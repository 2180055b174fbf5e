// Budget stage (DESIGN §4.1): stream payments, the blended F&A rate, the compute/personnel split
// and the year's closing. Every expected value is worked out by hand in the comments.
#include <catch2/catch.hpp>

#include "model/budget.hpp"

namespace {

using labsim::Institution;
using labsim::Stream;
namespace model = labsim::model;

Approx near(double v) { return Approx(v).epsilon(1e-12); }

Stream total_stream(double amount, int first, int last, double rate = 0) {
  Stream s;
  s.name = "grant";
  s.amount_usd = amount;
  s.first_year = first;
  s.last_year = last;
  s.indirect_rate = rate;
  return s;
}

Stream yearly_stream(double amount, int first, int last, double growth, double rate = 0) {
  Stream s = total_stream(amount, first, last, rate);
  s.per_year = true;
  s.growth_factor = growth;
  return s;
}

}  // namespace

TEST_CASE("a total amount is split evenly over its years", "[budget]") {
  // 20M over 2024-2028 (5 years): 20M / 5 = 4M a year.
  Stream s = total_stream(20e6, 2024, 2028);
  double paid = 0;
  for (int year = 2024; year <= 2028; ++year) {
    CHECK(model::stream_payment(s, year) == near(4e6));
    paid += model::stream_payment(s, year);
  }
  CHECK(paid == near(20e6));
}

TEST_CASE("a stream pays nothing outside its years", "[budget]") {
  Stream total = total_stream(20e6, 2024, 2028);
  Stream yearly = yearly_stream(1e6, 2024, 2026, 1.03);
  for (int year : {2000, 2023, 2029, 2050}) CHECK(model::stream_payment(total, year) == 0);
  for (int year : {2023, 2027}) CHECK(model::stream_payment(yearly, year) == 0);
}

TEST_CASE("a per-year amount pays its amount in the first year and grows after", "[budget]") {
  // 1M/yr with 3%/yr growth: 2024 1M; 2025 1.03M; 2026 1M x 1.03^2 = 1,060,900.
  Stream s = yearly_stream(1e6, 2024, 2034, 1.03);
  CHECK(model::stream_payment(s, 2024) == near(1e6));
  CHECK(model::stream_payment(s, 2025) == near(1.03e6));
  CHECK(model::stream_payment(s, 2026) == near(1060900));
  // 2034: 1M x 1.03^10 = 1,343,916.3793...
  CHECK(model::stream_payment(s, 2034) == near(1343916.3793441));
}

TEST_CASE("a schedule overrides the even split", "[budget]") {
  // 10M over 2024-2026 paid 20%, 30%, 50%: 2M, 3M, 5M.
  Stream s = total_stream(10e6, 2024, 2026);
  s.schedule = {0.2, 0.3, 0.5};
  CHECK(model::stream_payment(s, 2024) == near(2e6));
  CHECK(model::stream_payment(s, 2025) == near(3e6));
  CHECK(model::stream_payment(s, 2026) == near(5e6));
  CHECK(model::stream_payment(s, 2027) == 0);
}

TEST_CASE("the F&A rate of the year's money keeps each part's direct buying power, carry-in included",
          "[budget]") {
  // Streams in 2025: an award of 20M over 2024-2028 at 55% pays 4M; 1M/yr at 0% pays 1M.
  // Carry-in: 2M at 40%.
  //   direct cost the parts pay = 2M / 1.40 + 4M / 1.55 + 1M / 1.00
  //                             = 1.4285714M + 2.5806452M + 1M = 5.0092166M
  //   available = 4M + 1M + 2M = 7M; rate = 7 / 5.0092166 - 1 = 0.3974240...
  //   compute     = 7M x 30% = 2.1M; personnel = 7M - 2.1M = 4.9M
  Institution inst;
  inst.funding = {total_stream(20e6, 2024, 2028, 0.55), yearly_stream(1e6, 2024, 2034, 1.0)};
  inst.spending.compute_share = 0.3;
  model::BudgetPlan p = model::plan_budget(inst, 2025, 2e6, 0.40, 0);
  CHECK(p.revenue_usd == near(5e6));
  CHECK(p.carry_in_usd == near(2e6));
  CHECK(p.available_usd == near(7e6));
  CHECK(p.indirect_rate == near(7e6 / (2e6 / 1.40 + 4e6 / 1.55 + 1e6) - 1));
  CHECK(p.indirect_rate == Approx(0.397424).epsilon(1e-6));
  CHECK(p.compute_usd == near(2.1e6));
  CHECK(p.personnel_usd == near(4.9e6));
}

// Guards issue 13 (e): a pooled rate near 0 keeps its digits. Taken as available / direct - 1 it
// loses them to cancellation (about 1e-16 / 5e-10, a relative error of 2e-7 here, and 2.6e-5 in
// the case the issue found); summing the F&A of each part directly keeps them.
TEST_CASE("a tiny F&A rate pools without losing its digits", "[budget]") {
  // 1M at r = 1e-9 and 1M at 0: F&A = 1M x r / (1 + r); direct = 1M / (1 + r) + 1M
  //   pooled rate = (r / (1 + r)) / (1 / (1 + r) + 1) = r / (2 + r) = 4.9999999975e-10
  const double r = 1e-9;
  Institution inst;
  inst.funding = {yearly_stream(1e6, 2024, 2034, 1.0, r), yearly_stream(1e6, 2024, 2034, 1.0)};
  CHECK(model::plan_budget(inst, 2025, 0, 0, 0).indirect_rate == near(r / (2 + r)));
  CHECK(model::plan_budget(inst, 2025, 0, 0, 0).indirect_rate == near(4.9999999975e-10));
  // With 2M carried in at r as well: F&A = 3M x r / (1 + r); direct = 3M / (1 + r) + 1M
  //   pooled rate = 3r / (3 + 1 + r) = 3r / (4 + r) = 7.4999999981e-10
  CHECK(model::plan_budget(inst, 2025, 2e6, r, 0).indirect_rate == near(3 * r / (4 + r)));
  // Money at one rate pools at that rate exactly.
  inst.funding.pop_back();
  CHECK(model::plan_budget(inst, 2025, 0, 0, 0).indirect_rate == r);
}

TEST_CASE("after an award ends only the other money sets the rate", "[budget]") {
  // 2029: the 55% award is over; 1M/yr at 0% and no carry-in give a rate of 0. Reserves of 2.5M
  // are kept apart: they are neither revenue nor in an envelope.
  Institution inst;
  inst.funding = {total_stream(20e6, 2024, 2028, 0.55), yearly_stream(1e6, 2024, 2034, 1.0)};
  inst.spending.compute_share = 0.25;
  model::BudgetPlan p = model::plan_budget(inst, 2029, 0, 0, 2.5e6);
  CHECK(p.revenue_usd == near(1e6));
  CHECK(p.indirect_rate == 0);
  CHECK(p.compute_usd == near(250e3));
  CHECK(p.personnel_usd == near(750e3));
  CHECK(p.reserves_usd == 2.5e6);
}

TEST_CASE("property-negative-indirect: money without F&A has a rate of exactly 0", "[budget]") {
  // Found by the property tests (tests/test_properties.cpp): 6,029,000/yr plus a 44,753,000
  // total over 2023-2028, both at 0%, with carry-in, pooled to a rate of about -1e-16, which
  // made budget.indirect about -7e-11 USD. A pooled rate lies between its parts' rates: here 0.
  Institution inst;
  inst.funding = {yearly_stream(6029e3, 2024, 2028, 1.0), total_stream(44753e3, 2023, 2028)};
  for (double carry_in : {0.0, 1234567.891, 44753e3 / 6 * 0.91, 3.3e7})
    CHECK(model::plan_budget(inst, 2026, carry_in, 0, 0).indirect_rate == 0);
  // Two streams at 55% pool at 55% exactly, whatever rounding would make of 1.55 x / (x / 1.55).
  inst.funding = {yearly_stream(6029e3, 2024, 2028, 1.0, 0.55), total_stream(44753e3, 2023, 2028, 0.55)};
  for (double carry_in : {0.0, 1234567.891, 3.3e7})
    CHECK(model::plan_budget(inst, 2026, carry_in, 0.55, 0).indirect_rate == 0.55);
}

TEST_CASE("no money gives a zero rate and empty envelopes", "[budget]") {
  Institution inst;
  inst.funding = {total_stream(20e6, 2024, 2028, 0.55)};
  model::BudgetPlan p = model::plan_budget(inst, 2030, 0, 0.55, 0);
  CHECK(p.available_usd == 0);
  CHECK(p.indirect_rate == 0);
  CHECK(p.compute_usd == 0);
  CHECK(p.personnel_usd == 0);
}

TEST_CASE("F&A multiplies spending inside the base", "[budget]") {
  // 100k of salaries at 55%: 155k.
  CHECK(model::with_indirect(100e3, 0.55) == near(155e3));
  CHECK(model::with_indirect(100e3, 0) == near(100e3));
}

TEST_CASE("unspent money carries over or lapses", "[budget]") {
  Institution inst;
  model::BudgetPlan p;
  p.available_usd = 7e6;
  p.reserves_usd = 2e6;
  SECTION("carryover: 7M available - 5M spent = 2M carried") {
    inst.spending.carryover = true;
    model::Closing c = model::close_year(inst, p, 5e6, 0);
    CHECK(c.carry_out_usd == near(2e6));
    CHECK(c.lapsed_usd == 0);
    CHECK(c.reserves_usd == near(2e6));  // not drawn, not replenished
  }
  SECTION("no carryover: the same 2M lapses") {
    inst.spending.carryover = false;
    model::Closing c = model::close_year(inst, p, 5e6, 0);
    CHECK(c.carry_out_usd == 0);
    CHECK(c.lapsed_usd == near(2e6));
  }
  SECTION("what reserves paid is not taken from the funds") {
    // Spent 8M of which reserves paid 1.5M: the funds paid 6.5M, 0.5M is left; reserves 2M - 1.5M.
    inst.spending.carryover = true;
    model::Closing c = model::close_year(inst, p, 8e6, 1.5e6);
    CHECK(c.carry_out_usd == near(0.5e6));
    CHECK(c.lapsed_usd == 0);
    CHECK(c.reserves_usd == near(0.5e6));
    // Balance: 7M + 1.5M = 8M + 0.5M.
    CHECK(p.available_usd + 1.5e6 == near(8e6 + c.carry_out_usd));
  }
  SECTION("everything spent leaves nothing") {
    model::Closing c = model::close_year(inst, p, 7e6, 0);
    CHECK(c.carry_out_usd == Approx(0).margin(1e-6));
    CHECK(c.lapsed_usd == 0);
  }
}

TEST_CASE("a side short of money for its commitments takes the other side's spare money first", "[budget]") {
  // Envelopes: people 700k, compute 300k (1M at 30%), rate 50%.
  // People commit 800k (direct 800k / 1.5 = 533,333.33); compute commits 150k (direct 100k).
  //   People are short by 100k; compute has 300k - 150k = 150k spare: it gives 100k.
  //   People: funds 800k, exactly their commitments; compute: 200k, of which 50k is free.
  // Nothing is drawn from the reserves of 1M.
  model::BudgetPlan plan;
  plan.personnel_usd = 700e3;
  plan.compute_usd = 300e3;
  plan.reserves_usd = 1e6;
  model::Funding f = model::fund_commitments(plan, {800e3, 800e3 / 1.5}, {150e3, 100e3});
  CHECK(f.personnel.funds_usd == 800e3);  // exactly: a remainder would look like a gap
  CHECK(f.compute.funds_usd == near(200e3));
  CHECK(f.personnel.reserves_usd == 0);
  CHECK(f.compute.reserves_usd == 0);
  CHECK(model::unpaid_usd(f.personnel, {800e3, 800e3 / 1.5}) == 0);
}

TEST_CASE("reserves pay the direct cost the funds cannot, shared in proportion to the gaps", "[budget]") {
  // Rate 50%. People commit 900k (direct 600k) against 700k; compute 450k (direct 300k) against
  // 300k: neither side has spare money.
  //   The funds pay the same share of every cost: people 700/900, compute 300/450 = 2/3.
  //   Direct gaps: people 600k x (1 - 7/9) = 133,333.33; compute 300k x (1 - 2/3) = 100k.
  model::BudgetPlan plan;
  plan.personnel_usd = 700e3;
  plan.compute_usd = 300e3;
  const model::Commitment people{900e3, 600e3}, compute{450e3, 300e3};
  SECTION("reserves of 500k pay both gaps") {
    plan.reserves_usd = 500e3;
    model::Funding f = model::fund_commitments(plan, people, compute);
    CHECK(f.personnel.reserves_usd == near(600e3 * 2 / 9));
    CHECK(f.compute.reserves_usd == near(100e3));
    CHECK(model::unpaid_usd(f.personnel, people) == 0);
    CHECK(model::unpaid_usd(f.compute, compute) == 0);
  }
  SECTION("reserves of 70k are shared 4:3, the gaps' ratio, and the rest must be cut") {
    // Gaps 133,333.33 and 100,000 (4:3): 40k and 30k. Left unpaid: 93,333.33 and 70k.
    plan.reserves_usd = 70e3;
    model::Funding f = model::fund_commitments(plan, people, compute);
    CHECK(f.personnel.reserves_usd == near(40e3));
    CHECK(f.compute.reserves_usd == near(30e3));
    CHECK(model::unpaid_usd(f.personnel, people) == near(600e3 * 2 / 9 - 40e3));
    CHECK(model::unpaid_usd(f.compute, compute) == near(70e3));
  }
}

TEST_CASE("a side pays what it keeps: the funds a share of each cost with F&A, reserves the rest without",
          "[budget]") {
  // Funds 300k, reserves up to 100k; kept 450k with F&A (direct 300k at 50%).
  //   funded share = 300 / 450 = 2/3; reserves pay (1 - 2/3) x 300k = 100k.
  model::Settlement s = model::settle({300e3, 100e3}, {450e3, 300e3});
  CHECK(s.funded_share == near(2.0 / 3));
  CHECK(s.reserves_usd == near(100e3));
  // Kept within the funds: they pay it all.
  CHECK(model::settle({300e3, 100e3}, {250e3, 200e3}).funded_share == 1);
  CHECK(model::settle({300e3, 100e3}, {250e3, 200e3}).reserves_usd == 0);
}
