// Policy briefs: from a run (and optionally a baseline run) to the files of a brief.
#pragma once

#include <string>
#include <vector>

#include "labsim/scenario.hpp"
#include "labsim/trajectory.hpp"

namespace labsim {

struct BriefInput {
  const Scenario* scenario = nullptr;            // required
  const Trajectory* trajectory = nullptr;        // required: run(*scenario)
  const Scenario* baseline_scenario = nullptr;   // optional, with baseline
  const Trajectory* baseline = nullptr;          // optional: run(*baseline_scenario)
  std::string command_line;                      // for the reproducibility stamp
  std::string date;                              // "YYYY-MM-DD", or empty: no date anywhere
};

struct BriefFile {
  std::string name;   // file name inside the output directory, e.g. "brief.html"
  std::string bytes;
};

// The brief's files: brief.html (self-contained: inline CSS, charts as inline data, no network
// fetch), brief.pdf, brief.md, and each chart as NAME.svg and NAME.png. Deterministic: the
// same inputs give the same bytes. Every scenario string is escaped for HTML and Markdown.
std::vector<BriefFile> make_brief(const BriefInput& input);

}  // namespace labsim
