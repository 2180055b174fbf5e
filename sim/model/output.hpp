// Research output stage: expected notable models from researchers — a part that every
// researcher-year brings and a part gated by the size of the largest training run against the
// year's reference run (docs/model.md, "Research output").
#pragma once

#include <span>

#include "labsim/scenario.hpp"

namespace labsim::model {

// The share of research effort whose largest run is large enough to be notable:
// σ(steepness · ln(largest_run / (threshold · frontier))). 0 without compute; 1 when the
// frontier is 0 and there is compute. Always in [0, 1].
double notable_share(double largest_run_flop, double frontier_flop, const ResearchOutput& p);

// The scale-gated part of notable_models(): researchers · productivity · share (0 without compute),
// the expected notable models trained with at least the year's reference run.
double large_models(double researchers, double share, const ResearchOutput& p);

// Expected notable models of one replica in a year from its researcher-years and notable share
// (notable_share()): researchers · (base_productivity + productivity · share) with any compute,
// 0 without (share 0 and `has_compute` false): a model is trained.
double notable_models(double researchers, double share, bool has_compute, const ResearchOutput& p);

// The universities' share of all notable models of a year, from each institution's total (over
// its replicas), in the order of `institutions`. Undefined (NaN) when no institution has any.
double academic_share(std::span<const double> notable_models, std::span<const Institution> institutions);

}  // namespace labsim::model
