// Distributions in scenarios: loading, nominal values, located errors, and binding inputs by
// key path (checked against reloading with --set, an independent route through the loader).
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <cmath>

#include "io/bind.hpp"
#include "labsim/diagnostics.hpp"
#include "labsim/engine.hpp"
#include "labsim/loader.hpp"
#include "loader_helpers.hpp"

using labsim::test::report_of;

namespace {

const char* kBase = R"(scenario: {name: t, years: 2024-2026}
institutions:
  - id: lab
    kind: university
    fleet: [{gpu: H100-SXM, count: 1000, acquired: 2024}]
    operations: {availability: 100%, utilization: UTIL}
    people: [{role: faculty, count: 10, salary: 100k}]
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
    std::string text = f.quantity() == labsim::io::Quantity::kGrowth ? fmt::format("{:.17g}x/yr", v)
                       : f.per_year_money                         ? fmt::format("{:.17g}/yr", v)
                                                                  : fmt::format("{:.17g}", v);
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
