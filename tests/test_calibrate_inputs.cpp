// calibrate with inputs of every kind, and its handling of awkward input (review findings of the
// first version, each named): the change of variable, bounds, the evaluation budget, weights,
// overlays that reload, and located errors.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cmath>
#include <fstream>
#include <string>
#include <vector>

#include "calibrate/bounds.hpp"
#include "cli_helpers.hpp"
#include "labsim/calibrate.hpp"
#include "labsim/diagnostics.hpp"
#include "labsim/engine.hpp"
#include "labsim/loader.hpp"

namespace {

using labsim::Metric;
using labsim::fitting::Bounded;
using labsim::test::run_cli;
using labsim::test::TempDir;

// An industry lab whose notable models depend on its compute money (steepness 1.5, threshold 2%).
const char* kLab = R"(
scenario: {name: lab, years: 2020-2026}
market: {industry_comp: 200k, frontier_training_flop: {2020: 1e25, growth: 3x/yr}}
output: {productivity: 0.01, threshold: 2%, steepness: 1.5}
institutions:
  - id: lab
    kind: industry
    procurement: {gpu: V100-SXM2-32GB, lifetime: 20 years}
    largest_run: {share: 50%, days: 90}
    people: [{role: research_scientist, count: 300, salary: market, paid_share: 0%}]
    funding: [{name: capex, amount: 20M/yr, years: 2020-2026, growth: 30%/yr}]
    spending: {compute_share: 100%}
)";

// Notable models of `lab` each year, as a targets file, from the scenario with `sets`.
std::string targets_from(const TempDir& dir, const std::vector<std::string>& sets, const std::string& weight = "") {
  labsim::Trajectory t = labsim::run(labsim::load_scenario_string(kLab, "lab.yaml", sets));
  std::string csv = "institution,year,metric,value,weight\n";
  for (int y = 2020; y <= 2026; ++y)
    csv += fmt::format("lab,{},output.notable_models,{:.17g},{}\n", y, t.institutions[0].at(y - 2020, Metric::kOutputNotableModels), weight);
  std::string path = dir.file("t.csv");
  std::ofstream(path) << csv;
  return path;
}

labsim::CalibrationResult fit(const std::string& targets, const std::vector<std::string>& paths,
                              const std::vector<std::string>& sets = {}, int max_evaluations = 2000) {
  labsim::Scenario s = labsim::load_scenario_string(kLab, "lab.yaml", sets);
  labsim::CalibrationOptions o;
  o.fit = paths;
  o.max_evaluations = max_evaluations;
  return labsim::calibrate(s, labsim::read_targets(targets, s), o);
}

}  // namespace

TEST_CASE("the change of variable returns every start it is given and stays inside its bounds", "[calibrate]") {
  // review: a start below $1M on money's [0, 1e15] was moved to $1M; the log search for a
  // lower bound above 1 with an open upper side went to infinity.
  struct Case { double lower, upper, start; };
  for (Case c : {Case{0, 1e15, 0.049}, Case{0, 1e15, 40e3}, Case{0, 1, 0.3}, Case{0, 1, 0}, Case{1, 5, 1.25},
                 Case{1e20, labsim::fitting::kInf, 6.6e21}, Case{-labsim::fitting::kInf, labsim::fitting::kInf, -2.58},
                 Case{1e-6, 100, 1}, Case{0, 365, 90}, Case{0, 1e9, 383.9}}) {
    INFO(c.lower << " " << c.upper << " " << c.start);
    Bounded b(c.lower, c.upper, c.start);
    double back = b.to_x(b.to_z(c.start));
    if (c.start > c.lower && c.start < c.upper) CHECK(back == Approx(c.start).epsilon(1e-9));
    for (double z : {-1e6, -3.0, -1.0, 0.0, 0.5, 2.0, 1e6}) {
      double x = b.to_x(z);
      CHECK(std::isfinite(x));
      CHECK(x >= c.lower);
      CHECK(x <= c.upper);
    }
    if (c.start > c.lower && c.start < c.upper) CHECK_FALSE(b.at_bound(c.start));  // 383.9 of [0, 1e9]: not a bound
  }
}

TEST_CASE("a per-year funding amount is fitted from far below, in money's units", "[calibrate]") {
  // review: funding amounts had bounds [0, 0]; money starts were moved to $1M.
  TempDir dir("fit-money");
  std::string targets = targets_from(dir, {});
  labsim::CalibrationResult r = fit(targets, {"institutions.lab.funding.capex.amount"},
                                    {"institutions.lab.funding.capex.amount=2M/yr"});
  CHECK(r.parameters[0].start == 2e6);
  CHECK(r.parameters[0].value == Approx(20e6).epsilon(1e-4));
  CHECK(r.converged);
}

