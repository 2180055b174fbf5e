// Fixed H100-hour grants of national resources (docs/scenario-format.md, "allocates"): paid in
// full by a program with no modelled provider, served after the shares by a modelled one and
// rationed pro rata when it delivers too few, located errors for what is wrong at load time, and
// shares and hours that sweep, solve and Monte Carlo can vary. Every expected number is worked
// out by hand in the comments.
#include <catch2/catch.hpp>

#include <string>

#include "io/bind.hpp"
#include "labsim/explore.hpp"
#include "labsim/engine.hpp"
#include "labsim/loader.hpp"
#include "loader_helpers.hpp"

namespace {

using labsim::Metric;
using labsim::Trajectory;
using labsim::test::report_of;

double value(const Trajectory& t, const std::string& id, int year, Metric m) {
  for (const labsim::InstitutionSeries& s : t.institutions)
    if (s.id == id) return s.at(year - t.first_year, m);
  FAIL("no institution " << id);
  return 0;
}

// A university with no compute of its own and a program that grants it hours from outside the
// model (no fleet, no funding, no reserves).
const std::string kProgram = R"(
scenario: {name: program, years: 2024-2026}
institutions:
  - id: uni
    kind: university
    people: [{role: faculty, count: 10, salary: 150k}]
    funding: [{name: base, amount: 2M/yr, years: 2024-2026}]
    spending: {compute_share: 0%}
  - id: program
    kind: national_resource
    allocates:
      - {institution: uni, h100_hours: {2024: 250k, 2026: 500k}}
)";

// A resource that runs 200 H100s in 2024 and 100 in 2025 (one cohort retires), paid from
// reserves (no funding: it buys nothing), every GPU up all year and busy half of it: it delivers
// 200 x 8,760 x 50% = 876,000 H100-hours in 2024 and 438,000 in 2025.
const std::string kRationed = R"(
scenario: {name: rationed, years: 2024-2025}
institutions:
  - {id: a, kind: university}
  - {id: b, kind: university}
  - {id: c, kind: university}
  - id: nr
    kind: national_resource
    fleet:
      - {gpu: H100-SXM, count: 100, acquired: 2022, lifetime: 3 years}
      - {gpu: H100-SXM, count: 100, acquired: 2024}
    operations: {availability: 100%, utilization: 50%}
    reserves: 100M
    allocates:
      - {institution: a, h100_hours: 300k/yr}
      - {institution: b, h100_hours: 200k}
      - {institution: c, share: 20%}
)";

}  // namespace

TEST_CASE("a program with no modelled provider grants its hours in full", "[engine][allocation]") {
  Trajectory t = labsim::run(labsim::load_scenario_string(kProgram, "t.yaml"));
  // The series is linear between its points: 250k, 375k, 500k.
  CHECK(value(t, "uni", 2024, Metric::kComputeAllocatedH100Hours) == 250000);
  CHECK(value(t, "uni", 2025, Metric::kComputeAllocatedH100Hours) == 375000);
  CHECK(value(t, "uni", 2026, Metric::kComputeAllocatedH100Hours) == 500000);
  // The university has no other compute: the grant is all it has, per researcher over 10 faculty.
  CHECK(value(t, "uni", 2024, Metric::kComputeH100Hours) == 250000);
  CHECK(value(t, "uni", 2024, Metric::kComputeH100HoursPerResearcher) == Approx(25000));
  for (int year : {2024, 2025, 2026}) CHECK(value(t, "program", year, Metric::kComputeAllocationsUnserved) == 0);
}

