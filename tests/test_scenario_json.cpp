// The resolved scenario as JSON (labsim/scenario_json.hpp, issue 19): YAML -> JSON -> engine gives
// the bytes of YAML -> engine, on every shipped scenario and on generated ones; writing what was
// read gives the same text; bad JSON is a located error naming the field.
#include <catch2/catch.hpp>
#include <rapidcheck.h>

#include <filesystem>
#include <sstream>
#include <string>

#include "cli_helpers.hpp"
#include "labsim/engine.hpp"
#include "labsim/loader.hpp"
#include "labsim/scenario_json.hpp"
#include "labsim/writers.hpp"
#include "random_scenario.hpp"

namespace {

std::string csv_of(const labsim::Scenario& s) {
  std::ostringstream out;
  labsim::write_csv(out, labsim::run(s));
  return out.str();
}

std::string json_of(const labsim::Scenario& s) {
  std::ostringstream out;
  labsim::write_json(out, s, labsim::run(s));
  return out.str();
}

// The diagnostics of reading `text`, as the command line prints them.
std::string error_of(const std::string& text) {
  try {
    labsim::scenario_from_json(text, "s.json");
  } catch (const labsim::InputError& e) {
    return e.report();
  }
  return "no error";
}

// `text` with the first `from` replaced by `to`.
std::string with(std::string text, const std::string& from, const std::string& to) {
  const size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

}  // namespace

TEST_CASE("every shipped scenario runs to the same bytes from its resolved JSON", "[scenario_json]") {
  for (const auto& entry : std::filesystem::directory_iterator(labsim::test::source_path("scenarios"))) {
    if (entry.path().extension() != ".yaml") continue;
    INFO(entry.path().filename().string());
    const labsim::Scenario yaml = labsim::load_scenario_file(entry.path().string());
    const std::string text = labsim::scenario_to_json(yaml);
    const labsim::Scenario json = labsim::scenario_from_json(text);
    CHECK(csv_of(json) == csv_of(yaml));
    CHECK(json_of(json) == json_of(yaml));
    CHECK(labsim::scenario_to_json(json) == text);  // a fixed point: nothing lost or reformatted
    CHECK(json.uncertain.size() == yaml.uncertain.size());
    for (size_t i = 0; i < json.uncertain.size(); ++i) {
      CHECK(json.uncertain[i].path == yaml.uncertain[i].path);
      CHECK(json.uncertain[i].spec.params == yaml.uncertain[i].spec.params);
      CHECK(json.uncertain[i].spec.min == yaml.uncertain[i].spec.min);
      CHECK(json.uncertain[i].spec.max == yaml.uncertain[i].spec.max);
    }
  }
}

TEST_CASE("generated scenarios run to the same bytes from their resolved JSON", "[scenario_json]") {
  rc::detail::TestParams params = rc::detail::configuration().testParams;
  params.seed = 20261205;
  params.maxSuccess = 150;
  const auto result = rc::detail::checkTestable(
      [] {
        const labsim::test::ScenarioSpec spec = *labsim::test::scenario_spec();
        const labsim::Scenario yaml = labsim::load_scenario_string(labsim::test::to_yaml(spec), "random.yaml");
        const labsim::Scenario json = labsim::scenario_from_json(labsim::scenario_to_json(yaml));
        RC_ASSERT(csv_of(json) == csv_of(yaml));
      },
      rc::detail::TestMetadata{"resolved JSON round trip", "resolved JSON round trip"}, params);
  if (!result.is<rc::detail::SuccessResult>()) {
    std::ostringstream report;
    rc::detail::printResultMessage(result, report);
    FAIL(report.str());
  }
}

TEST_CASE("the resolved JSON holds numbers in base units, exactly", "[scenario_json]") {
  const labsim::Scenario s = labsim::load_scenario_file(labsim::test::source_path("scenarios/compute-divide.yaml"));
  const std::string text = labsim::scenario_to_json(s);
  CHECK(text.rfind("{\n  \"labsim_resolved_scenario\": 1,\n  \"name\": \"compute-divide\",", 0) == 0);
  // compute-divide.yaml: the NSF award is 20M over 2024-2028 at a 55% F&A rate; the cohort is 68 A100-80GB.
  CHECK(text.find("\"name\": \"nsf-institute\",\n        \"purpose\": \"any\",\n        \"amount_usd\": 20000000,") !=
        std::string::npos);
  CHECK(text.find("\"indirect_rate\": 0.55000000000000004") != std::string::npos);  // 0.55 to 17 digits
  CHECK(text.find("\"gpu\": \"A100-80GB\",\n        \"count\": 68,") != std::string::npos);
  // the institute's MFU is uncertain: pert [20%, 37.5%, 52%], nominal its mode
  CHECK(text.find("\"kind\": \"pert\",\n    \"params\": [0.20000000000000001, 0.375, 0.52000000000000002],") !=
        std::string::npos);
}

TEST_CASE("bad resolved JSON is a located error naming the field", "[scenario_json]") {
  const std::string good = labsim::scenario_to_json(
      labsim::load_scenario_file(labsim::test::source_path("scenarios/compute-divide.yaml")));
  CHECK(error_of("{\"labsim_resolved_scenario\": 1,,}").rfind("s.json:1:32: error: expected a key in double quotes", 0) == 0);
  CHECK(error_of("[1, 2").rfind("s.json:1:6: error: expected ',' or ']' in the list", 0) == 0);
  CHECK(error_of(with(good, "\"labsim_resolved_scenario\": 1", "\"labsim_resolved_scenario\": 2"))
            .find("error: labsim_resolved_scenario: expected 1 (the format this labsim reads)") != std::string::npos);
  // a number where text was expected, with its line and column
  const std::string count = error_of(with(good, "\"count\": 68,", "\"count\": \"68\","));
  CHECK(count.find("error: institutions[0].fleet[0].count: expected a number, found a string") != std::string::npos);
  CHECK(count.rfind("s.json:", 0) == 0);
  CHECK(count.find("\"count\": \"68\"") != std::string::npos);  // the source line under it
  // a misspelt key: the one missing and the one unknown, with the keys allowed there
  const std::string unknown = error_of(with(good, "\"pue\": ", "\"pew\": "));
  CHECK(unknown.find("error: economy: missing key \"pue\"") != std::string::npos);
  CHECK(unknown.find("error: economy.pew: unknown key \"pew\"") != std::string::npos);
  CHECK(unknown.find("hint: keys here: inflation_rate, electricity_usd_per_kwh, pue, server_power_factor") !=
        std::string::npos);
  CHECK(error_of(with(good, "\"gpu\": \"A100-80GB\"", "\"gpu\": \"A100-81GB\""))
            .find("error: institutions[0].fleet[0].gpu: no part \"A100-81GB\" in the catalog") != std::string::npos);
  CHECK(error_of(with(good, "\"kind\": \"university\"", "\"kind\": \"college\""))
            .find("error: institutions[0].kind: expected one of university, industry, national_resource, found \"college\"") !=
        std::string::npos);
  CHECK(error_of(std::string(100, '[')).find("nested too deeply") != std::string::npos);
  CHECK(error_of("{\"a\": \"\\ud800\"}").find("a lone surrogate") != std::string::npos);
}
