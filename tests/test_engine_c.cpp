// The engine's C interface (labsim/engine_c.h, issue 19) natively: the values of run() in the
// documented order, refused input as a located message, and the engine library's source list
// (cmake/engine_sources.cmake, shared with the WebAssembly build) naming every model file; and
// find_scenario not taken in by a directory of a shipped scenario's name.
#include <catch2/catch.hpp>

#include <cstring>
#include <filesystem>
#include <string>

#include "cli_helpers.hpp"
#include "labsim/engine.hpp"
#include "labsim/engine_c.h"
#include "labsim/explore.hpp"
#include "labsim/loader.hpp"
#include "labsim/scenario_json.hpp"

TEST_CASE("the C interface gives run()'s values institution by institution then year then metric", "[engine_c]") {
  const labsim::Scenario s = labsim::load_scenario_file(labsim::test::source_path("scenarios/nairr.yaml"));
  const labsim::Trajectory t = labsim::run(s);
  const std::string json = labsim::scenario_to_json(s);
  REQUIRE(labsim_run_json(json.data(), json.size()) == 0);
  const size_t years = static_cast<size_t>(t.year_count()), metrics = labsim::kMetricCount;
  REQUIRE(labsim_values_count() == t.institutions.size() * years * metrics);
  const double* v = labsim_values();
  for (size_t i = 0; i < t.institutions.size(); ++i)
    for (size_t y = 0; y < years; ++y)
      for (size_t m = 0; m < metrics; ++m) {
        const double expected = t.institutions[i].at(static_cast<int>(y), static_cast<labsim::Metric>(m));
        const double got = v[(i * years + y) * metrics + m];
        CHECK(std::memcmp(&expected, &got, sizeof got) == 0);  // the same bits (NaN included)
      }
  const std::string layout = labsim_layout();
  CHECK(layout.rfind("{\"scenario\": \"nairr\", \"first_year\": 2024, \"years\": 11, \"institutions\": [{\"id\": \"institute\",", 0) == 0);
  CHECK(layout.find("{\"id\": \"nairr\", \"name\": \"National AI Research Resource\", \"short_name\": \"the NAIRR\", \"kind\": "
                    "\"national_resource\"}") != std::string::npos);
  CHECK(layout.find("\"metrics\": [{\"name\": \"budget.revenue\", \"unit\": \"usd\"}, ") != std::string::npos);
}

TEST_CASE("the C interface refuses bad input with a located message", "[engine_c]") {
  const std::string bad = "{\"labsim_resolved_scenario\": 1,\n \"name\": [1]}";
  CHECK(labsim_run_json(bad.data(), bad.size()) == 1);
  CHECK(std::string(labsim_error()).find("scenario.json:2:10: error: name: expected a string, found a list") !=
        std::string::npos);
  CHECK(labsim_values_count() == 0);
  CHECK(std::string(labsim_version()).rfind("labsim 0.1.0 (model v1", 0) == 0);
}

TEST_CASE("the engine library's source list names every model file", "[engine_c]") {
  const std::string list = labsim::test::slurp(labsim::test::source_path("cmake/engine_sources.cmake"));
  for (const auto& entry : std::filesystem::directory_iterator(labsim::test::source_path("sim/model"))) {
    if (entry.path().extension() != ".cpp") continue;
    INFO(entry.path().filename().string());
    CHECK(list.find("sim/model/" + entry.path().filename().string()) != std::string::npos);
  }
}

TEST_CASE("a directory named like a shipped scenario does not hide it", "[loader]") {
  // `labsim brief nairr ... -o nairr` leaves a directory called nairr where the next command runs.
  labsim::test::TempDir dir("shadow");
  std::filesystem::create_directory(dir.path() / "nairr");
  const std::filesystem::path before = std::filesystem::current_path();
  std::filesystem::current_path(dir.path());
  const std::string found = labsim::find_scenario("nairr");
  std::filesystem::current_path(before);
  CHECK(found.ends_with("scenarios/nairr.yaml"));
  CHECK(labsim::find_scenario(labsim::test::source_path("scenarios")) == labsim::test::source_path("scenarios"));
}

TEST_CASE("the C interface's Monte Carlo is labsim mc's", "[engine_c]") {
  const labsim::Scenario s = labsim::load_scenario_file(labsim::test::source_path("scenarios/uncertain-divide.yaml"));
  const std::string json = labsim::scenario_to_json(s);
  REQUIRE(labsim_mc_json(json.data(), json.size(), 300, 7, "compute.h100_hours_per_researcher,talent.headcount") == 0);
  labsim::MonteCarloOptions o;
  o.samples = 300;
  o.seed = 7;
  o.metrics = {labsim::Metric::kComputeH100HoursPerResearcher, labsim::Metric::kTalentHeadcount};
  const labsim::StatTable t = labsim::monte_carlo(s, o);
  const int years = t.year_count();
  REQUIRE(labsim_mc_values_count() == t.institutions.size() * 2 * static_cast<size_t>(years) * 6);
  const double* v = labsim_mc_values();
  for (size_t i = 0; i < t.institutions.size(); ++i)
    for (size_t m = 0; m < 2; ++m)
      for (int y = 0; y < years; ++y) {
        const labsim::Summary& c = t.at(i, m, y, 0);
        const double* at = v + ((i * 2 + m) * static_cast<size_t>(years) + static_cast<size_t>(y)) * 6;
        CHECK(std::memcmp(at, &c.mean, sizeof(double)) == 0);
        for (size_t k = 0; k < 5; ++k) CHECK(std::memcmp(at + 1 + k, &c.percentiles[k], sizeof(double)) == 0);
      }
  CHECK(std::string(labsim_mc_layout()) ==
        "{\"samples\": 300, \"first_year\": 2024, \"years\": 11, \"institutions\": [\"institute\", \"industry-lab\"], "
        "\"metrics\": [\"compute.h100_hours_per_researcher\", \"talent.headcount\"], \"stats\": [\"mean\", \"p5\", \"p25\", "
        "\"p50\", \"p75\", \"p95\"]}");
  CHECK(labsim_mc_json(json.data(), json.size(), 300, 7, "compute.h100_hourz") == 1);
  CHECK(std::string(labsim_error()).find("metrics: unknown metric \"compute.h100_hourz\"") != std::string::npos);
  CHECK(labsim_mc_json(json.data(), json.size(), 0, 7, "") == 1);
  CHECK(labsim_mc_json(json.data(), json.size(), 10, 1.5, "") == 1);
}
