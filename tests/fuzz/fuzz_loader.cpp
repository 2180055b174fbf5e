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
  labsim::fuzz::expect_value_or_input_error([&] {
    labsim::load_scenario_string(text, "fuzz.yaml");
  });
  return 0;
}
