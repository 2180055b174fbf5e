// Buying on delivered compute (issue 13, item 4): a part's training_efficiency f, read from the
// catalog and overridable per scenario.
#include <catch2/catch.hpp>

#include <string>

#include "labsim/loader.hpp"
#include "loader_helpers.hpp"

namespace {

using labsim::Accelerator;
using labsim::Scenario;

}  // namespace

TEST_CASE("a scenario overrides training_efficiency with its source; a bad value is a located error",
          "[loader][delivered]") {
  const std::string head = "scenario: {name: t, years: 2024-2026}\n";
  const std::string tail = "institutions: [{id: u, kind: university}]\n";
  Scenario s = labsim::load_scenario_string(
      head + "hardware: {catalog: [{name: MI300X, training_efficiency: {value: 0.9, source: \"own benchmark\"}}]}\n" +
          tail,
      "t.yaml");
  const Accelerator& a = s.catalog.parts[static_cast<size_t>(s.catalog.find("MI300X"))];
  CHECK(a.training_efficiency == 0.9);
  CHECK(a.bf16_flops == 1307e12);  // the rest of the built-in part is kept
  // --set reaches it too (the built-in catalog is not in the file: the list form), and a part
  // without the key keeps 1.
  Scenario set = labsim::load_scenario_string(head + tail, "t.yaml",
                                              {"hardware.catalog=[{name: B200, training_efficiency: 0.8}]"});
  CHECK(set.catalog.parts[static_cast<size_t>(set.catalog.find("B200"))].training_efficiency == 0.8);
  CHECK(set.catalog.parts[static_cast<size_t>(set.catalog.find("A100-40GB"))].training_efficiency == 1);

  CHECK(labsim::test::report_of(head + "hardware: {catalog: [{name: MI300X, training_efficiency: 0}]}\n" + tail) ==
        "t.yaml:2:58: error: hardware.catalog.MI300X.training_efficiency: expected a number above 0 and at most "
        "2.5, found 0\n"
        "    hardware: {catalog: [{name: MI300X, training_efficiency: 0}]}\n"
        "                                                             ^\n");
  CHECK(labsim::test::report_of(head + "hardware: {catalog: [{name: MI300X, training_efficiency: 3}]}\n" + tail) ==
        "t.yaml:2:58: error: hardware.catalog.MI300X.training_efficiency: expected a number above 0 and at most "
        "2.5, found 3\n"
        "    hardware: {catalog: [{name: MI300X, training_efficiency: 3}]}\n"
        "                                                             ^\n");
}
