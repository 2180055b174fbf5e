// Key findings: sentences generated from results, with the numbers a reader expects.
#pragma once

#include <string>
#include <vector>

#include <cstddef>

#include "labsim/explore.hpp"
#include "labsim/scenario.hpp"
#include "labsim/trajectory.hpp"

namespace labsim::report {

// The institution a brief is about: the first university, else the first institution that is not
// the first industry lab, else that lab; nullptr for an empty trajectory.
const InstitutionSeries* focal_institution(const Trajectory& t);

// The brief's first page holds at most this many findings.
inline constexpr std::size_t kMaxFindings = 5;

// The first page's findings, 3 to 5 sentences in order of importance, each with its numbers from
// the trajectory's metrics for the scenario's first university (the subject) and first industry
// lab in the last year: with a baseline, first the policy's change (policy_headline); the gap
// in compute per researcher; `spread` (spread_finding) when given; without a baseline, the
// largest model each can train against the frontier; researchers lost to industry; and the year
// the subject's money stops paying for what it has (reserves, cuts), else its funding and fleet.
// Institutions are named by their short names. Edge cases: no university, no industry lab, zero
// compute, equal values, ratios in the millions.
std::vector<std::string> key_findings(const Scenario& s, const Trajectory& t, const Scenario* baseline_scenario,
                                      const Trajectory* baseline, const std::string& spread = {});

// What the policy scenario does that the baseline does not, in words: new institutions (a national
// resource with its money and what it allocates or grants), funding streams added or changed,
// salaries and headcounts changed, role by role or group by group. Empty when none of these
// differ (other inputs may).
std::vector<std::string> policy_description(const Scenario& baseline, const Scenario& policy);

// What page 2's "What the policy changes" needs besides the two runs.
struct PolicyEffectInput {
  const Trajectory* baseline = nullptr;            // required for any sentence
  const EqualCost* equal_cost = nullptr;           // optional: the policy's money as plain funding ...
  const Trajectory* equal_cost_run = nullptr;      // ... and its run
  const StatTable* comparison = nullptr;           // optional: compare(baseline, scenario) with samples
};

// Page 2's sentences on the policy, in the year it changes the subject's compute per researcher
// most (the last year when it changes nothing): the industry lab's lead with and without it
// ("narrows from 2,520 to 2,470 times") and the subject's compute per researcher, each with its
// change against the baseline; the spread of that effect (with a comparison); the subject's
// headcount in the last year, its departures and expected notable models over the years both
// runs cover; what the same money would do as plain funding (equal cost) when given and the
// beneficiary is the subject, with a caveat when a resource's hours also serve recipients the
// scenario does not model; and what the first national resource delivers in its best year and
// where it goes. Empty without a baseline.
std::vector<std::string> policy_effect(const Scenario& s, const Trajectory& t, const PolicyEffectInput& in);

// The spread of the focal institution's compute per researcher in the last year, from the 5th
// and 95th percentiles of a Monte Carlo table `mc` over `t`'s scenario: "Across 2,000 sampled sets
// of assumptions, the institute's compute per researcher in 2034 lies between 99,220 and 208
// thousand H100-hours (90% interval)." Each end is rounded to 4 significant digits (as `labsim mc`
// prints percentiles), then written as count_words writes numbers. Empty when `mc` lacks the
// institution or the metric, or the value is undefined in every sample.
std::string spread_finding(const Trajectory& t, const StatTable& mc);

// The spread of the policy's effect on the focal institution's compute per researcher in `year`,
// from the 5th and 95th percentiles of the "difference" column of a comparison `table`
// (common random numbers): "Across 2,000 sampled sets of assumptions, the policy changes the
// institute's compute per researcher in 2034 by between +1,200 and +3,400 H100-hours (90%
// interval)." "" when the table lacks the institution or the metric.
std::string effect_spread_finding(const Trajectory& t, const StatTable& comparison, int year);

}  // namespace labsim::report
