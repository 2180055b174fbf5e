// Equal-cost comparison (docs/cli.md, "compare --equal-cost"): the policy's yearly cost, the change
// in total revenue over all institutions, goes to one institution as `purpose: any` funding. The
// costs are worked out by hand from the scenario files.
#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>
#include <string>
#include <vector>

#include "cli_helpers.hpp"
#include "labsim/diagnostics.hpp"
#include "labsim/engine.hpp"
#include "labsim/explore.hpp"
#include "labsim/loader.hpp"

namespace {

using labsim::Metric;
using labsim::test::run_cli;
using labsim::test::source_path;

labsim::Scenario scenario(const std::string& name) {
  return labsim::load_scenario_file(source_path("scenarios/" + name + ".yaml"));
}

double revenue(const labsim::Trajectory& t, const std::string& id, int year) {
  for (const labsim::InstitutionSeries& s : t.institutions)
    if (s.id == id) return s.at(year - t.first_year, Metric::kBudgetRevenue);
  FAIL("no institution " << id);
  return 0;
}

}  // namespace

TEST_CASE("the cost of a salary top-up is its fund, and the same money goes to the institute", "[explore][equal-cost]") {
  const labsim::Scenario base = scenario("compute-divide"), topup = scenario("salary-topup");
  const labsim::EqualCost e = labsim::equal_cost(base, topup);
  CHECK(e.beneficiary == "institute");
  // The retention fund: $420,000 a year from 2024, +2.5% a year.
  REQUIRE(e.cost_usd.size() == 11);
  for (int k = 0; k <= 10; ++k) CHECK(e.cost_usd[static_cast<size_t>(k)] == Approx(420e3 * std::pow(1.025, k)));
  // The institute's highest F&A rate: the NSF award's 55%.
  CHECK(e.indirect_rate == 0.55);
  // Money balances: the institute's revenue is the baseline's plus the cost, every year.
  const labsim::Trajectory a = labsim::run(base), b = labsim::run(e.scenario);
  for (int year = 2024; year <= 2034; ++year)
    CHECK(revenue(b, "institute", year) ==
          Approx(revenue(a, "institute", year) + e.cost_usd[static_cast<size_t>(year - 2024)]));
  CHECK(e.scenario.institutions[0].funding.back().purpose == labsim::Purpose::kAny);
}

TEST_CASE("the cost of a national resource is all of its money, new institution included", "[explore][equal-cost]") {
  const labsim::EqualCost e = labsim::equal_cost(scenario("compute-divide"), scenario("nairr"));
  // $2.25B for compute providers over 2025-2030: $375M a year, nothing before or after.
  CHECK(e.cost_usd[0] == 0);
  for (int year = 2025; year <= 2030; ++year) CHECK(e.cost_usd[static_cast<size_t>(year - 2024)] == Approx(375e6));
  for (int year = 2031; year <= 2034; ++year) CHECK(e.cost_usd[static_cast<size_t>(year - 2024)] == 0);
  const labsim::Trajectory t = labsim::run(e.scenario);
  CHECK(revenue(t, "institute", 2026) == Approx(revenue(labsim::run(scenario("compute-divide")), "institute", 2026) + 375e6));
}

TEST_CASE("compare --equal-cost adds two columns and keeps the other three", "[cli][equal-cost]") {
  auto plain = run_cli("compare scenarios/compute-divide.yaml scenarios/salary-topup.yaml --years 2030");
  auto equal = run_cli("compare scenarios/compute-divide.yaml scenarios/salary-topup.yaml --years 2030 --equal-cost");
  REQUIRE(plain.status == 0);
  REQUIRE(equal.status == 0);
  CHECK(equal.out.substr(0, equal.out.find('\n')) ==
        "scenario,institution,year,metric,stat,baseline,policy,difference,equal_cost,policy_vs_equal_cost,unit");
  // Row by row, the first three numbers are the plain comparison's; the last is policy - equal cost.
  std::istringstream p(plain.out), q(equal.out);
  std::string a, b;
  std::getline(p, a), std::getline(q, b);
  int rows = 0;
  while (std::getline(p, a) && std::getline(q, b)) {
    auto fields = [](const std::string& line) {
      std::vector<std::string> f;
      std::stringstream ss(line);
      for (std::string x; std::getline(ss, x, ',');) f.push_back(x);
      return f;
    };
    auto fa = fields(a), fb = fields(b);
    REQUIRE(fb.size() == fa.size() + 2);
    for (size_t k = 0; k < 8; ++k) CHECK(fa[k] == fb[k]);
    if (!fb[6].empty() && !fb[8].empty())
      CHECK(std::stod(fb[9]) == Approx(std::stod(fb[6]) - std::stod(fb[8])).margin(1e-6));
    ++rows;
  }
  CHECK(rows == 8);
}

TEST_CASE("equal cost needs a cost and one beneficiary", "[cli][equal-cost]") {
  auto same = run_cli("compare scenarios/compute-divide.yaml scenarios/compute-divide.yaml --equal-cost");
  CHECK(same.status == 1);
  CHECK(same.err.find("adds no money to the baseline compute-divide in any year") != std::string::npos);
  auto unknown = run_cli("compare scenarios/compute-divide.yaml scenarios/nairr.yaml --equal-cost --beneficiary lab");
  CHECK(unknown.status == 1);
  CHECK(unknown.err.find("error: --beneficiary: the baseline has no institution 'lab'") != std::string::npos);
  CHECK(unknown.err.find("institutions: institute, industry-lab") != std::string::npos);
  auto alone = run_cli("compare scenarios/compute-divide.yaml scenarios/nairr.yaml --beneficiary institute");
  CHECK(alone.status == 1);
  CHECK(alone.err.find("only --equal-cost gives money to a beneficiary") != std::string::npos);
}

TEST_CASE("hours granted by a program with no modelled provider are costed at the H100's rent", "[explore][equal-cost]") {
  const labsim::EqualCost e = labsim::equal_cost(scenario("state-university"), scenario("state-university-policy"));
  CHECK(e.beneficiary == "stateu");
  // 500,000 H100-hours a year at the catalog's $3.90 an hour (AWS p5), 2025-2032: 8 x $1.95 million.
  CHECK(e.granted_hours_usd == Approx(8 * 500e3 * 3.90));
  // 2025: the top-up's $780,000 and the hours' $1.95 million.
  CHECK(e.cost_usd[0] == Approx(780e3 + 500e3 * 3.90));
  CHECK(e.cost_usd[7] == Approx(780e3 * std::pow(1.025, 7) + 500e3 * 3.90));
}
