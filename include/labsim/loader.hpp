// Loading scenarios: YAML text to a validated Scenario.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "labsim/scenario.hpp"

namespace labsim {

// Reads and validates the scenario at `path`, following `extends:` (relative to the including
// file) and applying `overrides` ("key.path=value", as given to --set) after merging.
// Throws InputError listing every problem found (never only the first); IoError when the top
// file cannot be read. A missing `extends` file is an InputError located at the `extends` key.
Scenario load_scenario_file(const std::string& path, const std::vector<std::string>& overrides = {});

// The same for text held in memory; `name` is used in messages. `extends:` paths are resolved
// relative to `base_dir`.
Scenario load_scenario_string(std::string_view text, const std::string& name,
                              const std::vector<std::string>& overrides = {},
                              const std::string& base_dir = ".");

// A scenario with no institutions, built-in defaults and catalog: for commands that need only
// the catalog and market defaults (train-time, optimal, catalog).
Scenario default_scenario();

// Parses a number written with labsim's units ("140M", "$2.6B", "35%", "90 days") for command
// line options. `what` names the option in the message. Throws InputError when malformed.
double parse_cli_number(std::string_view text, const std::string& what);

}  // namespace labsim
