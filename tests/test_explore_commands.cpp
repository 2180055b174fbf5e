// Monte Carlo, comparison, sweeps, goal seeking and sensitivity on scenarios whose answers are
// known: a fixed fleet of 1,000 H100s up every hour delivers 1000 x 8760 x utilization
// H100-hours a year, so statistics of the output follow from those of the utilization.
#include <catch2/catch.hpp>

#include <cmath>
#include <sstream>

#include "explore/space.hpp"
#include "labsim/diagnostics.hpp"
#include "labsim/explore.hpp"
#include "labsim/loader.hpp"

namespace {

constexpr double kHours = 1000 * 8760;  // 1,000 GPUs x hours per year

// No funding: reserves pay the upkeep of the fleet and the faculty's pay (at most 2.76M + 1.3M a
// year), so nothing is bought, hired or cut and the hours are the fleet's.
labsim::Scenario fleet_scenario(const std::string& utilization, const std::string& extra = "") {
  return labsim::load_scenario_string(R"(scenario: {name: fleet, years: 2024-2026}
institutions:
  - id: lab
    kind: university
    fleet: [{gpu: H100-SXM, count: 1000, acquired: 2024}]
    operations: {availability: 100%, utilization: )" + utilization + R"(}
    people: [{role: faculty, count: 10, salary: 100k}]
    reserves: 20M
  - id: other
    kind: university
    fleet: [{gpu: H100-SXM, count: 500, acquired: 2024}]
    operations: {availability: 100%, utilization: 50%)" + extra + R"(}
    people: [{role: faculty, count: 10, salary: 100k}]
    reserves: 20M
)", "t.yaml");
}

size_t metric_index(const labsim::StatTable& t, labsim::Metric m) {
  return static_cast<size_t>(std::find(t.metrics.begin(), t.metrics.end(), m) - t.metrics.begin());
}

// The whole error report of `f`, or "" when it does not throw.
template <class F>
std::string report_of(F&& f) {
  try {
    f();
  } catch (const labsim::InputError& e) {
    return e.report();
  }
  return "";
}

std::string csv(const labsim::StatTable& t) {
  std::ostringstream s;
  labsim::write_stat_csv(s, t);
  return s.str();
}

}  // namespace

TEST_CASE("Monte Carlo percentiles and mean follow from the input distribution", "[explore]") {
  labsim::Scenario s = fleet_scenario("{uniform: [40%, 80%]}");
  labsim::MonteCarloOptions o;
  o.samples = 20000;
  o.sampling = labsim::Sampling::kLhs;
  labsim::StatTable t = labsim::monte_carlo(s, o);
  const labsim::Summary& h = t.at(0, metric_index(t, labsim::Metric::kComputeH100Hours), 0, 0);
  CHECK(h.defined == 20000);
  // Uniform utilization on [0.4, 0.8]: mean 0.6; the q-quantile is 0.4 + 0.4 q.
  CHECK(h.mean == Approx(kHours * 0.6).epsilon(1e-4));
  for (size_t p = 0; p < labsim::kPercentiles.size(); ++p) {
    double q = labsim::kPercentiles[p] / 100;
    INFO("p" << labsim::kPercentiles[p]);
    CHECK(h.percentiles[p] == Approx(kHours * (0.4 + 0.4 * q)).epsilon(labsim::kQuantileAccuracy + 1e-3));
  }
  // The other institution is certain: every statistic is its single value.
  const labsim::Summary& other = t.at(1, metric_index(t, labsim::Metric::kComputeH100Hours), 0, 0);
  CHECK(other.mean == Approx(500 * 8760 * 0.5));
  // Exactly: a sketch's quantiles never leave [min, max] of what it saw.
  for (double p : other.percentiles) CHECK(p == 500 * 8760 * 0.5);
}

