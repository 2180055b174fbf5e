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
  // performance doubling in 2.07 years, MFU 43 %) the bounds still hold: the run's length stops at
  // a year and its 5 % share grows only with the fleet.
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

TEST_CASE("a frontier developer's run stops at its site's power when its share would need more", "[frontier][scenarios]") {
  // With half of its fleet for one run the lab would need several GW by 2030; its site gives
  // 2.26 GW from 2030 (the frontier profile, Epoch AI GPU clusters), so power, not money, bounds it.
  Trajectory t = run("compute-divide.yaml", {"institutions.industry-lab.largest_run.share=50%"});
  Trajectory five = run("compute-divide.yaml");
  const InstitutionSeries& lab = lab_of(t);
  for (int year : {2030, 2034}) {
    INFO(year);
    int yi = year - t.first_year;
    CHECK(lab.at(yi, Metric::kComputeLargestRunPowerBound) == 1);
    CHECK(lab.at(yi, Metric::kComputeLargestRunPowerMw) == Approx(2260).epsilon(1e-9));
    // Ten times the share buys less than ten times the run.
    CHECK(lab.at(yi, Metric::kComputeLargestRunFlop) < 10 * lab_of(five).at(yi, Metric::kComputeLargestRunFlop));
  }
  // With its 5 % share the site's power never binds (645 MW of 2.26 GW in 2034).
  for (int yi = 0; yi < five.year_count(); ++yi)
    CHECK(lab_of(five).at(yi, Metric::kComputeLargestRunPowerBound) == 0);
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
        // (Undefined exactly in years without a priced datacenter part to buy.)
        double gw = t.institutions.front().at(yi, Metric::kComputeFrontierPowerGw);
        double capex = t.institutions.front().at(yi, Metric::kComputeFrontierCapex);
        bool on_offer = false;
        for (const labsim::Accelerator& a : s.catalog.parts)
          on_offer = on_offer || (a.part_class == labsim::PartClass::kDatacenter && a.release_year <= year && a.price_usd);
        CHECK(on_offer == (gw > 0));
        CHECK(on_offer == (capex > 0));
      } else {
        CHECK(f == largest);
      }
    }
  }
  CHECK(scenarios == 10);
}

TEST_CASE("history's industry run stays within a factor 3.5 of the recorded largest runs 2020-2024", "[frontier][validation]") {
  // docs/validation.md, "Frontier": the recorded runs (each year's largest known), against the
  // largest run of scenarios/history.yaml's industry aggregate. (Its frontier is at least the
  // record, which is its floor, so the run itself is compared: it can miss either way.)
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
  const InstitutionSeries* industry = nullptr;
  for (const InstitutionSeries& x : t.institutions)
    if (x.kind == labsim::InstitutionKind::kIndustry) industry = &x;
  REQUIRE(industry);
  for (const Record& r : records) {
    double run = industry->at(r.year - t.first_year, Metric::kComputeLargestRunFlop);
    INFO(r.what << " in " << r.year << ": industry run " << run);
    // From 2019 the aggregate's run is the frontier: the record is below it.
    CHECK(frontier(t, r.year) == run);
    double ratio = run / r.flop;
    CHECK(ratio >= 1 / 3.5);
    CHECK(ratio <= 3.5);
  }
}
