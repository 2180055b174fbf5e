// Earmarked funding (docs/model.md, "Earmarked money"): a stream with `purpose: compute` or
// `people` is spent only on its side, is never lent to the other, and what is left of it carries
// over still earmarked, or lapses, by the institution's rule. Every expected value is worked out
// by hand in the comments.
#include <catch2/catch.hpp>

#include <string>

#include "labsim/engine.hpp"
#include "labsim/loader.hpp"
#include "loader_helpers.hpp"
#include "model/budget.hpp"

namespace {

using labsim::Metric;
using labsim::Trajectory;
namespace model = labsim::model;

double value(const Trajectory& t, int year, Metric m) { return t.institutions[0].at(year - t.first_year, m); }

// Three faculty at $150,000 (no fringe, no inflation, nobody leaves) cost $450,000 a year. The
// university rents all its compute; `base` may pay for anything and the compute share is 100%;
// `topup` brings $600,000 a year.
std::string university(const std::string& topup_purpose, bool carryover = true) {
  return "scenario: {name: earmarks, years: 2024-2026}\n"
         "economy: {inflation: 0%/yr}\n"
         "talent: {mobility: {faculty: 0}}\n"
         "institutions:\n"
         "  - id: uni\n"
         "    kind: university\n"
         "    procurement: {gpu: H100-SXM, mode: cloud}\n"
         "    people: [{role: faculty, count: 3, salary: 150k, fringe: 0, attrition: 0}]\n"
         "    funding:\n"
         "      - {name: base, amount: 1M/yr, years: 2024-2026}\n"
         "      - {name: topup, " + topup_purpose + "amount: 600k/yr, years: 2024-2026}\n"
         "    spending: {compute_share: 100%, carryover: " + (carryover ? "true" : "false") + "}\n";
}

}  // namespace

TEST_CASE("money earmarked for people is not spent on compute", "[engine][earmarks]") {
  SECTION("purpose: people") {
    Trajectory t = labsim::run(labsim::load_scenario_string(university("purpose: people, "), "t.yaml"));
    for (int year : {2024, 2025, 2026}) {
      INFO(year);
      // Compute gets the $1M of `base` and no more; the faculty cost $450,000 of the $600,000.
      CHECK(value(t, year, Metric::kBudgetCloudSpend) == Approx(1e6));
      CHECK(value(t, year, Metric::kBudgetPersonnelSpend) == Approx(450e3));
      // The $150,000 left each year stays earmarked: it piles up, $150,000 more every year.
      CHECK(value(t, year, Metric::kBudgetCarryover) == Approx(150e3 * (year - 2023)));
    }
  }
  SECTION("purpose: any, for comparison") {
    // All $1.6M goes to compute (a share of 100%); compute lends the faculty's $450,000 and rents
    // with the other $1.15M.
    Trajectory t = labsim::run(labsim::load_scenario_string(university(""), "t.yaml"));
    CHECK(value(t, 2024, Metric::kBudgetCloudSpend) == Approx(1.15e6));
    CHECK(value(t, 2024, Metric::kBudgetCarryover) == 0);
  }
  SECTION("earmarked money lapses when the institution's money does") {
    Trajectory t = labsim::run(labsim::load_scenario_string(university("purpose: people, ", false), "t.yaml"));
    for (int year : {2024, 2025, 2026}) {
      CHECK(value(t, year, Metric::kBudgetLapsed) == Approx(150e3));
      CHECK(value(t, year, Metric::kBudgetCarryover) == 0);
      CHECK(value(t, year, Metric::kBudgetCloudSpend) == Approx(1e6));
    }
  }
}

TEST_CASE("money earmarked for compute is spent on compute whatever the compute share", "[engine][earmarks]") {
  // A compute share of 0: without the earmark the $2M equipment grant (over two years) would pay
  // people; with it, it rents $1M of compute a year and the people side keeps the base money.
  std::string text = university("", true);
  text.replace(text.find("compute_share: 100%"), 19, "compute_share: 0%");
  text.replace(text.find("{name: topup, amount: 600k/yr, years: 2024-2026}"), 48,
               "{name: equipment, purpose: compute, amount: 2M, years: 2024-2025}");
  Trajectory t = labsim::run(labsim::load_scenario_string(text, "t.yaml"));
  CHECK(value(t, 2024, Metric::kBudgetCloudSpend) == Approx(1e6));
  CHECK(value(t, 2025, Metric::kBudgetCloudSpend) == Approx(1e6));
  CHECK(value(t, 2026, Metric::kBudgetCloudSpend) == 0);
  // People: $1M a year for $450,000 of salaries; the free $550,000 a year carries over.
  CHECK(value(t, 2024, Metric::kBudgetCarryover) == Approx(550e3));
  CHECK(value(t, 2026, Metric::kBudgetCarryover) == Approx(3 * 550e3));
}

TEST_CASE("a side short of money cannot borrow the other side's earmarked money", "[budget][earmarks]") {
  labsim::Institution inst;
  labsim::Stream s;
  s.name = "equipment";
  s.amount_usd = 1e6;
  s.per_year = true;
  s.first_year = 2024;
  s.last_year = 2030;
  inst.funding.push_back(s);
  inst.spending.compute_share = 1;
  const model::Commitment people{500e3, 500e3}, compute{0, 0};
  // Purpose any: the $1M is all compute's envelope, and it lends the people's $500,000.
  model::Funding any = model::fund_commitments(model::plan_budget(inst, 2025, 0, 0, 0), people, compute);
  CHECK(any.personnel.funds_usd == 500e3);
  CHECK(any.compute.funds_usd == 500e3);
  // Earmarked for compute: nothing is lent; the people side has neither funds nor reserves.
  inst.funding[0].purpose = labsim::Purpose::kCompute;
  model::BudgetPlan plan = model::plan_budget(inst, 2025, 0, 0, 0);
  CHECK(plan.only.compute_usd == 1e6);
  model::Funding earmarked = model::fund_commitments(plan, people, compute);
  CHECK(earmarked.personnel.funds_usd == 0);
  CHECK(earmarked.compute.funds_usd == 1e6);
  CHECK(model::unpaid_usd(earmarked.personnel, people) == 500e3);
  // Carried earmarked money is earmarked again: $300,000 carried for compute of $500,000 carried.
  inst.funding[0].purpose = labsim::Purpose::kAny;
  inst.spending.compute_share = 0;
  plan = model::plan_budget(inst, 2025, 500e3, 0, 0, {300e3, 0});
  CHECK(plan.compute_usd == 300e3);       // 0% of the $1.2M free money, plus the $300,000
  CHECK(plan.personnel_usd == 1.2e6);
}

TEST_CASE("an unknown purpose is a located error", "[loader][earmarks]") {
  std::string r = labsim::test::report_of(university("purpose: salaries, "));
  CHECK(r.find("t.yaml:11:32: error: institutions.uni.funding.topup.purpose: unknown purpose \"salaries\"") !=
        std::string::npos);
  CHECK(r.find("any, compute, people") != std::string::npos);
}
