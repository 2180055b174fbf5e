// The brief's fixed text. Every statement carries the condition under which it is true of what
// the run did (which charts were drawn, which stages and calibrations are active), so that the
// brief never promises a chart it did not draw or describes a model it did not run; a test checks
// each statement against its condition.
#pragma once

#include <string>
#include <vector>

#include "labsim/report.hpp"

namespace labsim::report {

struct Statement {
  const char* id = "";  // stable name, e.g. "summary.ranges"
  bool shown = false;   // its condition, evaluated on the run
  std::string text;     // empty when it is not shown
};

// The texts of the statements shown, in order.
std::vector<std::string> shown(const std::vector<Statement>& statements);

// The one-paragraph summary: what the brief projects and for whom (always); the baseline and the
// equal-cost comparison (when given); where the ranges come from (with -n and uncertain inputs)
// or why there are none (with -n and none); the headline chart; the appendix (with --appendix).
std::vector<Statement> summary_statements(const BriefInput& in);

// Page 2's limits: only those about parts of the model the scenario uses (universities, an
// industry lab, programs with no modelled provider, the calibrated or the scenario's choice model).
std::vector<Statement> limit_statements(const BriefInput& in);

// The appendix's method: F&A, earmarks, reserves or cuts, allocations, frontier developers, an
// assumed frontier, talent, sampling, the tornado and the equal-cost run, each when the run has it.
std::vector<Statement> method_statements(const BriefInput& in);

// "What matters most", in plain words: the three inputs that move the subject's compute per
// researcher in the last year most (the tornado of in.uncertainty, else in.drivers), each with the
// values at its 10th and 90th percentiles; a sentence saying why there is no ranking when the
// scenario has no uncertain inputs; "" without a subject or a tornado.
std::string drivers_text(const BriefInput& in);

}  // namespace labsim::report
