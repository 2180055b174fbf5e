// Groups within a role (docs/scenario-format.md, "people"): several entries of one role, each
// with its own `group:` name, count and pay, modelled apart and added up in the per-role metrics;
// addressed by group in --set and extends:; located errors when a role's entries cannot be told
// apart. Expected values are worked out by hand in the comments.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <string>

#include "io/bind.hpp"
#include "labsim/engine.hpp"
#include "labsim/loader.hpp"
#include "loader_helpers.hpp"

namespace {

using labsim::Metric;
using labsim::Trajectory;
using labsim::test::report_of;

double value(const Trajectory& t, int year, Metric m) { return t.institutions[0].at(year - t.first_year, m); }

// 25 faculty: 20 paid $210,000 and 5 paid $180,000, against an industry offer of $300,000. No
// inflation, no industry compute figure (the compute term is dropped), money enough for all.
std::string groups(const std::string& people) {
  return "scenario: {name: groups, years: 2024-2025}\n"
         "economy: {inflation: 0%/yr}\n"
         "market: {industry_comp: 300k}\n"
         "institutions:\n"
         "  - id: stateu\n"
         "    kind: university\n"
         "    funding: [{name: base, amount: 100M/yr, years: 2024-2025}]\n"
         "    people:\n" + people;
}

const std::string kTwoGroups =
    "      - {role: faculty, group: topped-up, count: 20, salary: 210k}\n"
    "      - {role: faculty, group: others, count: 5, salary: 180k}\n";

// The probability that a faculty member paid `own` takes the offer (docs/model.md, "Talent"):
// logistic(-1.79 + 1.6 ln(300,000 / own)).
double choice(double own) { return 1 / (1 + std::exp(-(-1.79 + 1.6 * std::log(300e3 / own)))); }

}  // namespace

TEST_CASE("each group of a role weighs its own pay and the role's metrics add them up", "[talent][groups]") {
  Trajectory t = labsim::run(labsim::load_scenario_string(groups(kTwoGroups), "t.yaml"));
  // Moves in 2024: 20 x 12.4% x 0.22806 = 0.56558 and 5 x 12.4% x 0.27435 = 0.17010.
  const double topped = 20 * 0.124 * choice(210e3), others = 5 * 0.124 * choice(180e3);
  CHECK(topped == Approx(0.565579).epsilon(1e-5));
  CHECK(others == Approx(0.170095).epsilon(1e-5));
  CHECK(value(t, 2024, Metric::kTalentDeparturesToIndustryFaculty) == Approx(topped + others));
  // One entry of 25 at the mean pay ($204,000) would lose 0.73260: the groups are not averaged.
  CHECK(value(t, 2024, Metric::kTalentDeparturesToIndustryFaculty) != Approx(25 * 0.124 * choice(204e3)));
  // Every post is refilled (money enough): 25 faculty at the end of the year, the groups together.
  CHECK(value(t, 2024, Metric::kTalentHeadcountFaculty) == Approx(25));
  CHECK(value(t, 2024, Metric::kTalentHeadcount) == Approx(25));
  // Pay, weighted by headcount: (20 x 210,000 + 5 x 180,000) / 25 = 204,000.
  CHECK(value(t, 2024, Metric::kTalentMeanSalary) == Approx(204e3));
}

TEST_CASE("a group is addressed by its name in --set, sweeps and extends", "[loader][groups]") {
  labsim::Scenario s = labsim::load_scenario_string(groups(kTwoGroups), "t.yaml",
                                                    {"institutions.stateu.people.others.salary=210k"});
  REQUIRE(s.institutions[0].people.size() == 2);
  CHECK(s.institutions[0].people[1].group == "others");
  CHECK(s.institutions[0].people[1].salary_usd == 210e3);
  CHECK(s.institutions[0].people[0].salary_usd == 210e3);
  // The bound field of a sweep or solve, and a group's count.
  labsim::io::Field count = labsim::io::bind_field(s, "institutions.stateu.people.topped-up.count");
  CHECK(labsim::io::get_field(count) == 20);
  labsim::io::set_field(count, 22);
  CHECK(value(labsim::run(s), 2024, Metric::kTalentHeadcountFaculty) == Approx(27));
  // extends: an override file changes one group and leaves the other as it was.
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / "labsim-groups-test";
  fs::create_directories(dir);
  std::ofstream(dir / "base.yaml") << groups(kTwoGroups);
  std::ofstream(dir / "policy.yaml") << "extends: base.yaml\n"
                                        "institutions:\n"
                                        "  - id: stateu\n"
                                        "    people: [{role: faculty, group: topped-up, salary: 240k}]\n";
  labsim::Scenario merged = labsim::load_scenario_file((dir / "policy.yaml").string());
  REQUIRE(merged.institutions[0].people.size() == 2);
  CHECK(merged.institutions[0].people[0].salary_usd == 240e3);
  CHECK(merged.institutions[0].people[0].count == 20);
  CHECK(merged.institutions[0].people[1].salary_usd == 180e3);
  fs::remove_all(dir);
}

TEST_CASE("a role's entries must be told apart by their group names", "[loader][groups]") {
  SECTION("the same role twice without groups") {
    std::string r = report_of(groups("      - {role: faculty, count: 20, salary: 210k}\n"
                                     "      - {role: faculty, count: 5, salary: 180k}\n"));
    CHECK(r.find("t.yaml:10:16: error: institutions.stateu.people.faculty.role: the role faculty has 2 entries; "
                  "each needs a `group:` name") != std::string::npos);
    CHECK(std::count(r.begin(), r.end(), '^') == 1);  // reported once, not per entry
  }
  SECTION("one group named, the other not") {
    std::string r = report_of(groups("      - {role: faculty, count: 20, salary: 210k}\n"
                                     "      - {role: faculty, group: others, count: 5, salary: 180k}\n"));
    CHECK(r.find("t.yaml:9:16: error: institutions.stateu.people.faculty.role: the role faculty has 2 entries") !=
          std::string::npos);
  }
  SECTION("a group name used twice, or a role's name") {
    CHECK(report_of(groups("      - {role: faculty, group: a, count: 20, salary: 210k}\n"
                           "      - {role: faculty, group: a, count: 5, salary: 180k}\n"))
              .find("institutions.stateu.people.a.group: 'a' names two entries of people") != std::string::npos);
    CHECK(report_of(groups("      - {role: phd, count: 20, salary: 40k}\n"
                           "      - {role: faculty, group: phd, count: 5, salary: 180k}\n"))
              .find("'phd' names two entries of people") != std::string::npos);
  }
  SECTION("a group alone in its role is fine") {
    CHECK(report_of(groups("      - {role: faculty, group: all, count: 20, salary: 210k}\n")) == "(loaded)");
  }
}
