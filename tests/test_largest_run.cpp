// The largest run bounded by money (the fleet share) and power (the site's cap), the frontier as
// an output, what an exogenous frontier would need, and log-linear series. Expected values are
// worked out by hand in the comments.
#include <catch2/catch.hpp>

#include <cmath>
#include <optional>
#include <vector>

#include "labsim/engine.hpp"
#include "labsim/loader.hpp"
#include "labsim/trajectory.hpp"
#include "model/largest_run.hpp"

namespace {

using labsim::Institution;
using labsim::Metric;
using labsim::Scenario;
namespace model = labsim::model;

Approx near(double v) { return Approx(v).epsilon(1e-9); }

// Two owned cohorts in service since before 2024 (default economy: server factor 1.82, PUE 1.25):
//   A: 100 GPUs of 1e15 FLOP/s at 1,000 W: 1,000 x 1.82 x 1.25 = 2,275 W each, 4.396e11 FLOP/s per W
//   B: 200 GPUs of 5e14 FLOP/s at 700 W:   700 x 1.82 x 1.25 = 1,592.5 W each, 3.140e11 FLOP/s per W
// B is listed first, so the walk must pick A by its efficiency, not its place.
std::vector<model::LiveCohort> two_cohorts() {
  model::LiveCohort a, b;
  b.count = 200, b.acquired_year = 2020, b.retire_year = 2030, b.peak_flops = 5e14, b.tdp_w = 700;
  a.count = 100, a.acquired_year = 2021, a.retire_year = 2030, a.peak_flops = 1e15, a.tdp_w = 1000;
  return {b, a};
}

Institution runner(double share) {
  Institution inst;
  inst.operations.availability = 0.9;
  inst.largest_run.share = share;
  return inst;
}

Scenario from_2024() {
  Scenario s = labsim::default_scenario();
  s.first_year = 2024;
  return s;
}

}  // namespace

TEST_CASE("the run's share grows by share_growth a year up to the whole fleet", "[largest_run]") {
  labsim::LargestRun run;
  run.share = 0.05;
  run.share_growth = 2;
  CHECK(model::run_share(run, 2024, 2024) == near(0.05));
  CHECK(model::run_share(run, 2024, 2027) == near(0.4));  // 0.05 x 2^3
  CHECK(model::run_share(run, 2024, 2029) == 1);          // 0.05 x 2^5 = 1.6, capped
}

TEST_CASE("without a power cap the run takes its share of the peak on the most efficient GPUs", "[largest_run]") {
  Scenario s = from_2024();
  // Fleet peak (100 x 1e15 + 200 x 5e14) x 0.9 = 1.8e17; half of it is 9e16 = all of A
  // (100 x 1e15 x 0.9), which draws 100 x 2,275 = 227,500 W. Spread over both cohorts the same
  // peak would draw half the fleet's 546,000 W = 273,000 W.
  model::RunGpus run = model::run_gpus(runner(0.5), s, 2025, two_cohorts());
  CHECK(run.peak_flops == near(9e16));
  CHECK(run.power_w == near(227500));
  CHECK_FALSE(run.power_bound);
}

TEST_CASE("a power cap stops the run at the site's power", "[largest_run]") {
  Scenario s = from_2024();
  Institution inst = runner(0.5);
  // 200 kW: 200,000 / 2,275 = 87.912 GPUs of A, 87.912 x 9e14 = 7.912e16 FLOP/s.
  inst.largest_run.power_cap_gw = labsim::Series::constant(0.0002);
  model::RunGpus run = model::run_gpus(inst, s, 2025, two_cohorts());
  CHECK(run.peak_flops == near(200000.0 / 2275 * 9e14));
  CHECK(run.power_w == near(200000));
  CHECK(run.power_bound);
  // The whole fleet under 300 kW: all of A (9e16, 227,500 W), then (300,000 - 227,500) / 1,592.5
  // = 45.526 GPUs of B at 5e14 x 0.9 = 4.5e14 each.
  inst.largest_run.share = 1;
  inst.largest_run.power_cap_gw = labsim::Series::constant(0.0003);
  run = model::run_gpus(inst, s, 2025, two_cohorts());
  CHECK(run.peak_flops == near(9e16 + (300000.0 - 227500) / 1592.5 * 4.5e14));
  CHECK(run.power_w == near(300000));
  CHECK(run.power_bound);
  // A cap above what the share needs does not bind: the run is the share's 9e16.
  inst.largest_run.share = 0.5;
  inst.largest_run.power_cap_gw = labsim::Series::constant(1);
  run = model::run_gpus(inst, s, 2025, two_cohorts());
  CHECK(run.peak_flops == near(9e16));
  CHECK_FALSE(run.power_bound);
}

