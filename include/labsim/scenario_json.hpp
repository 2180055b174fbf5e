// A resolved scenario as JSON (issue 19): the typed, unit-free form of everything the engine
// reads, with its catalog and its uncertain inputs. `labsim resolve` writes it; the WebAssembly
// build and other programs without the YAML loader read it. Part of the engine library: the
// standard library only.
//
// Format (version kScenarioJsonVersion): one object with "labsim_resolved_scenario": 1 and the
// fields of labsim::Scenario by their C++ names: numbers in base units (USD, FLOP/s, W, years,
// shares as fractions, growth as factors); enumerations as the words of the YAML format; GPUs by
// catalog name ("best" for procurement's best part), allocation recipients by institution id; a
// Series as {"points": [[year, value], ...], "growth": factor, "log_linear": bool}; an absent
// optional value as null; an infinite bound as null. Numbers are written with 17 significant
// digits, so reading gives the same doubles. docs/cli.md ("resolve") lists every field.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "labsim/scenario.hpp"

namespace labsim {

inline constexpr int kScenarioJsonVersion = 1;

// The resolved scenario as JSON text (ends with a newline). Deterministic.
std::string scenario_to_json(const Scenario& s);

// Reads what scenario_to_json writes. Every key is required and no other key is allowed, so a
// misspelt or missing field is an error. Throws InputError with located diagnostics
// ("NAME:LINE:COL: error: institutions[0].fleet[1].count: expected a number, found a string").
// run() of the result gives what run() of the original gives, bit for bit.
Scenario scenario_from_json(std::string_view text, const std::string& name = "scenario.json");

// Where each number of `fields` (doubles inside `s`) is written in scenario_to_json(s): a JSON
// pointer such as "/institutions/0/funding/1/amount_usd" (RFC 6901), or "" for one that is not
// written as a number of its own. `s` is changed while it runs and restored before it returns.
// The static explorer uses it to move a slider's number in the resolved scenario.
std::vector<std::string> scenario_json_pointers(Scenario& s, const std::vector<double*>& fields);

}  // namespace labsim