TEST_CASE("Monte Carlo statistics are summed in fixed chunks: the same bytes for any thread count past one round",
          "[explore]") {
  // 300,000 samples: more than one round of 64 chunks of 4,096 (262,144), so the rounds' sums are
  // folded in order; a cheap one-institution scenario keeps it quick.
  labsim::Scenario s = labsim::load_scenario_string(R"(scenario: {name: quick, years: 2024-2025}
institutions:
  - id: lab
    kind: university
    fleet: [{gpu: H100-SXM, count: 100, acquired: 2024}]
    operations: {availability: 100%, utilization: {uniform: [40%, 80%]}}
    reserves: 1M
)", "q.yaml");
  labsim::MonteCarloOptions o;
  o.samples = 300000;
  o.metrics = {labsim::Metric::kComputeH100Hours};
  o.threads = 1;
  std::string one = csv(labsim::monte_carlo(s, o));
  o.threads = 2;
  CHECK(csv(labsim::monte_carlo(s, o)) == one);
  // The mean of a uniform on [0.4, 0.8] x 876,000 hours.
  o.threads = 2;
  labsim::StatTable t = labsim::monte_carlo(s, o);
  CHECK(t.at(0, 0, 0, 0).mean == Approx(100 * 8760 * 0.6).epsilon(1e-3));
}

TEST_CASE("Monte Carlo output is the same bytes for any thread count", "[explore]") {
  labsim::Scenario s = labsim::load_scenario_file(std::string(LABSIM_SOURCE_DIR) + "/scenarios/compute-divide.yaml");
  for (labsim::Sampling sampling : {labsim::Sampling::kRandom, labsim::Sampling::kLhs, labsim::Sampling::kSobol}) {
    labsim::MonteCarloOptions o;
    o.samples = 5000;
    o.seed = 11;
    o.sampling = sampling;
    o.threads = 1;
    std::string one = csv(labsim::monte_carlo(s, o));
    o.threads = 2;
    CHECK(csv(labsim::monte_carlo(s, o)) == one);
    o.threads = 3;
    CHECK(csv(labsim::monte_carlo(s, o)) == one);
    o.seed = 12;
    CHECK(csv(labsim::monte_carlo(s, o)) != one);
  }
}

TEST_CASE("Monte Carlo output is the same bytes for any block size and thread count", "[explore][block]") {
  // uncertain-divide: ten inputs, cuts and purchases that differ from sample to sample. 4,100
  // samples cross a statistics chunk (4,096); blocks of 1, 3 and 8 samples split it differently.
  labsim::Scenario s = labsim::load_scenario_file(std::string(LABSIM_SOURCE_DIR) + "/scenarios/uncertain-divide.yaml");
  labsim::MonteCarloOptions o;
  o.samples = 4100;
  o.seed = 5;
  o.threads = 1;
  o.block = 8;
  const std::string eight = csv(labsim::monte_carlo(s, o));
  for (int block : {1, 3, 8}) {
    for (int threads : {1, 2}) {
      if (block == 8 && threads == 1) continue;  // the reference itself
      INFO("block " << block << ", threads " << threads);
      o.block = block;
      o.threads = threads;
      CHECK(csv(labsim::monte_carlo(s, o)) == eight);
    }
  }
  // And the same bytes as a compare of the scenario with itself, whose batch runs two evaluators.
  o.block = 3;
  o.threads = 2;
  const labsim::StatTable pair = labsim::compare(s, s, o);
  const labsim::StatTable one = labsim::monte_carlo(s, o);
  REQUIRE(pair.cells.size() == 3 * one.cells.size());
  for (std::size_t c = 0; c < one.cells.size(); ++c) {
    CHECK(pair.cells[3 * c].mean == one.cells[c].mean);
    CHECK(pair.cells[3 * c + 1].percentiles == one.cells[c].percentiles);
  }
}

