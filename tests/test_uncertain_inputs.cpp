// Distributions in scenarios: loading, nominal values, located errors, and binding inputs by
// key path (checked against reloading with --set, an independent route through the loader).
#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include "explore/mc_worker.hpp"
#include "explore/sampler.hpp"
#include "explore/space.hpp"
#include "io/bind.hpp"
#include "labsim/diagnostics.hpp"
#include "labsim/engine.hpp"
#include "labsim/explore.hpp"
#include "labsim/loader.hpp"
#include "loader_helpers.hpp"

using labsim::test::report_of;

namespace {

// No funding: reserves pay the fleet's upkeep and the faculty (4.06M a year), so nothing is cut.
const char* kBase = R"(scenario: {name: t, years: 2024-2026}
institutions:
  - id: lab
    kind: university
    fleet: [{gpu: H100-SXM, count: 1000, acquired: 2024}]
    operations: {availability: 100%, utilization: UTIL}
    people: [{role: faculty, count: 10, salary: 100k}]
    reserves: 20M
)";

std::string with_utilization(const std::string& util) {
  std::string s = kBase;
  return s.replace(s.find("UTIL"), 4, util);
}

}  // namespace

TEST_CASE("a distribution gives its nominal value to a deterministic run", "[uncertain]") {
  struct Case {
    const char* written;
    double nominal;  // worked out by hand: median (normal, lognormal, uniform) or mode
  };
  const Case cases[] = {
      {"{normal: [35%, 5%]}", 0.35},
      {"{lognormal: [30%, 1.2]}", 0.30},
      {"{uniform: [40%, 80%]}", 0.60},
      {"{triangular: [40%, 50%, 80%]}", 0.50},
      {"{pert: [40%, 70%, 80%]}", 0.70},
      {"{choice: [50%, 60%, 70%], weights: [1, 3, 1]}", 0.60},
      {"{uniform: [40%, 80%], max: 50%}", 0.45},  // median of the truncated uniform [40%, 50%]
  };
  for (const Case& c : cases) {
    INFO(c.written);
    labsim::Scenario s = labsim::load_scenario_string(with_utilization(c.written), "t.yaml");
    CHECK(s.institutions[0].operations.utilization == Approx(c.nominal).epsilon(1e-9));
    REQUIRE(s.uncertain.size() == 1);
    CHECK(s.uncertain[0].path == "institutions.lab.operations.utilization");
    CHECK(s.uncertain[0].location.text() == "t.yaml:6:51");
    labsim::Trajectory t = labsim::run(s);
    // 1,000 H100s, all hours up: hours = 1000 x 8760 x utilization.
    CHECK(t.institutions[0].at(0, labsim::Metric::kComputeH100Hours) == Approx(1000 * 8760 * c.nominal));
  }
}

TEST_CASE("a distribution's text and source are kept for reports", "[uncertain]") {
  labsim::Scenario s = labsim::load_scenario_string(
      with_utilization("{pert: [40%, 60%, 80%], min: 45%, source: \"survey\"}"), "t.yaml");
  CHECK(s.uncertain[0].text == "pert: [40%, 60%, 80%], min: 45%");
  CHECK(s.uncertain[0].source == "survey");
  CHECK(s.uncertain[0].spec.min == Approx(0.45));
  CHECK(s.uncertain[0].spec.max == 1);  // a share stays within [0, 1]
}

TEST_CASE("units inside distributions follow the key", "[uncertain]") {
  labsim::Scenario s = labsim::load_scenario_string(R"(scenario: {name: t, years: 2024-2026}
market:
  industry_comp: {2023: {uniform: [300k, $400k]}, growth: {normal: [4%/yr, 1%/yr]}}
institutions:
  - id: lab
    kind: university
    procurement: {commissioning: {triangular: [1 month, 3 months, 0.5 years]}}
    funding: [{name: g, amount: {uniform: [1M/yr, 3M/yr]}, years: 2024-2026}]
)", "t.yaml");
  REQUIRE(s.uncertain.size() == 4);
  CHECK(s.uncertain[0].spec.params == std::vector<double>{300000, 400000});
  CHECK(s.uncertain[1].spec.params[0] == Approx(1.04));
  CHECK(s.uncertain[1].spec.params[1] == Approx(0.01));  // a spread of 1%/yr is 0.01 on the factor
  CHECK(s.uncertain[2].spec.params == std::vector<double>{1, 3, 6});
  CHECK(s.institutions[0].funding[0].per_year);
  CHECK(s.institutions[0].funding[0].amount_usd == Approx(2e6));
}

