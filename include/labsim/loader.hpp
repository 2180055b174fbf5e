// Loading scenarios: YAML text to a validated Scenario.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "labsim/scenario.hpp"

namespace labsim {

// Reads and validates the scenario at `path`, following `extends:` (relative to the including
// file) and applying `overrides` ("key.path=value", as given to --set) after merging.
// Throws InputError listing every problem found (never only the first); IoError when the top
// file cannot be read. A missing `extends` file is an InputError located at the `extends` key.
Scenario load_scenario_file(const std::string& path, const std::vector<std::string>& overrides = {});

// A scenario file that `extends:` the file at `path` (its absolute path) and holds what the
// overrides change, so that `labsim run` of it gives what `labsim run PATH --set ...` gives, byte
// for byte: the explorer's "Download YAML". Throws as load_scenario_file does for a bad
// scenario or override.
std::string scenario_overlay(const std::string& path, const std::vector<std::string>& overrides);

// The directories that hold the shipped scenarios, first found first: $LABSIM_SCENARIOS (a
// colon-separated list), then beside the program: ../share/labsim/scenarios (an installed tree) and
// ../scenarios (the build tree, build/labsim). Only those that exist.
std::vector<std::string> scenario_dirs();

// A scenario argument as a file path: `arg` itself when it names a file (not a directory); else, for a bare name
// ("compute-divide" or "compute-divide.yaml", no '/'), the shipped scenario of that name in
// scenario_dirs(); else `arg` unchanged (loading it then reports that no such file exists).
std::string find_scenario(const std::string& arg);

// The shipped scenarios: (name, path) for every NAME.yaml in scenario_dirs(), the first directory
// holding a name winning, sorted by name.
std::vector<std::pair<std::string, std::string>> shipped_scenarios();

// The same for text held in memory; `name` is used in messages. `extends:` paths are resolved
// relative to `base_dir`.
Scenario load_scenario_string(std::string_view text, const std::string& name,
                              const std::vector<std::string>& overrides = {},
                              const std::string& base_dir = ".");

// A scenario with no institutions, built-in defaults and catalog: for commands that need only
// the catalog and market defaults (train-time, optimal, catalog).
Scenario default_scenario();

// What a command-line number holds.
enum class CliQuantity {
  kAmount,  // a non-negative amount with an optional scale suffix: "70B", "1.4T", "1024"
  kShare,   // a share: "40%" or "0.4"
  kDays,    // a duration in days: "90", "90 days", "3 months"
};

// Parses a command-line number written with labsim's units. `what` names the option in the
// message. Throws InputError when malformed or of the wrong kind.
double parse_cli_number(std::string_view text, const std::string& what, CliQuantity kind);

}  // namespace labsim
