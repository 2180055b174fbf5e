// The State University study of issue 16, written with the policy building blocks: a fixed NAIRR
// allocation, a faculty group topped up with money earmarked for people. `labsim compare` must show
// the hours and the top-ups exactly where they go; the expected values are worked out by hand.
#include <catch2/catch.hpp>

#include <cmath>
#include <fstream>
#include <string>

#include "cli_helpers.hpp"
#include "labsim/engine.hpp"
#include "labsim/loader.hpp"

namespace {

using labsim::Metric;
using labsim::test::source_path;

double value(const labsim::Trajectory& t, const std::string& id, int year, Metric m) {
  for (const labsim::InstitutionSeries& s : t.institutions)
    if (s.id == id) return s.at(year - t.first_year, m);
  FAIL("no institution " << id);
  return 0;
}

int lines_of(const std::string& path) {
  std::ifstream in(source_path(path));
  int n = 0;
  for (std::string line; std::getline(in, line);) ++n;
  return n;
}

}  // namespace

TEST_CASE("the State University study fits in under 40 lines of YAML", "[scenarios][policy]") {
  CHECK(lines_of("scenarios/state-university.yaml") + lines_of("scenarios/state-university-policy.yaml") < 40);
}

TEST_CASE("the study's 500,000 hours and faculty top-ups go where the policy says", "[scenarios][policy]") {
  const labsim::Trajectory base = labsim::run(labsim::load_scenario_file(source_path("scenarios/state-university.yaml")));
  const labsim::Trajectory policy =
      labsim::run(labsim::load_scenario_file(source_path("scenarios/state-university-policy.yaml")));
  for (int year = 2025; year <= 2032; ++year) {
    INFO(year);
    // The program grants its hours in full, to State University alone.
    CHECK(value(policy, "stateu", year, Metric::kComputeAllocatedH100Hours) == 500000);
    CHECK(value(policy, "lab", year, Metric::kComputeAllocatedH100Hours) == 0);
    CHECK(value(policy, "nairr", year, Metric::kComputeAllocationsUnserved) == 0);
    // The top-up is people's money: 20 x $30,000 x 130% fringe = $780,000 more on people in 2025,
    // growing 2.5% a year like the salaries, and not a dollar more on hardware or cloud.
    CHECK(value(policy, "stateu", year, Metric::kBudgetPersonnelSpend) ==
          Approx(value(base, "stateu", year, Metric::kBudgetPersonnelSpend) + 780e3 * std::pow(1.025, year - 2025)));
    CHECK(value(policy, "stateu", year, Metric::kBudgetComputeCapex) ==
          value(base, "stateu", year, Metric::kBudgetComputeCapex));
    CHECK(value(policy, "stateu", year, Metric::kBudgetCloudSpend) == value(base, "stateu", year, Metric::kBudgetCloudSpend));
  }
  // 500,000 hours over 120 researchers: 4,166.7 more H100-hours per researcher in 2025.
  CHECK(value(policy, "stateu", 2025, Metric::kComputeH100HoursPerResearcher) ==
        Approx(value(base, "stateu", 2025, Metric::kComputeH100HoursPerResearcher) + 500000.0 / 120));
  // Pay: 20 of the 120 earn $30,000 more: the mean rises by $5,000.
  CHECK(value(policy, "stateu", 2025, Metric::kTalentMeanSalary) ==
        Approx(value(base, "stateu", 2025, Metric::kTalentMeanSalary) + 5000));
  // Better-paid faculty leave for industry less often.
  CHECK(value(policy, "stateu", 2025, Metric::kTalentDeparturesToIndustryFaculty) <
        value(base, "stateu", 2025, Metric::kTalentDeparturesToIndustryFaculty));
}