TEST_CASE("a fitted value is always one the scenario format accepts", "[calibrate][cli]") {
  TempDir dir("fit-limits");
  std::string scenario = dir.file("lab.yaml");
  std::ofstream(scenario) << kLab;
  // Targets that want a run of more than a year: days stay within 365 and the overlay loads.
  std::string targets = targets_from(dir, {"institutions.lab.largest_run.share=100%"});
  std::string overlay = dir.file("fit.yaml");
  auto r = run_cli(fmt::format("calibrate {} --set institutions.lab.largest_run.share=10% --targets {} "
                               "--fit institutions.lab.largest_run.days -o {}", scenario, targets, overlay));
  REQUIRE(r.status == 0);
  labsim::Scenario s = labsim::load_scenario_file(overlay);
  CHECK(s.institutions[0].largest_run.days <= 365);
  CHECK(s.institutions[0].largest_run.days > 300);
  // Bounds may narrow a key's range, never widen it.
  auto wide = run_cli(fmt::format("calibrate {} --targets {} --fit output.productivity --bounds output.productivity=-1:1 -o {}",
                                  scenario, targets, overlay));
  CHECK(wide.status == 1);
  CHECK(wide.err.find("--bounds: \"output.productivity=-1:1\" reaches outside what output.productivity accepts, [0, 1000]") !=
        std::string::npos);
}

TEST_CASE("the evaluation budget bounds the model runs of the search", "[calibrate]") {
  // review: Eigen counted only its own calls, not the 2n runs of each Jacobian.
  TempDir dir("fit-budget");
  std::string targets = targets_from(dir, {});
  labsim::CalibrationResult r =
      fit(targets, {"output.productivity", "output.threshold", "output.steepness"},
          {"output.productivity=0.002", "output.threshold=30%", "output.steepness=0.3"}, 5);
  CHECK_FALSE(r.converged);
  CHECK(r.stop_reason == "the evaluation limit was reached before convergence");
  CHECK(r.evaluations <= 5 + 2 * 3 + 1 + 2 * 3);  // the search, then the final values and the Jacobian
}

TEST_CASE("weights of 0 take a target out of the fit and out of the degrees of freedom", "[calibrate]") {
  TempDir dir("fit-weights");
  labsim::Scenario s = labsim::load_scenario_string(kLab, "lab.yaml", {"output.productivity=0.012"});
  labsim::CalibrationOptions o;
  o.fit = {"output.productivity"};
  std::string zero = targets_from(dir, {}, "0");
  CHECK_THROWS_WITH(labsim::calibrate(s, labsim::read_targets(zero, s), o),
                    Catch::Contains("1 inputs need at least as many targets with a weight above 0; the file has 0"));
  // The same two weighted targets, with and without five more of weight 0: the same fit and error.
  labsim::Trajectory t = labsim::run(labsim::load_scenario_string(kLab, "lab.yaml"));
  auto v = [&](int y) { return t.institutions[0].at(y - 2020, Metric::kOutputNotableModels); };
  std::string two = dir.file("two.csv"), seven = dir.file("seven.csv");
  std::string rows = fmt::format("institution,year,metric,value,weight\nlab,2021,output.notable_models,{},1\n"
                                 "lab,2024,output.notable_models,{},1\n", v(2021) + 0.5, v(2024) - 0.5);
  std::ofstream(two) << rows;
  std::string extra = rows;
  for (int y : {2020, 2022, 2023, 2025, 2026}) extra += fmt::format("lab,{},output.notable_models,99,0\n", y);
  std::ofstream(seven) << extra;
  labsim::CalibrationResult a = labsim::calibrate(s, labsim::read_targets(two, s), o);
  labsim::CalibrationResult b = labsim::calibrate(s, labsim::read_targets(seven, s), o);
  CHECK(b.parameters[0].value == Approx(a.parameters[0].value).epsilon(1e-9));
  CHECK(b.parameters[0].stderr_ == Approx(a.parameters[0].stderr_).epsilon(1e-6));
}

