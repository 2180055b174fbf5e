// Fuzz target: any bytes given to the loader end in a Scenario or an InputError, nothing else.
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string_view>

#include "fuzz_common.hpp"
#include "labsim/diagnostics.hpp"
#include "labsim/loader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  try {
    labsim::load_scenario_string(text, "fuzz.yaml");
  } catch (const labsim::InputError& e) {
    if (e.diagnostics().empty()) labsim::fuzz::fail("InputError without diagnostics", e.what());
    (void)e.report();  // formatting the report must not fail either
  } catch (const std::exception& e) {
    labsim::fuzz::fail("unexpected exception", e.what());
  } catch (...) {
    labsim::fuzz::fail("unexpected exception", "not a std::exception");
  }
  return 0;
}
