// Key findings: sentences generated from results, with the numbers a reader expects.
#pragma once

#include <string>
#include <vector>

#include "labsim/explore.hpp"
#include "labsim/scenario.hpp"
#include "labsim/trajectory.hpp"

namespace labsim::report {

// The institution a brief is about: the first university, else the first institution that is not
// the first industry lab, else that lab; nullptr for an empty trajectory.
const InstitutionSeries* focal_institution(const Trajectory& t);

// 4 to 8 sentences about `t` (and the change from `baseline` when given). Each sentence carries
// its numbers, taken from the trajectory's metrics, for the scenario's first university and
// first industry lab (when there is one) in its last year. When the money of the first
// university (after the funding sentence) or of the first national resource (after its own
// sentence) stops paying for what it has, a sentence says from when, why (the funding that
// ended), what its reserves paid and what it cut. Edge cases: no university, no industry lab,
// zero compute, equal values, ratios in the millions.
std::vector<std::string> key_findings(const Scenario& s, const Trajectory& t, const Scenario* baseline_scenario,
                                      const Trajectory* baseline);

// The spread of the focal institution's compute per researcher in the last year, from the 5th
// and 95th percentiles of a Monte Carlo table `mc` over `t`'s scenario: "Across 2,000 sampled sets
// of assumptions, the institute's compute per researcher in 2034 lies between 99,220 and 208
// thousand H100-hours (90% interval)." Each end is rounded to 4 significant digits (as `labsim mc`
// prints percentiles), then written as count_words writes numbers. Empty when `mc` lacks the
// institution or the metric, or the value is undefined in every sample.
std::string spread_finding(const Trajectory& t, const StatTable& mc);

}  // namespace labsim::report