TEST_CASE("fixed grants take what the shares leave and are rationed pro rata", "[engine][allocation]") {
  Trajectory t = labsim::run(labsim::load_scenario_string(kRationed, "t.yaml"));
  REQUIRE(value(t, "nr", 2024, Metric::kComputeH100Hours) == Approx(876000));
  REQUIRE(value(t, "nr", 2025, Metric::kComputeH100Hours) == Approx(438000));
  // 2024: c's 20% is 175,200; 700,800 are left, more than the 500,000 granted.
  CHECK(value(t, "c", 2024, Metric::kComputeAllocatedH100Hours) == Approx(175200));
  CHECK(value(t, "a", 2024, Metric::kComputeAllocatedH100Hours) == Approx(300000));
  CHECK(value(t, "b", 2024, Metric::kComputeAllocatedH100Hours) == Approx(200000));
  CHECK(value(t, "nr", 2024, Metric::kComputeAllocationsUnserved) == 0);
  // 2025: c's 20% is 87,600; 350,400 are left for 500,000 granted: each grant gets 70.08%.
  CHECK(value(t, "c", 2025, Metric::kComputeAllocatedH100Hours) == Approx(87600));
  CHECK(value(t, "a", 2025, Metric::kComputeAllocatedH100Hours) == Approx(210240));
  CHECK(value(t, "b", 2025, Metric::kComputeAllocatedH100Hours) == Approx(140160));
  CHECK(value(t, "nr", 2025, Metric::kComputeAllocationsUnserved) == Approx(149600));
  // Nothing is lost: what the recipients get and what was not served add up to shares + grants.
  double received = 0;
  for (const char* id : {"a", "b", "c"}) received += value(t, id, 2025, Metric::kComputeAllocatedH100Hours);
  CHECK(received + value(t, "nr", 2025, Metric::kComputeAllocationsUnserved) == Approx(87600 + 500000));
}

TEST_CASE("grants that cannot be served are located errors at load time", "[loader][allocation]") {
  auto program = [](const std::string& allocates) {
    return "scenario: {name: t, years: 2024-2026}\n"
           "institutions:\n"
           "  - {id: u, kind: university}\n"
           "  - id: n\n"
           "    kind: national_resource\n" + allocates;
  };
  SECTION("share and hours together") {
    std::string r = report_of(program("    allocates: [{institution: u, share: 1%, h100_hours: 5k}]\n"));
    CHECK(r.find("t.yaml:6:57: error: institutions.n.allocates[0].h100_hours: give either `share` or "
                 "`h100_hours`, not both") != std::string::npos);
  }
  SECTION("neither") {
    std::string r = report_of(program("    allocates: [{institution: u}]\n"));
    CHECK(r.find("institutions.n.allocates[0]: expected `share` or `h100_hours`, found neither") != std::string::npos);
  }
  SECTION("a share of a resource that delivers nothing") {
    std::string r = report_of(program("    allocates: [{institution: u, share: 10%}]\n"));
    CHECK(r.find("institutions.n.allocates[0].share: a resource with no fleet and no funding delivers no hours "
                 "to share") != std::string::npos);
  }
  SECTION("shares of 100% beside a fixed grant") {
    std::string r = report_of(program("    funding: [{name: g, amount: 1M/yr, years: 2024-2026}]\n"
                                      "    allocates: [{institution: u, share: 100%}, {institution: u, h100_hours: 1k}]\n"));
    CHECK(r.find("institutions.n.allocates[1].h100_hours: the shares give away all the hours") != std::string::npos);
  }
  SECTION("grants above what an unfunded fleet delivers in the first year") {
    // 100 H100s up all year, busy half of it: 438,000 H100-hours at most.
    const std::string fleet = "    fleet: [{gpu: H100-SXM, count: 100, acquired: 2024}]\n"
                              "    operations: {availability: 100%, utilization: 50%}\n"
                              "    reserves: 10M\n";
    CHECK(report_of(program(fleet + "    allocates: [{institution: u, h100_hours: 438k}]\n")) == "(loaded)");
    std::string r = report_of(program(fleet + "    allocates: [{institution: u, h100_hours: 439k}]\n"));
    CHECK(r.find("institutions.n.allocates[0].h100_hours: the grants need 439,000 H100-hours in 2024, more than "
                 "the 438,000 this resource's fleet can deliver") != std::string::npos);
  }
  SECTION("hours are a count a year, not money or a share") {
    CHECK(report_of(program("    allocates: [{institution: u, h100_hours: $5k}]\n"))
              .find("expected GPU-hours a year, found \"$5k\"") != std::string::npos);
    CHECK(report_of(program("    allocates: [{institution: u, h100_hours: 500k/yr}]\n")) == "(loaded)");
  }
}

