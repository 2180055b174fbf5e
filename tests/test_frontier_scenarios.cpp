// The frontier in the shipped scenarios (issue 13's bounds and docs/validation.md's frontier
// table): an output that no run exceeds, labelled where an exogenous floor sets it, bounded by
// money and power where a frontier developer is modelled, and close to the historical record.
#include <catch2/catch.hpp>

#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include "labsim/engine.hpp"
#include "labsim/loader.hpp"
#include "labsim/trajectory.hpp"

namespace {

using labsim::InstitutionSeries;
using labsim::Metric;
using labsim::Trajectory;

std::string scenario_path(const std::string& name) { return std::string(LABSIM_SOURCE_DIR) + "/scenarios/" + name; }

Trajectory run(const std::string& name, const std::vector<std::string>& sets = {}) {
  return labsim::run(labsim::load_scenario_file(scenario_path(name), sets));
}

const InstitutionSeries& lab_of(const Trajectory& t) {
  for (const InstitutionSeries& s : t.institutions)
    if (s.id == "industry-lab") return s;
  FAIL("no industry-lab");
  throw;
}

double frontier(const Trajectory& t, int year) {
  return t.institutions.front().at(year - t.first_year, Metric::kComputeFrontierFlop);
}

// Bounds on the frontier of a scenario with a modelled frontier developer (issue 13): the industry
// lab within a factor 10 of the frontier every year, the frontier of 2030 between 1e27 and 5e29
// FLOP (Epoch AI finds about 2e29 feasible by 2030), and below 1e31 in 2034.
void check_divide_bounds(const Trajectory& t) {
  const InstitutionSeries& lab = lab_of(t);
  for (int yi = 0; yi < t.year_count(); ++yi) {
    INFO(t.first_year + yi);
    CHECK(lab.at(yi, Metric::kComputeFrontierRatio) >= 0.1);
    CHECK(lab.at(yi, Metric::kComputeFrontierExogenous) == 0);
  }
  CHECK(frontier(t, 2030) >= 1e27);
  CHECK(frontier(t, 2030) <= 5e29);
  CHECK(frontier(t, 2034) < 1e31);
}

}  // namespace

TEST_CASE("compute-divide and uncertain-divide keep the frontier within its sourced bounds", "[frontier][scenarios]") {
  for (const char* name : {"compute-divide.yaml", "uncertain-divide.yaml"}) {
    INFO(name);
    check_divide_bounds(run(name));
  }
  // At the fast end of every uncertain input that drives the lab's run (capex +22 %/yr, price-
  // performance doubling in 2.07 years, MFU 43 %) the bounds still hold: power and run length cap it.
  Trajectory fast = run("uncertain-divide.yaml", {"institutions.industry-lab.funding.capex.growth=22%/yr",
                                                  "hardware.price_performance_doubling=2.07 years",
                                                  "institutions.industry-lab.operations.mfu=43%"});
  check_divide_bounds(fast);
  // And at the slow end the lab still trains within the bounds' lower side by 2030.
  Trajectory slow = run("uncertain-divide.yaml", {"institutions.industry-lab.funding.capex.growth=2.5%/yr",
                                                  "hardware.price_performance_doubling=3 years",
                                                  "institutions.industry-lab.operations.mfu=38%"});
  check_divide_bounds(slow);
}

TEST_CASE("in every shipped scenario no run exceeds the frontier and an exogenous frontier is labelled", "[frontier][scenarios]") {
  size_t scenarios = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(LABSIM_SOURCE_DIR) + "/scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    std::string name = entry.path().filename().string();
    INFO(name);
    labsim::Scenario s = labsim::load_scenario_file(entry.path().string());
    Trajectory t = labsim::run(s);
    ++scenarios;
    for (int yi = 0; yi < t.year_count(); ++yi) {
      int year = t.first_year + yi;
      INFO(year);
      double f = frontier(t, year), largest = 0;
      for (const InstitutionSeries& x : t.institutions) {
        double run = x.at(yi, Metric::kComputeLargestRunFlop);
        largest = std::max(largest, run);
        CHECK(run <= f);
        if (f > 0) CHECK(x.at(yi, Metric::kComputeFrontierRatio) <= 1);
      }
      bool exogenous = t.institutions.front().at(yi, Metric::kComputeFrontierExogenous) == 1;
      if (exogenous) {
        // Only a declared floor can set the frontier, and it is then the floor's value, with what
        // it would need on the year's hardware.
        REQUIRE(s.market.frontier_training_flop);
        CHECK(f == s.market.frontier_training_flop->at(year));
        CHECK(f > largest);
        // (Undefined only in years without a part to buy: history before its first GPU.)
        double gw = t.institutions.front().at(yi, Metric::kComputeFrontierPowerGw);
        double capex = t.institutions.front().at(yi, Metric::kComputeFrontierCapex);
        if (largest > 0 || year >= 2013) {
          CHECK(gw > 0);
          CHECK(capex > 0);
        } else {
          CHECK(std::isnan(gw) == std::isnan(capex));
        }
      } else {
        CHECK(f == largest);
      }
    }
  }
  CHECK(scenarios == 8);
}

TEST_CASE("history's frontier stays within a factor 3.5 of the recorded largest runs 2020-2024", "[frontier][validation]") {
  // docs/validation.md, "Frontier": the recorded runs (each year's largest known), against the
  // frontier of scenarios/history.yaml (its industry aggregate's largest run, or the record where
  // that is larger).
  struct Record {
    int year;
    double flop;
    const char* what;
  };
  const Record records[] = {
      {2020, 3.14e23, "GPT-3 175B (Brown et al. 2020; Epoch AI)"},
      {2022, 2.53e24, "PaLM 540B (Chowdhery et al. 2022)"},
      {2023, 2.1e25, "GPT-4 (Epoch AI estimate)"},
      {2023, 5e25, "Gemini 1.0 Ultra (Epoch AI estimate)"},
      {2024, 3.8e25, "Llama 3.1 405B (Llama Team 2024)"},
  };
  Trajectory t = run("history.yaml");
  for (const Record& r : records) {
    INFO(r.what << " in " << r.year << ": frontier " << frontier(t, r.year));
    double ratio = frontier(t, r.year) / r.flop;
    CHECK(ratio >= 1 / 3.5);
    CHECK(ratio <= 3.5);
  }
}