TEST_CASE("Monte Carlo, compare, sensitivity and sweep run the batch engine: one block per eight samples", "[explore][block]") {
  labsim::Scenario base = fleet_scenario("{uniform: [40%, 80%]}");
  labsim::Scenario policy = fleet_scenario("{uniform: [40%, 80%]}", ", mfu: {uniform: [30%, 50%]}");
  labsim::MonteCarloOptions o;
  o.samples = 1001;  // 125 full blocks and one of a single sample
  o.threads = 1;
  const std::uint64_t before = labsim::explore::BlockEvaluator::blocks_run();
  labsim::monte_carlo(base, o);
  CHECK(labsim::explore::BlockEvaluator::blocks_run() - before == 126);
  labsim::compare(base, policy, o);
  CHECK(labsim::explore::BlockEvaluator::blocks_run() - before == 126 + 2 * 126);
  // Sobol on one input with 64 base samples: 64 x (1 + 2) = 192 rows, three chunks of 64 rows,
  // eight blocks each, and one block for the run that centres the sums (f_A of base row 0).
  labsim::SensitivityOptions so;
  so.institution = "lab";
  so.metric = labsim::Metric::kComputeH100Hours;
  so.year = 2025;
  so.method = labsim::SensitivityMethod::kSobol;
  so.samples = 64;
  so.threads = 1;
  const std::uint64_t at = labsim::explore::BlockEvaluator::blocks_run();
  labsim::sensitivity(base, so);
  CHECK(labsim::explore::BlockEvaluator::blocks_run() - at == 24 + 1);
  // A sweep of 40 points: chunks of 16, 16 and 8 points, so 2 + 2 + 1 blocks.
  labsim::Scenario fixed = fleet_scenario("60%");
  const std::uint64_t swept = labsim::explore::BlockEvaluator::blocks_run();
  labsim::sweep(fixed, {labsim::parse_range(fixed, "economy.pue=1.1:1.5:40", true)}, {}, 1);
  CHECK(labsim::explore::BlockEvaluator::blocks_run() - swept == 5);
}

TEST_CASE("a scenario without uncertain inputs has nothing to sample", "[explore]") {
  labsim::Scenario s = fleet_scenario("60%");
  CHECK_THROWS_WITH(labsim::monte_carlo(s, {}), Catch::Contains("no uncertain inputs"));
}

TEST_CASE("compare uses common random numbers", "[explore]") {
  labsim::Scenario base = fleet_scenario("{uniform: [40%, 80%]}");
  labsim::Scenario policy = fleet_scenario("{uniform: [40%, 80%]}", ", mfu: {uniform: [30%, 50%]}");
  labsim::MonteCarloOptions o;
  o.samples = 2000;
  labsim::StatTable t = labsim::compare(base, policy, o);
  REQUIRE(t.columns == std::vector<std::string>{"baseline", "policy", "difference"});
  size_t hours = metric_index(t, labsim::Metric::kComputeH100Hours);
  // The lab's utilization has the same path in both: sample by sample the same draw, so the
  // difference is exactly zero although the value itself spreads by +-33%.
  const labsim::Summary& d = t.at(0, hours, 0, 2);
  CHECK(d.mean == 0);
  CHECK(d.percentiles[0] == 0);
  CHECK(d.percentiles[4] == 0);
  CHECK(t.at(0, hours, 0, 0).percentiles[4] > 1.4 * t.at(0, hours, 0, 0).percentiles[0]);
  // Deterministic comparison: one row per cell, the nominal values and their difference.
  labsim::Scenario richer = fleet_scenario("70%");
  labsim::StatTable n = labsim::compare(fleet_scenario("60%"), richer, std::nullopt);
  CHECK(n.samples == 1);
  CHECK(n.at(0, hours, 0, 2).mean == Approx(kHours * 0.1));
}

TEST_CASE("sweep runs every grid point", "[explore]") {
  labsim::Scenario s = fleet_scenario("60%");
  std::vector<labsim::Range> ranges = {
      labsim::parse_range(s, "institutions.lab.operations.utilization=20%:80%:4", true),
      labsim::parse_range(s, "institutions.other.fleet[0].count=log:10:1000:3", true)};
  labsim::SweepTable t = labsim::sweep(s, ranges, {labsim::Metric::kComputeH100Hours}, 2);
  REQUIRE(t.points.size() == 12);
  CHECK(t.points[1] == std::vector<double>{0.2, 100});
  CHECK(t.points[5][0] == Approx(0.4));
  // Point 3: utilization 40% for the lab, 10 GPUs for the other; 3 years per institution.
  CHECK(t.points[3][0] == Approx(0.4));
  CHECK(t.points[3][1] == 10);
  CHECK(t.values[3 * 6 + 0] == Approx(kHours * 0.4));
  CHECK(t.values[3 * 6 + 3] == Approx(10 * 8760 * 0.5));
}

