// Fuzz target: a valid base scenario plus the input as one --set override ("key.path=value").
// The load must end in a Scenario or an InputError, nothing else.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <vector>

#include "fuzz_common.hpp"
#include "labsim/diagnostics.hpp"
#include "labsim/loader.hpp"

namespace {

// Every section and list kind the overrides can reach: a fleet, people, funding, spending,
// allocation, a series, a sourced value and one distribution. Loads without errors.
constexpr const char* kBase = R"(scenario: {name: base, years: 2024-2030}
economy:
  pue: 1.2
  electricity_usd_per_kwh: {value: 0.08, source: "EIA"}
hardware:
  price_performance_doubling: 2.5 years
market:
  industry_comp: {2024: 300k, growth: 3%/yr}
talent:
  mobility:
    postdoc: {pert: [25%, 40%, 55%]}
institutions:
  - id: uni
    kind: university
    fleet:
      - {gpu: H100-SXM, count: 64, acquired: 2024}
    people:
      - {role: faculty, count: 10, salary: 185k}
      - {role: postdoc, count: 20, salary: 60k}
    funding:
      - {name: grant, amount: 20M, years: 2024-2028}
      - {name: state, amount: 1.5M/yr, years: 2024-2030, growth: 2%/yr}
  - id: lab
    kind: industry
    fleet:
      - {gpu: H100-SXM, count: 1000, acquired: 2024}
)";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::vector<std::string> overrides{std::string(reinterpret_cast<const char*>(data), size)};
  labsim::fuzz::expect_value_or_input_error([&] {
    labsim::load_scenario_string(kBase, "base.yaml", overrides);
  });
  return 0;
}