TEST_CASE("reserved cloud cohorts and idle GPUs are not in the owned run", "[largest_run]") {
  Scenario s = from_2024();
  std::vector<model::LiveCohort> cohorts = two_cohorts();
  // A reserved rental of 1,000 faster GPUs: rented hours enter the run outside the walk
  // (throughput adds their share), so the owned run is unchanged: 9e16 on all of A.
  model::LiveCohort rented = cohorts[1];
  rented.count = 1000, rented.peak_flops = 4e15, rented.ownership = labsim::Ownership::kCloud;
  cohorts.push_back(rented);
  model::RunGpus run = model::run_gpus(runner(0.5), s, 2025, cohorts);
  CHECK(run.peak_flops == near(9e16));
  CHECK(run.power_w == near(227500));
  // 40 of A's 100 GPUs idle in 2025 for lack of money: the fleet's delivered peak is
  // (60 x 1e15 + 200 x 5e14) x 0.9 = 1.44e17, half of it 7.2e16: all 60 running GPUs of A (5.4e16,
  // 136,500 W), then (7.2e16 - 5.4e16) / 4.5e14 = 40 GPUs of B (63,700 W).
  cohorts.pop_back();
  cohorts[1].idle = 40, cohorts[1].idle_year = 2025;
  run = model::run_gpus(runner(0.5), s, 2025, cohorts);
  CHECK(run.peak_flops == near(7.2e16));
  CHECK(run.power_w == near(60 * 2275 + 40 * 1592.5));
}

TEST_CASE("a commissioning purchase counts for its share of the year and retired GPUs not at all",
          "[largest_run]") {
  Scenario s = from_2024();
  std::vector<model::LiveCohort> cohorts = two_cohorts();
  cohorts[1].acquired_year = 2025;
  cohorts[1].first_year_share = 0.5;  // A delivers half of 2025: 50 GPUs on average
  cohorts[0].retire_year = 2025;      // B is out of service in 2025
  // Fleet peak 50 x 1e15 x 0.9 = 4.5e16; the whole fleet's run draws 50 x 2,275 = 113,750 W.
  model::RunGpus run = model::run_gpus(runner(1), s, 2025, cohorts);
  CHECK(run.peak_flops == near(4.5e16));
  CHECK(run.power_w == near(113750));
}

TEST_CASE("the frontier is the largest modelled run unless the exogenous floor is larger", "[largest_run]") {
  std::vector<double> runs{1e20, 5e24, labsim::kUndefined};
  model::Frontier f = model::frontier(runs, std::nullopt);
  CHECK(f.flop == 5e24);
  CHECK_FALSE(f.exogenous);
  f = model::frontier(runs, 1e24);
  CHECK(f.flop == 5e24);
  CHECK_FALSE(f.exogenous);
  f = model::frontier(runs, 1e25);
  CHECK(f.flop == 1e25);
  CHECK(f.exogenous);
  CHECK(model::frontier({}, std::nullopt).flop == 0);
}

TEST_CASE("what an exogenous frontier would need on the year's best part", "[largest_run]") {
  Scenario s = labsim::default_scenario();
  int h100 = s.catalog.find("H100-SXM");
  REQUIRE(h100 >= 0);
  model::Offer offer{h100, 989e12, 30000};
  // 1,000 H100s for 90 days at 37.5 %: 1,000 x 989e12 x 0.375 x 90 x 86,400 = 2.883924e24 FLOP.
  // They draw 1,000 x 700 x 1.82 x 1.25 = 1,592,500 W and cost 1,000 x 30,000 x 1.64 = 4.92e7 USD.
  model::RunNeeds n = model::run_needs(s, 2024, 2.883924e24, offer);
  CHECK(n.power_w == near(1592500));
  CHECK(n.capex_usd == near(4.92e7));
  // In 2026 a frontier run is 90 x 1.4^2 = 176.4 days long: 90 / 176.4 of the GPUs.
  CHECK(model::run_needs(s, 2026, 2.883924e24, offer).power_w == near(1592500 * 90 / 176.4));
  CHECK(model::frontier_run_days(2020) == 90);
  CHECK(model::frontier_run_days(2040) == 365);
  CHECK(std::isnan(model::run_needs(s, 2024, 1e25, model::Offer{}).power_w));
}