TEST_CASE("ranges and targets report what is wrong", "[explore]") {
  labsim::Scenario s = fleet_scenario("60%");
  CHECK_THAT(report_of([&] { labsim::parse_range(s, "institutions.lab.operations.utilization=80%:20%:4", true); }), Catch::Contains("HI (20%) must be above LO (80%)"));
  CHECK_THAT(report_of([&] { labsim::parse_range(s, "institutions.lab.operations.utilization=20%:80%", true); }), Catch::Contains("expected LO:HI:STEPS"));
  CHECK_THAT(report_of([&] { labsim::parse_range(s, "institutions.lab.operations.utilization=20:80%:4", true); }), Catch::Contains("LO:"));
  CHECK_THAT(report_of([&] { labsim::parse_target(s, "compute.h100_hour[lab,2025] >= 5"); }), Catch::Contains("did you mean 'compute.h100_hours'?"));
  CHECK_THAT(report_of([&] { labsim::parse_target(s, "compute.h100_hours[lab,2030] >= 5"); }), Catch::Contains("expected a year from 2024 to 2026"));
  CHECK_THAT(report_of([&] { labsim::parse_target(s, "compute.h100_hours[lib,2025] >= 5"); }), Catch::Contains("did you mean 'lab'?"));
  labsim::Target t = labsim::parse_target(s, "compute.h100_hours[lab, 2025] >= 5M");
  CHECK(t.value == 5e6);
  CHECK(t.year == 2025);
}

TEST_CASE("solve finds the smallest input that meets the target", "[explore]") {
  labsim::Scenario s = fleet_scenario("60%");
  labsim::SolveOptions o;
  o.range = labsim::parse_range(s, "institutions.lab.operations.utilization=1%:100%", false);
  // 5,256,000 H100-hours from 1,000 GPUs need utilization 5256000 / 8760000 = 0.6.
  o.target = labsim::parse_target(s, "compute.h100_hours[lab,2025] >= 5256000");
  labsim::SolveResult r = labsim::solve(s, o);
  CHECK(r.met);
  CHECK(r.value == Approx(0.6).margin(r.tolerance));
  CHECK(r.value >= 0.6 - 1e-12);
  CHECK(r.tolerance <= 1e-4 * 0.99 + 1e-15);
  CHECK(r.evaluations > 5);
  CHECK(r.evaluations < 20);
  // Out of reach: 2,000 GPUs' worth.
  o.target = labsim::parse_target(s, "compute.h100_hours[lab,2025] >= 17520001");
  labsim::SolveResult none = labsim::solve(s, o);
  CHECK_FALSE(none.met);
  CHECK(none.achieved == Approx(kHours));
}

TEST_CASE("solve under uncertainty meets the target with the asked probability", "[explore]") {
  // Utilization uniform on [40%, 80%]; the fleet size varies. P(1000 x 8760 x u x n/1000 >= T)
  // >= 0.9 needs n x 8760 x u_10% >= T with u_10% = 0.44: for T = 3,854,400, n = 1000.
  labsim::Scenario s = fleet_scenario("{uniform: [40%, 80%]}");
  labsim::SolveOptions o;
  o.range = labsim::parse_range(s, "institutions.lab.fleet[0].count=100:5000", false);
  o.target = labsim::parse_target(s, "compute.h100_hours[lab,2025] >= 3854400");
  o.monte_carlo = labsim::MonteCarloOptions{};
  o.monte_carlo->samples = 4000;
  o.monte_carlo->sampling = labsim::Sampling::kLhs;
  o.probability = 0.9;
  labsim::SolveResult r = labsim::solve(s, o);
  CHECK(r.met);
  CHECK(r.value == Approx(1000).epsilon(0.01));
  CHECK(r.achieved >= 0.9);
}

TEST_CASE("sensitivity ranks the input that drives the metric first", "[explore]") {
  labsim::Scenario s = fleet_scenario("{uniform: [40%, 80%]}", ", mfu: {uniform: [30%, 50%]}");
  labsim::SensitivityOptions o;
  o.institution = "lab";
  o.metric = labsim::Metric::kComputeH100Hours;
  o.year = 2025;
  o.method = labsim::SensitivityMethod::kTornado;
  labsim::SensitivityTable t = labsim::sensitivity(s, o);
  REQUIRE(t.rows.size() == 2);
  CHECK(t.rows[0].input == "institutions.lab.operations.utilization");
  // 10th and 90th percentiles of U[0.4, 0.8]: 0.44 and 0.76.
  CHECK(t.rows[0].values[0] == Approx(kHours * 0.44));
  CHECK(t.rows[0].values[1] == Approx(kHours * 0.76));
  CHECK(t.rows[1].values[2] == 0);  // the other lab's MFU does not move this lab's hours
  o.method = labsim::SensitivityMethod::kSobol;
  o.samples = 1024;
  t = labsim::sensitivity(s, o);
  CHECK(t.rows[0].input == "institutions.lab.operations.utilization");
  CHECK(t.rows[0].values[0] == Approx(1).margin(0.02));  // all the variance
  CHECK(t.rows[1].values[2] == Approx(0).margin(1e-12));
}