TEST_CASE("bad distributions are located errors", "[uncertain]") {
  CHECK(report_of(with_utilization("{normal: [35%, 0%]}")) ==
        "t.yaml:6:51: error: institutions.lab.operations.utilization: the standard deviation must be positive, found 0\n"
        "        operations: {availability: 100%, utilization: {normal: [35%, 0%]}}\n"
        "                                                      ^\n");
  CHECK(report_of(with_utilization("{normal: [35%]}")) ==
        "t.yaml:6:60: error: institutions.lab.operations.utilization.normal: normal takes [mean, standard deviation], "
        "found 1 values\n"
        "        operations: {availability: 100%, utilization: {normal: [35%]}}\n"
        "                                                               ^\n");
  CHECK(report_of(with_utilization("{uniform: [40%, 180]}")).find(
            "institutions.lab.operations.utilization.uniform[1]: expected a share") != std::string::npos);
  CHECK(report_of(with_utilization("{uniform: [40%, 80%], normal: [1, 2]}")).find("give one distribution") !=
        std::string::npos);
  CHECK(report_of(with_utilization("{unifrom: [40%, 80%]}")) ==
        "t.yaml:6:51: error: institutions.lab.operations.utilization: expected a share, found a mapping\n"
        "        operations: {availability: 100%, utilization: {unifrom: [40%, 80%]}}\n"
        "                                                      ^\n"
        "hint: did you mean the distribution 'uniform'?\n");
}

TEST_CASE("inputs that shape the scenario cannot be uncertain", "[uncertain]") {
  std::string replicas = kBase;
  replicas.replace(replicas.find("    kind: university"), 0, "    replicas: {uniform: [1, 3]}\n");
  CHECK(report_of(replicas).find("institutions.lab.replicas: this input cannot be uncertain: the number of "
                                 "replicas shapes the output") != std::string::npos);
  std::string year = kBase;
  year.replace(year.find("acquired: 2024"), 14, "acquired: {uniform: [2020, 2024]}");
  CHECK(report_of(year).find("a calendar year cannot be uncertain") != std::string::npos);
}

TEST_CASE("binding a field by path equals reloading with --set", "[uncertain]") {
  // Every number written in the shipped default scenario: change it by 10% through the bound
  // field and through the loader's --set, and compare the whole runs.
  std::string file = std::string(LABSIM_SOURCE_DIR) + "/scenarios/nsf-2023-institutes.yaml";
  labsim::Scenario base = labsim::load_scenario_file(file);
  std::vector<std::string> paths = labsim::io::field_paths(base);
  int checked = 0;
  for (const labsim::Assumption& a : base.assumptions) {
    if (std::find(paths.begin(), paths.end(), a.path) == paths.end()) continue;
    if (a.location.file.find("built-in") != std::string::npos) continue;  // --set reaches the scenario's own keys
    labsim::Scenario bound = base;
    labsim::io::Field f = labsim::io::bind_field(bound, a.path);
    double v = labsim::io::get_field(f) * 1.1;
    if (f.quantity() == labsim::io::Quantity::kShare || f.quantity() == labsim::io::Quantity::kRate) v = std::min(v, 1.0);
    labsim::io::set_field(f, v);
    std::string text = labsim::io::set_text(f, v);
    INFO(a.path << " = " << text);
    labsim::Scenario reloaded = labsim::load_scenario_file(file, {a.path + "=" + text});
    labsim::Trajectory x = labsim::run(bound), y = labsim::run(reloaded);
    for (size_t i = 0; i < x.institutions.size(); ++i)
      for (size_t k = 0; k < x.institutions[i].values.size(); ++k) {
        double p = x.institutions[i].values[k], q = y.institutions[i].values[k];
        if (std::isnan(p) && std::isnan(q)) continue;
        REQUIRE(p == Approx(q).epsilon(1e-12).margin(1e-9));
      }
    ++checked;
  }
  CHECK(checked >= 30);
}

TEST_CASE("binding follows defaults derived from other inputs", "[uncertain]") {
  // Salary growth left out follows inflation: binding inflation must move it too.
  labsim::Scenario s = labsim::load_scenario_string(with_utilization("60%"), "t.yaml");
  labsim::io::Field f = labsim::io::bind_field(s, "economy.inflation");
  labsim::io::set_field(f, 0.05);
  CHECK(s.institutions[0].people[0].salary_growth == Approx(1.05));
}

TEST_CASE("an unknown path names the nearest one", "[uncertain]") {
  labsim::Scenario s = labsim::load_scenario_string(with_utilization("60%"), "t.yaml");
  try {
    labsim::io::bind_field(s, "institutions.lab.operations.utilisation");
    FAIL("no error");
  } catch (const labsim::InputError& e) {
    CHECK(e.report() == "error: institutions.lab.operations.utilisation: no number of the scenario has this key path\n"
                        "hint: did you mean 'institutions.lab.operations.utilization'?\n");
  }
}