TEST_CASE("an overlay labels every fitted point of a series as fitted", "[calibrate]") {
  labsim::Scenario s = labsim::load_scenario_string(kLab, "lab.yaml");
  labsim::CalibrationResult r;
  r.parameters = {{"market.frontier_training_flop.2020", 1e21, 0, 1e300, 2e21, NAN, false},
                  {"market.frontier_training_flop.growth", 3, 0, 100, 2.5, NAN, false}};
  r.residuals.resize(2);
  std::string y = labsim::overlay_yaml(s, r, "lab.yaml", "t.csv");
  CHECK(y.find("frontier_training_flop: {2020: {value: 2e+21, source: \"labsim calibrate: fit to t.csv") != std::string::npos);
  CHECK(y.find("growth: {value: 2.5x/yr, source: \"labsim calibrate: fit to t.csv") != std::string::npos);
}

TEST_CASE("calibrate refuses what it cannot do before it fits, and locates bad targets", "[calibrate][cli]") {
  TempDir dir("fit-refusals");
  std::string scenario = dir.file("lab.yaml");
  std::ofstream(scenario) << kLab;
  std::string targets = targets_from(dir, {});
  // A UTF-8 byte-order mark before the header is not part of the first column's name.
  std::string bom = dir.file("bom.csv");
  std::ofstream(bom) << "\xEF\xBB\xBF" << labsim::test::slurp(targets);
  CHECK(run_cli(fmt::format("backtest {} --targets {}", scenario, bom)).status == 0);
  // An empty path in --fit is a usage error naming the list.
  auto empty = run_cli(fmt::format("calibrate {} --targets {} --fit output.productivity, -o {}", scenario, targets,
                                   dir.file("o.yaml")));
  CHECK(empty.status == 2);
  CHECK(empty.err.find("--fit: expected key paths separated by commas, found \"output.productivity,\"") != std::string::npos);
  // A directory as the targets file.
  auto directory = run_cli(fmt::format("backtest {} --targets {}", scenario, dir.path().string()));
  CHECK(directory.status == 3);
  CHECK(directory.err.find("not a regular file") != std::string::npos);
  // A missing output directory is created.
  std::string nested = dir.file("new/dir/fit.yaml");
  CHECK(run_cli(fmt::format("calibrate {} --targets {} --fit output.productivity -o {}", scenario, targets, nested)).status == 0);
  CHECK(std::ifstream(nested).good());
  // A target the scenario leaves undefined is located at its row and metric.
  std::string undefined = dir.file("undefined.csv");
  std::ofstream(undefined) << "institution,year,metric,value\nlab,2020,talent.graduates_to_industry_share,0.5\n";
  auto u = run_cli(fmt::format("calibrate {} --targets {} --fit output.productivity -o {}", scenario, undefined,
                               dir.file("u.yaml")));
  CHECK(u.status == 1);
  CHECK(u.err.find(undefined + ":2:10: error: metric: talent.graduates_to_industry_share of lab in 2020 is undefined") == 0);
}

TEST_CASE("a fleet cohort cannot be fitted into an overlay, and that is said before any fit", "[calibrate][cli]") {
  std::string fleet = R"(
scenario: {name: f, years: 2024-2025}
institutions:
  - id: lab
    kind: industry
    fleet: [{gpu: H100-SXM, count: 100, acquired: 2024}]
    people: [{role: research_scientist, count: 10, salary: 300k}]
    funding: [{name: f, amount: 10M/yr, years: 2024-2025}]
)";
  labsim::Scenario s = labsim::load_scenario_string(fleet, "f.yaml");
  CHECK_THROWS_WITH(labsim::check_overlay_paths(s, {"institutions.lab.fleet[0].count"}),
                    Catch::Contains("a fleet cohort cannot be written to an overlay"));
  CHECK_NOTHROW(labsim::check_overlay_paths(s, {"institutions.lab.funding.f.amount", "output.productivity"}));
}

TEST_CASE("a targets file larger than 8 MiB is refused before it is read", "[calibrate][limits]") {
  TempDir dir("targets-size");
  std::string path = dir.file("big.csv");
  {
    std::ofstream out(path);
    out << "institution,year,metric,value\n";
    std::string row = "lab,2020,output.notable_models,1\n";
    for (size_t bytes = 0; bytes <= (8u << 20); bytes += row.size()) out << row;
  }
  labsim::Scenario s = labsim::load_scenario_string(kLab, "lab.yaml");
  CHECK_THROWS_WITH(labsim::read_targets(path, s),
                    Catch::Contains("the file is larger than 8388608 bytes, the most a targets file may be"));
}