TEST_CASE("allocation shares and hours are inputs sweep, solve and mc can vary", "[explore][allocation]") {
  labsim::Scenario s = labsim::load_scenario_string(kRationed, "t.yaml");
  labsim::io::Field hours = labsim::io::bind_field(s, "institutions.nr.allocates[0].h100_hours");
  labsim::io::Field share = labsim::io::bind_field(s, "institutions.nr.allocates[2].share");
  CHECK(labsim::io::get_field(hours) == 300000);
  CHECK(labsim::io::get_field(share) == 0.2);
  // A fixed grant has no share to vary.
  CHECK_THROWS_AS(labsim::io::bind_field(s, "institutions.nr.allocates[0].share"), labsim::InputError);
  // 2025 with a grant of 100k for a: 300,000 asked of the 350,400 left, all served.
  labsim::io::set_field(hours, 100000);
  Trajectory t = labsim::run(s);
  CHECK(value(t, "a", 2025, Metric::kComputeAllocatedH100Hours) == Approx(100000));
  CHECK(value(t, "nr", 2025, Metric::kComputeAllocationsUnserved) == 0);
  // Varied shares above 100% are scaled to 100% together: c alone gets every delivered hour.
  labsim::io::set_field(share, 1.5);
  t = labsim::run(s);
  CHECK(value(t, "c", 2025, Metric::kComputeAllocatedH100Hours) == Approx(438000));
  CHECK(value(t, "nr", 2025, Metric::kComputeAllocationsUnserved) == Approx(300000));
  // The same through --set, as sweep and mc apply a value.
  labsim::Scenario set = labsim::load_scenario_string(kRationed, "t.yaml", {"institutions.nr.allocates[0].h100_hours=100k"});
  CHECK(value(labsim::run(set), "a", 2025, Metric::kComputeAllocatedH100Hours) == Approx(100000));
}

TEST_CASE("uncertain grant hours and group counts are sampled by mc and swept", "[explore][allocation]") {
  labsim::Scenario s = labsim::load_scenario_string(
      "scenario: {name: u, years: 2024-2025}\n"
      "institutions:\n"
      "  - id: uni\n"
      "    kind: university\n"
      "    people:\n"
      "      - {role: faculty, group: a, count: {uniform: [10, 20]}, salary: 150k}\n"
      "      - {role: faculty, group: b, count: 5, salary: 150k}\n"
      "    funding: [{name: base, amount: 10M/yr, years: 2024-2025}]\n"
      "  - id: program\n"
      "    kind: national_resource\n"
      "    allocates: [{institution: uni, h100_hours: {uniform: [400k/yr, 600k/yr]}}]\n",
      "u.yaml");
  REQUIRE(s.uncertain.size() == 2);
  labsim::MonteCarloOptions o;
  o.samples = 2000;
  o.metrics = {Metric::kComputeAllocatedH100Hours, Metric::kTalentHeadcountFaculty};
  labsim::StatTable t = labsim::monte_carlo(s, o);
  // Uniform on [400k, 600k]: mean 500k, 5th and 95th percentiles 410k and 590k (within sampling and
  // the sketch's 0.5%); the program grants what is drawn.
  const labsim::Summary& hours = t.at(0, 0, 0, 0);
  CHECK(hours.mean == Approx(500e3).epsilon(0.01));
  CHECK(hours.percentiles.front() == Approx(410e3).epsilon(0.02));
  CHECK(hours.percentiles.back() == Approx(590e3).epsilon(0.02));
  // Group a's 10 to 20 faculty and group b's 5, summed per role at the start of 2024 ... and refilled:
  // at the end of 2024 each group is back at its count: mean 15 + 5 = 20.
  CHECK(t.at(0, 1, 0, 0).mean == Approx(20).epsilon(0.01));
  // A sweep sets the hours by path: 100k, 200k, 300k arrive at the university.
  labsim::SweepTable sweep = labsim::sweep(
      s, {labsim::parse_range(s, "institutions.program.allocates[0].h100_hours=100k:300k:3", true)},
      {Metric::kComputeAllocatedH100Hours});
  REQUIRE(sweep.points.size() == 3);
  // values: [point][institution][metric][year], two institutions, one metric, two years.
  CHECK(sweep.values[(1 * 2 + 0) * 2 + 0] == 200e3);
  CHECK(sweep.values[(2 * 2 + 0) * 2 + 1] == 300e3);
}
