// The scenario keys as users see them: what each holds, its default and what it accepts. Derived
// from the field table (sim/io/fields_table.cpp), so `labsim validate --keys`, the key tables of
// docs/scenario-format.md (checked by a test) and the loader cannot disagree.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "labsim/scenario.hpp"

namespace labsim {

struct KeyInfo {
  std::string section;       // path pattern of its mapping: "economy", "institutions.<id>.procurement"
  std::string key;           // as written in that mapping: "pue"
  std::string type;          // "share", "series of money (USD a year)", "`owned` or `cloud`"
  std::string default_text;  // "95 % (estimate)", "required", "none"
  std::string allowed;       // "from 1 to 5", "above 0 and at most 1e15"; "any"; "see meaning" (not a number)
  std::string label;         // one plain-language line
  bool varies = false;       // a number that sweep, solve, calibrate and distributions may change
};

// Every key of a scenario, in the order the loader reads them. A key whose limits depend on
// the role (people.program_years) is listed once, its `allowed` naming each case.
std::vector<KeyInfo> scenario_keys();

// Every key path of `s` that sweep, solve, Monte Carlo and calibrate can vary, in scenario order:
// "economy.pue", "institutions.campus.fleet[0].count", "market.industry_comp.2030" ...
std::vector<std::string> input_paths(const Scenario& s);

// `value` of the input at `path` in the units the scenario file uses: a growth as "4 %/yr", a
// share as "37.5 %", a duration in its key's unit. Requires that input_paths(s) lists `path`.
std::string written_input(const Scenario& s, const std::string& path, double value);

// How each funding stream of `s` was read, one line per stream: "institutions.campus.funding.nsf:
// $20 million over 2024-2028 = $4 million a year (F&A 55 %)", "... $1 million a year over
// 2024-2034, +3 %/yr". A total whose yearly payment is under a fifth of the institution's other
// streams in its first year gets a second line, a note that it was read as a total.
std::vector<std::string> funding_as_read(const Scenario& s);

// An input's key path in plain words, for readers who do not write scenarios: the key's label
// from the field table, lower case and without its parenthetical, with the institution it
// belongs to by its short name:
// "institutions.institute.operations.mfu" -> "model FLOPs utilization at the institute",
// "market.industry_comp.growth" -> "yearly growth of the median total pay of an industry AI research
// scientist", "institutions.lab.funding.capex.growth" -> "yearly growth of the industry lab's capex
// funding". A path the table does not know is returned as it is.
// With `who_first`, the institution leads, for labels cut at their end: "the institute: model
// FLOPs utilization".
std::string input_words(const Scenario& s, const std::string& path, bool who_first = false);

// The keys as one Markdown table per section (key, type, default, allowed, meaning).
void write_keys_markdown(std::ostream& out, const std::vector<KeyInfo>& keys);

}  // namespace labsim