TEST_CASE("solve: the yearly compute grant for 1,000 H100-hours per PhD student", "[explore]") {
  // 100 students x 1,000 hours x $3.90 an hour = $390,000 a year at the nominal cloud price.
  // With the price triangular on [$2.00, $3.90, $4.50], 90% certainty needs the 90th
  // percentile price: 4.5 - sqrt(0.1 x 2.5 x 0.6) = $4.1127, so $411,270 a year.
  labsim::Scenario s = labsim::load_scenario_file(std::string(LABSIM_SOURCE_DIR) + "/scenarios/phd-compute-grant.yaml");
  labsim::SolveOptions o;
  o.range = labsim::parse_range(s, "institutions.compute-grant.funding.grant.amount=10k/yr:5M/yr", false);
  o.target = labsim::parse_target(s, "compute.h100_hours_per_researcher[department,2030] >= 1000");
  labsim::SolveResult r = labsim::solve(s, o);
  CHECK(r.value == Approx(390000).margin(r.tolerance + 1));
  o.monte_carlo = labsim::MonteCarloOptions{};
  o.monte_carlo->samples = 4000;
  o.monte_carlo->sampling = labsim::Sampling::kLhs;
  o.probability = 0.9;
  r = labsim::solve(s, o);
  CHECK(r.value == Approx(100000 * (4.5 - std::sqrt(0.15))).epsilon(0.003));
}

TEST_CASE("compare, sweep, sensitivity and solve give the same results on any thread count", "[explore]") {
  labsim::Scenario s = labsim::load_scenario_file(std::string(LABSIM_SOURCE_DIR) + "/scenarios/uncertain-divide.yaml");
  labsim::Scenario policy = labsim::load_scenario_file(std::string(LABSIM_SOURCE_DIR) + "/scenarios/nairr.yaml");
  auto results = [&](int threads) {
    std::ostringstream out;
    labsim::MonteCarloOptions o;
    o.samples = 700;
    o.threads = threads;
    labsim::write_stat_csv(out, labsim::compare(s, policy, o));
    labsim::write_sweep_csv(out, labsim::sweep(s, {labsim::parse_range(s, "economy.pue=1.1:1.5:5", true)}, {}, threads));
    for (auto method : {labsim::SensitivityMethod::kMorris, labsim::SensitivityMethod::kSobol}) {
      labsim::SensitivityOptions so;
      so.method = method;
      so.institution = "institute";
      so.samples = method == labsim::SensitivityMethod::kSobol ? 128 : 6;
      so.threads = threads;
      so.per_year = true;
      labsim::write_sensitivity_csv(out, labsim::sensitivity(s, so));
    }
    labsim::SolveOptions solve;
    solve.range = labsim::parse_range(s, "institutions.institute.operations.utilization=10%:90%", false);
    solve.target = labsim::parse_target(s, "compute.h100_hours_per_researcher[institute,2030] >= 70000");
    solve.monte_carlo = o;
    labsim::SolveResult r = labsim::solve(s, solve);
    out << r.value << ' ' << r.achieved << ' ' << r.evaluations << '\n';
    return out.str();
  };
  std::string one = results(1);
  CHECK(results(2) == one);
  CHECK(results(3) == one);
}

TEST_CASE("the progress line: a bar of 30, the percentage and the counts with separators", "[mc]") {
  CHECK(labsim::progress_line("mc", 1000, 2000) == "mc [===============               ]  50% 1,000 of 2,000 samples");
  CHECK(labsim::progress_line("sobol", 0, 7) == "sobol [                              ]   0% 0 of 7 samples");
  CHECK(labsim::progress_line("mc", 12345, 12345) == "mc [==============================] 100% 12,345 of 12,345 samples");
}
