// Research output stage: expected notable models from researchers — a part that every
// researcher-year brings and a part gated by the size of the largest training run against the
// year's reference run (docs/model.md, "Research output").
#pragma once

#include <cmath>
#include <span>

#include "labsim/scenario.hpp"
#include "model/lanes.hpp"

namespace labsim::model {

// The share of research effort whose largest run is large enough to be notable:
// σ(steepness · ln(largest_run / (threshold · frontier))). 0 without compute; 1 when the
// frontier is 0 and there is compute. Always in [0, 1].
// Generic over the number type (model/lanes.hpp): a double, or a pack of lanes.
template <Number R>
R notable_share(const R& largest_run_flop, const R& frontier_flop, const ResearchOutput& p) {
  using std::exp, std::log, std::fabs;
  // σ(k ln r), written with logs so that no power overflows, and with e = exp(-|x|) for both
  // signs of x: 1 / (1 + e) at x >= 0, e / (1 + e) below.
  const R x = p.steepness * (log(largest_run_flop) - log(p.threshold * frontier_flop));
  const R e = exp(-abs_of(x));
  const R sigma = select(x >= R(0), R(1) / (R(1) + e), e / (R(1) + e));
  return select(!(largest_run_flop > R(0)), R(0), select(!(frontier_flop > R(0)), R(1), sigma));
}
inline double notable_share(double largest_run_flop, double frontier_flop, const ResearchOutput& p) {
  return notable_share<double>(largest_run_flop, frontier_flop, p);
}

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
