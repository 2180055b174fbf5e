// Fuzz target: the input as a targets file for calibrate and backtest, read against a fixed
// scenario. It must end in observations (each with a known institution, a year of the scenario
// and a metric) or an InputError with diagnostics, nothing else.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>

#include "fuzz_common.hpp"
#include "labsim/calibrate.hpp"
#include "labsim/diagnostics.hpp"
#include "labsim/loader.hpp"

namespace {

constexpr const char* kScenario = R"(scenario: {name: base, years: 2010-2020}
institutions:
  - {id: academia, kind: university, people: [{role: phd, count: 10, salary: 40k}]}
  - {id: industry, kind: industry, people: [{role: research_scientist, count: 10, salary: market}]}
)";

const labsim::Scenario& scenario() {
  static const labsim::Scenario s = labsim::load_scenario_string(kScenario, "base.yaml");
  return s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  labsim::fuzz::expect_value_or_input_error([&] {
    for (const labsim::Observation& o : labsim::parse_targets(text, "fuzz.csv", scenario())) {
      if (o.institution != "academia" && o.institution != "industry") labsim::fuzz::fail("unknown institution", o.institution);
      if (o.year < 2010 || o.year > 2020) labsim::fuzz::fail("year outside the scenario", o.location());
      if (o.metric == labsim::Metric::kCount) labsim::fuzz::fail("no metric", o.location());
      if (!std::isfinite(o.value) || !(o.weight >= 0) || !std::isfinite(o.weight))
        labsim::fuzz::fail("value or weight not finite", o.location());
      if (o.tolerance.given && !(o.tolerance.value >= 0)) labsim::fuzz::fail("negative tolerance", o.location());
    }
  });
  return 0;
}