TEST_CASE("multiplicative series interpolate log-linearly, others linearly", "[largest_run][series]") {
  labsim::Series s{{{2020, 100}, {2022, 400}}, 1};
  CHECK(s.at(2021) == near(250));  // a straight line
  s.log_linear = true;
  CHECK(s.at(2021) == near(200));  // a constant growth rate: 100 x 2 x 2
  CHECK(s.at(2022) == 400);
  labsim::Series zero{{{2020, 0}, {2022, 400}}, 1, true};
  CHECK(zero.at(2021) == near(200));  // a point at 0: a straight line
  // The loader marks pay, prices, compute and power log-linear, and headcount targets linear.
  Scenario loaded = labsim::load_scenario_string(R"(
scenario: {name: t, years: 2024-2026}
market:
  industry_comp: {2020: 100k, 2022: 400k}
  frontier_training_flop: {2020: 1e20, 2022: 1e22}
institutions:
  - id: u
    kind: university
    people:
      - {role: faculty, count: 10, salary: 100k, target: {2024: 10, 2026: 40}}
)",
                                                 "t.yaml");
  CHECK(loaded.market.industry_comp_usd.at(2021) == near(200000));
  CHECK(loaded.market.frontier_training_flop->at(2021) == near(1e21));
  CHECK(loaded.institutions[0].people[0].target->at(2025) == near(25));
  int h100 = loaded.catalog.find("A100-80GB");
  // 17,500 (2020) to 17,349 (2025): 17,500 x (17,349 / 17,500)^(3/5) in 2023.
  CHECK(loaded.catalog.parts[static_cast<size_t>(h100)].price_usd->at(2023) ==
        near(17500 * std::pow(17349.0 / 17500, 0.6)));
}

TEST_CASE("a frontier developer gets the scaling profile unless its scenario says otherwise", "[largest_run][loader]") {
  auto load = [](const std::string& run) {
    return labsim::load_scenario_string(R"(
scenario: {name: t, years: 2024-2030}
institutions:
  - id: lab
    kind: industry
    frontier_developer: true
)" + run,
                                        "t.yaml");
  };
  Scenario s = load("");
  const labsim::LargestRun& r = s.institutions[0].largest_run;
  CHECK(r.days_growth == near(1.4));
  REQUIRE(r.power_cap_gw);
  CHECK(r.power_cap_gw->at(2024) == near(0.143));
  // Log-linear between 1.281 GW (2026) and 2.26 GW (2030): 1.281 x (2.26 / 1.281)^(1/2) in 2028.
  CHECK(r.power_cap_gw->at(2028) == near(1.281 * std::sqrt(2.26 / 1.281)));
  CHECK(r.power_cap_gw->at(2034) == near(2.26));
  Scenario own = load("    largest_run: {days_growth: 0%/yr, power_cap_gw: 5}\n");
  CHECK(own.institutions[0].largest_run.days_growth == 1);
  CHECK(own.institutions[0].largest_run.power_cap_gw->at(2030) == 5);
  // A non-frontier developer has no cap and keeps its run length.
  Scenario plain = labsim::load_scenario_string(
      "scenario: {name: t, years: 2024-2030}\ninstitutions:\n  - {id: lab, kind: industry}\n", "t.yaml");
  CHECK_FALSE(plain.institutions[0].largest_run.power_cap_gw);
  CHECK(plain.institutions[0].largest_run.days_growth == 1);
  CHECK_THROWS_WITH(labsim::load_scenario_string("scenario: {name: t, years: 2024-2030}\ninstitutions:\n"
                                                 "  - {id: lab, kind: industry, frontier_developer: yes please}\n",
                                                 "t.yaml"),
                    Catch::Contains("expected true or false, found \"yes please\""));
}

TEST_CASE("the run takes the most efficient cohorts first, for a few and for very many cohorts",
          "[largest_run]") {
  Scenario s = from_2024();
  // n cohorts of 10 GPUs at 1,000 W (2,275 W at the facility), cohort k with peak (1 + k mod 5)
  // x 1e14 FLOP/s: five efficiency classes, each repeated, listed out of order. A run of the
  // whole fleet under a power cap of exactly m cohorts' power takes the m most efficient cohorts
  // whole: the top class first (in list order), then the next. Its peak is then the sum of those
  // cohorts' peaks x availability, worked out here class by class.
  for (int n : {12, 63, 64, 65, 150}) {
    std::vector<model::LiveCohort> cohorts;
    std::vector<int> in_class(5, 0);
    for (int k = 0; k < n; ++k) {
      model::LiveCohort c;
      const int cls = (k * 3) % 5;  // 0, 3, 1, 4, 2, ...: not in efficiency order
      c.count = 10, c.acquired_year = 2020, c.retire_year = 2030, c.peak_flops = (1 + cls) * 1e14, c.tdp_w = 1000;
      cohorts.push_back(c);
      ++in_class[static_cast<std::size_t>(cls)];
    }
    for (int m : {1, n / 3, n - 1}) {
      INFO(n << " cohorts, power for " << m);
      Institution inst = runner(1);
      inst.largest_run.power_cap_gw = labsim::Series::constant(m * 10 * 2275.0 / 1e9);
      double expected = 0;
      int left = m;
      for (int cls = 4; cls >= 0 && left > 0; --cls) {
        int take = std::min(left, in_class[static_cast<std::size_t>(cls)]);
        expected += take * 10 * (1 + cls) * 1e14 * 0.9;
        left -= take;
      }
      model::RunGpus run = model::run_gpus(inst, s, 2025, cohorts);
      CHECK(run.peak_flops == near(expected));
      CHECK(run.power_w == near(m * 10 * 2275.0));
    }
  }
}