namespace {

// Every uncertain input of `s` (loaded from `file` or, when `text` is given, from it) replays
// from each line of its samples file through --set to the value mc drew for that sample.
void check_samples_replay(const labsim::Scenario& s, const std::string& file, const std::string& text) {
  labsim::MonteCarloOptions o;
  o.samples = 12;
  o.seed = 7;
  o.sampling = labsim::Sampling::kLhs;
  std::ostringstream written;
  labsim::write_draws(written, s, o);
  // The draws themselves, as the Monte Carlo computes them.
  labsim::explore::InputSpace space({&s});
  labsim::explore::Sampler sampler(labsim::explore::sampler_kind(o.sampling), o.seed, o.samples,
                                   space.dims());
  std::vector<double> u(static_cast<size_t>(space.dims()));
  labsim::Scenario original = s;
  std::istringstream lines(written.str());
  std::string line;
  std::getline(lines, line);
  REQUIRE(line == "sample," + [&] {
    std::string paths;
    for (const std::string& p : space.paths()) paths += (paths.empty() ? "" : ",") + p;
    return paths;
  }());
  size_t i = 0;
  for (; std::getline(lines, line); ++i) {
    std::vector<std::string> cells;
    std::istringstream row(line);
    for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
    REQUIRE(cells.size() == space.paths().size() + 1);
    CHECK(cells[0] == std::to_string(i));
    std::vector<std::string> sets;
    for (size_t k = 0; k < space.paths().size(); ++k) sets.push_back(space.paths()[k] + "=" + cells[k + 1]);
    INFO(line);
    labsim::Scenario replayed = text.empty() ? labsim::load_scenario_file(file, sets)
                                             : labsim::load_scenario_string(text, file, sets);
    sampler.point(i, u);
    for (const auto& in : space.inputs(0)) {
      double drawn = in.distribution.quantile(u[static_cast<size_t>(in.dim)]);
      // What the Monte Carlo runs with: the draw stored at the key (a GPU count rounded down).
      labsim::io::Field run_field = labsim::io::bind_field(original, in.source->path);
      labsim::io::set_field(run_field, drawn);
      labsim::io::Field f = labsim::io::bind_field(replayed, in.source->path);
      INFO(in.source->path << " drawn " << drawn);
      // Exactly, except an overhead above 100%: a percentage p reads back as p / 100, which cannot
      // reach every double, so it may differ in the last bit.
      double replayed_value = labsim::io::get_field(f), run_value = labsim::io::get_field(run_field);
      if (run_field.quantity() == labsim::io::Quantity::kOverhead && run_value > 1)
        CHECK(std::fabs(replayed_value - run_value) <= std::numeric_limits<double>::epsilon() * run_value);
      else
        CHECK(replayed_value == run_value);
      CHECK(f.per_year_money == run_field.per_year_money);  // a per-year amount, not a total
    }
  }
  CHECK(i == o.samples);
}

}  // namespace

// Guards issue 13 (d): `mc --samples` writes every value as --set takes it for its key (growth as
// "1.04x/yr", a per-year amount with "/yr", an overhead above 100% as a percentage, the shortest
// decimal that reads back as the drawn double), so the documented replay of a sample, `labsim run
// --set PATH=VALUE ...` with one line's values, gives the values mc drew. Before the fix growth
// was written as a bare factor that --set refuses, a per-year amount replayed as a total, and ten
// significant digits did not give back the drawn double.
TEST_CASE("every column of a samples file replays through --set to the value drawn", "[uncertain]") {
  const std::string text = R"(scenario: {name: draws, years: 2024-2026}
economy: {inflation: {uniform: [2%/yr, 4%/yr]}}
hardware: {price_performance_doubling: {triangular: [2.07 years, 2.5 years, 3 years]}}
market:
  industry_comp: {2024: {uniform: [300k, 400k]}, growth: {triangular: [2%/yr, 4%/yr, 9.4%/yr]}}
  frontier_training_flop: {2023: 2.1e25, growth: {triangular: [4x/yr, 4.1x/yr, 5x/yr]}}
talent:
  choice: {intercept: {normal: [-2.58, 1.02]}}
institutions:
  - id: lab
    kind: university
    fleet: [{gpu: H100-SXM, count: {uniform: [80, 120]}, acquired: 2024}]
    procurement:
      lifetime: {triangular: [2 years, 2.6 years, 4 years]}
      server_overhead: {uniform: [50%, 180%]}
      commissioning: {uniform: [0 months, 7 months]}
    operations: {utilization: {pert: [40%, 60%, 80%]}}
    largest_run: {days: {uniform: [60 days, 120 days]}}
    people: [{role: faculty, count: 10, salary: {uniform: [90k, 110k]}, fringe: {uniform: [20%, 140%]}}]
    funding: [{name: grant, amount: {uniform: [1M/yr, 3M/yr]}, years: 2024-2026, indirect_rate: 55%}]
)";
  SECTION("an input of every kind of quantity") {
    check_samples_replay(labsim::load_scenario_string(text, "draws.yaml"), "draws.yaml", text);
  }
  SECTION("the shipped scenarios with distributions") {
    for (const char* name : {"compute-divide", "uncertain-divide", "nairr", "phd-compute-grant"}) {
      std::string file = std::string(LABSIM_SOURCE_DIR) + "/scenarios/" + name + ".yaml";
      INFO(file);
      check_samples_replay(labsim::load_scenario_file(file), file, "");
    }
  }
}
