// Fuzz target: load the input; when it is a valid scenario, run it, and when it has uncertain
// inputs also run an 8-sample Monte Carlo. An InvariantError (a model invariant broken by
// input the loader accepted) is a finding, as is any exception other than InputError.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string_view>

#include "fuzz_common.hpp"
#include "labsim/diagnostics.hpp"
#include "labsim/engine.hpp"
#include "labsim/explore.hpp"
#include "labsim/loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  labsim::Scenario scenario;
  try {
    scenario = labsim::load_scenario_string(text, "fuzz.yaml");
  } catch (const labsim::InputError&) {
    return 0;  // fuzz_loader checks the loader's own contract
  } catch (const std::exception& e) {
    labsim::fuzz::fail("load: unexpected exception", e.what());
  }
  try {
    (void)labsim::run(scenario);
    if (!scenario.uncertain.empty()) {
      labsim::MonteCarloOptions options;
      options.samples = 8;
      (void)labsim::monte_carlo(scenario, options);
    }
  } catch (const labsim::InvariantError& e) {
    labsim::fuzz::fail("InvariantError", e.what());
  } catch (const labsim::InputError& e) {
    // monte_carlo refuses an invalid distribution with an InputError: allowed, but the loader
    // should have caught it, so it is worth a look when it shows up in the corpus.
    (void)e.report();
  } catch (const std::exception& e) {
    labsim::fuzz::fail("run: unexpected exception", e.what());
  }
  return 0;
}
