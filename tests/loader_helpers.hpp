// Loading scenario text in tests and getting its error report.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "labsim/diagnostics.hpp"
#include "labsim/loader.hpp"

namespace labsim::test {

// The whole error report for `text` loaded as "t.yaml", or "(loaded)" when it is valid.
inline std::string report_of(std::string_view text, const std::vector<std::string>& overrides = {}) {
  try {
    labsim::load_scenario_string(text, "t.yaml", overrides);
  } catch (const labsim::InputError& e) {
    return e.report();
  }
  return "(loaded)";
}

}  // namespace labsim::test
