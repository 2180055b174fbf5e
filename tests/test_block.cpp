// run_block (the batch engine's year loop) gives every lane the bits of run() on that lane's
// scenario: on every shipped scenario with lanes that differ in numbers, and on random
// scenarios from the property-test generator with per-lane numbers drawn apart.
#include <catch2/catch.hpp>
#include <rapidcheck.h>

#include <array>
#include <bit>
#include <cstdint>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "labsim/engine.hpp"
#include "labsim/loader.hpp"
#include "random_scenario.hpp"

namespace {

using labsim::kBlockLanes;
using labsim::Scenario;
using labsim::Trajectory;

// Every metric of every institution and year, as bits (NaN included).
void require_identical(const Trajectory& block, const Trajectory& single, const std::string& what) {
  REQUIRE(block.institutions.size() == single.institutions.size());
  for (size_t i = 0; i < block.institutions.size(); ++i) {
    const auto& a = block.institutions[i].values;
    const auto& b = single.institutions[i].values;
    REQUIRE(a.size() == b.size());
    for (size_t k = 0; k < a.size(); ++k) {
      if (std::bit_cast<std::uint64_t>(a[k]) == std::bit_cast<std::uint64_t>(b[k])) continue;
      const int metric = static_cast<int>(k % labsim::kMetricCount), year = static_cast<int>(k / labsim::kMetricCount);
      FAIL(what << ": " << block.institutions[i].id << " " << single.first_year + year << " "
                << labsim::kMetrics[static_cast<size_t>(metric)].name << ": block " << a[k] << ", run " << b[k]);
    }
  }
}

// Runs the lanes as a block into `outs`, with `ws` as its working memory.
void run_as_block(const std::array<Scenario, kBlockLanes>& lanes, labsim::BlockWorkspace& ws,
                  std::array<Trajectory, kBlockLanes>& outs) {
  std::array<const Scenario*, kBlockLanes> in{};
  std::array<Trajectory*, kBlockLanes> out{};
  for (size_t l = 0; l < kBlockLanes; ++l) in[l] = &lanes[l], out[l] = &outs[l];
  labsim::run_block(in, out, ws);
}
std::array<Trajectory, kBlockLanes> run_as_block(const std::array<Scenario, kBlockLanes>& lanes, labsim::BlockWorkspace& ws) {
  std::array<Trajectory, kBlockLanes> outs;
  run_as_block(lanes, ws, outs);
  return outs;
}

// Every value of a trajectory set to a NaN no model stage makes: a run into it must write over
// every one (the engine does not clear a reused trajectory).
void poison(Trajectory& t) {
  for (auto& series : t.institutions)
    for (double& v : series.values) v = std::bit_cast<double>(std::uint64_t{0x7ff4'dead'beef'0001});
}

// Runs the lanes as a block and each alone, and compares.
void check_block(const std::array<Scenario, kBlockLanes>& lanes, const std::string& what) {
  labsim::BlockWorkspace ws;
  std::array<Trajectory, kBlockLanes> outs = run_as_block(lanes, ws);
  for (size_t l = 0; l < kBlockLanes; ++l) require_identical(outs[l], labsim::run(lanes[l]), what + " lane " + std::to_string(l));
  // A used workspace and reused, poisoned trajectories give the same bits.
  for (Trajectory& t : outs) poison(t);
  run_as_block(lanes, ws, outs);
  for (size_t l = 0; l < kBlockLanes; ++l) require_identical(outs[l], labsim::run(lanes[l]), what + " again, lane " + std::to_string(l));
  // The same for the scalar engine.
  labsim::EngineWorkspace single_ws;
  Trajectory single = labsim::run(lanes[1]);
  poison(single);
  labsim::run_into(lanes[1], single, single_ws);
  require_identical(single, labsim::run(lanes[1]), what + " into a reused trajectory");
}

}  // namespace

TEST_CASE("run_block equals run lane by lane on every shipped scenario", "[block][engine]") {
  // Numbers every scenario has, different in each lane: the choice weights, faculty mobility,
  // the price of power, the PUE and the inflation rate.
  const char* overrides[kBlockLanes][5] = {
      {"talent.choice.salary=1.6", "talent.mobility.faculty=12.4%", "economy.electricity_usd_per_kwh=0.08", "economy.pue=1.2", "economy.inflation=2.5%"},
      {"talent.choice.salary=0", "talent.mobility.faculty=0%", "economy.electricity_usd_per_kwh=0.2", "economy.pue=1.1", "economy.inflation=0%"},
      {"talent.choice.salary=2.2", "talent.mobility.faculty=100%", "economy.electricity_usd_per_kwh=0.01", "economy.pue=1.6", "economy.inflation=9%"},
      {"talent.choice.compute=1", "talent.choice.intercept=3", "economy.electricity_usd_per_kwh=0.5", "economy.pue=1.05", "economy.inflation=4%"},
      {"talent.choice.compute=0", "talent.choice.intercept=-6", "economy.electricity_usd_per_kwh=0.12", "economy.pue=1.3", "economy.inflation=1%"},
      {"talent.choice.demand=1", "talent.new_hire_productivity=100%", "economy.electricity_usd_per_kwh=0.09", "economy.pue=1.4", "economy.inflation=3%"},
      {"talent.choice.academic_demand=0", "talent.new_hire_productivity=0%", "economy.electricity_usd_per_kwh=0.3", "economy.pue=2", "economy.inflation=6%"},
      {"talent.choice.salary=1", "talent.mobility.faculty=5%", "economy.electricity_usd_per_kwh=0.07", "economy.pue=1.25", "economy.inflation=2%"}};
  int scenarios = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(LABSIM_SOURCE_DIR) + "/scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    std::array<Scenario, kBlockLanes> lanes;
    for (size_t l = 0; l < kBlockLanes; ++l)
      lanes[l] = labsim::load_scenario_file(entry.path().string(),
                                            std::vector<std::string>(overrides[l], overrides[l] + 5));
    check_block(lanes, entry.path().filename().string());
    ++scenarios;
  }
  CHECK(scenarios >= 8);
}

TEST_CASE("run_block equals run lane by lane on random scenarios", "[block][engine][properties]") {
  rc::detail::TestParams params = rc::detail::configuration().testParams;
  if (std::getenv("RC_PARAMS") == nullptr) params.seed = 20261205, params.maxSuccess = 150;
  rc::detail::TestMetadata metadata{"block", "block"};
  auto result = rc::detail::checkTestable(
      [] {
        labsim::test::ScenarioSpec spec = *labsim::test::scenario_spec();
        // Each lane: the same structure, its own numbers (choice weights, pay, utilization, MFU,
        // stream amounts, reserves, compute shares).
        std::array<Scenario, kBlockLanes> lanes;
        for (size_t l = 0; l < kBlockLanes; ++l) {
          labsim::test::ScenarioSpec v = spec;
          v.intercept = *rc::gen::inRange(-60, 30) / 10.0;
          v.salary_weight = *rc::gen::inRange(0, 30) / 10.0;
          v.compute_weight = *rc::gen::inRange(0, 20) / 10.0;
          v.faculty_mobility_pct = *rc::gen::inRange(0, 101);
          v.industry_comp_k = *rc::gen::inRange(50, 900);
          for (auto& inst : v.institutions) {
            inst.utilization_pct = *rc::gen::inRange(1, 101);
            inst.mfu_pct = *rc::gen::inRange(1, 80);
            inst.compute_share_pct = *rc::gen::inRange(0, 101);
            if (inst.reserves_k > 0) inst.reserves_k = *rc::gen::inRange(1, 50000);
            for (auto& st : inst.funding) st.amount_k = *rc::gen::inRange(0, 200000);
            for (auto& r : inst.people) r.attrition_pct = *rc::gen::inRange(0, 101);
          }
          lanes[l] = labsim::load_scenario_string(labsim::test::to_yaml(v), "lane.yaml");
        }
        labsim::BlockWorkspace ws;
        const std::array<Trajectory, kBlockLanes> outs = run_as_block(lanes, ws);
        for (size_t l = 0; l < kBlockLanes; ++l) {
          Trajectory single = labsim::run(lanes[l]);
          for (size_t i = 0; i < single.institutions.size(); ++i)
            for (size_t k = 0; k < single.institutions[i].values.size(); ++k)
              RC_ASSERT(std::bit_cast<std::uint64_t>(outs[l].institutions[i].values[k]) ==
                        std::bit_cast<std::uint64_t>(single.institutions[i].values[k]));
        }
      },
      metadata, params);
  if (!result.is<rc::detail::SuccessResult>()) {
    std::ostringstream report;
    rc::detail::printResultMessage(result, report);
    FAIL(report.str());
  }
}

TEST_CASE("run_block equals run lane by lane when the lanes' catalogs differ", "[block][engine]") {
  // Prices apart in every lane (each lane reads its own table, and `best` is not the same part
  // in all of them), then one lane whose B200 has another peak (the lanes no longer share the
  // catalog's parts: each searches its own).
  const char* prices[kBlockLanes][2] = {{"10k", "60k"}, {"45k", "20k"}, {"25k", "35k"}, {"30k", "30k"},
                                        {"15k", "80k"}, {"60k", "25k"}, {"20k", "40k"}, {"35k", "45k"}};
  for (bool other_part : {false, true}) {
    std::array<Scenario, kBlockLanes> lanes;
    for (size_t l = 0; l < kBlockLanes; ++l) {
      std::string catalog = std::string("hardware.catalog=[{name: H100-SXM, price_usd: ") + prices[l][0] +
                            "}, {name: B200, price_usd: " + prices[l][1] +
                            (other_part && l == 5 ? ", bf16_tflops: 300" : "") + "}]";
      lanes[l] = labsim::load_scenario_file(std::string(LABSIM_SOURCE_DIR) + "/scenarios/compute-divide.yaml",
                                            {catalog});
    }
    check_block(lanes, other_part ? "catalogs with another part" : "catalogs with other prices");
  }
}

TEST_CASE("run_block records only the metrics asked for and the same bits for them", "[block][engine]") {
  // nsf-2023-institutes has 7 replicas (extensive metrics are scaled), nairr allocations and an
  // exogenous frontier: each metric asked for alone, then a few together, and none.
  using labsim::Metric;
  std::vector<std::vector<Metric>> subsets;
  for (int m = 0; m < labsim::kMetricCount; ++m) subsets.push_back({static_cast<Metric>(m)});
  subsets.push_back({Metric::kOutputNotableModels, Metric::kFleetGpus, Metric::kBudgetRevenue});
  subsets.push_back({});
  // A finite number no stage makes: scaling it for replicas would show.
  const std::uint64_t kStale = std::bit_cast<std::uint64_t>(-12345.678);
  std::size_t asked = 0, left = 0;  // values compared with run()'s, and values left stale
  for (const char* file : {"nsf-2023-institutes.yaml", "nairr.yaml"}) {
    std::array<Scenario, kBlockLanes> lanes;
    std::array<Trajectory, kBlockLanes> singles;
    for (size_t l = 0; l < kBlockLanes; ++l) {
      lanes[l] = labsim::load_scenario_file(
          std::string(LABSIM_SOURCE_DIR) + "/scenarios/" + file,
          {"economy.electricity_usd_per_kwh=" + std::to_string(0.05 + 0.01 * double(l)),
           "talent.choice.salary=" + std::to_string(1.0 + 0.2 * double(l))});
      singles[l] = labsim::run(lanes[l]);
    }
    labsim::BlockWorkspace ws;
    std::array<Trajectory, kBlockLanes> outs = run_as_block(lanes, ws);
    std::array<const Scenario*, kBlockLanes> in{};
    std::array<Trajectory*, kBlockLanes> out{};
    for (size_t l = 0; l < kBlockLanes; ++l) in[l] = &lanes[l], out[l] = &outs[l];
    for (const auto& subset : subsets) {
      labsim::MetricSet wanted{};
      for (Metric m : subset) wanted[static_cast<size_t>(m)] = true;
      for (Trajectory& t : outs)
        for (auto& series : t.institutions)
          for (double& v : series.values) v = std::bit_cast<double>(kStale);
      labsim::run_block(in, out, ws, &wanted);
      for (size_t l = 0; l < kBlockLanes; ++l)
        for (size_t i = 0; i < singles[l].institutions.size(); ++i)
          for (int y = 0; y < singles[l].year_count(); ++y)
            for (int m = 0; m < labsim::kMetricCount; ++m) {
              const std::uint64_t got = std::bit_cast<std::uint64_t>(outs[l].institutions[i].at(y, static_cast<Metric>(m)));
              const std::uint64_t expected =
                  wanted[static_cast<size_t>(m)]
                      ? std::bit_cast<std::uint64_t>(singles[l].institutions[i].at(y, static_cast<Metric>(m)))
                      : kStale;
              (wanted[static_cast<size_t>(m)] ? asked : left) += 1;
              if (got == expected) continue;
              FAIL(file << " asking for " << subset.size() << " metrics: " << labsim::kMetrics[static_cast<size_t>(m)].name
                        << " lane " << l << " institution " << i << " year " << y);
            }
    }
  }
  CHECK(asked > 0);
  CHECK(left > asked);
}
