// One thread's share of a Monte Carlo over one scenario or a baseline-policy pair.
#pragma once

#include <array>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "explore/sampler.hpp"
#include "explore/sketch.hpp"
#include "explore/space.hpp"
#include "labsim/explore.hpp"
#include "labsim/trajectory.hpp"

namespace labsim::explore {

// The institutions of a result table (the first scenario's, then new ids of the next) and,
// per scenario, where each is in its trajectory (-1: absent).
struct Layout {
  std::vector<std::string> ids;
  std::vector<std::vector<int>> index;  // [scenario][institution]
};
Layout layout(const std::vector<const Scenario*>& scenarios);

// The columns of a table of 1, 2 or 3 scenarios: 1, 3 or 5 (sample_values).
size_t columns_of(size_t scenarios);

// The cell values of one sample, in table order (institution, metric, year, column): the value
// for one run; baseline, policy and policy - baseline for two; those, the equal-cost run and
// policy - equal cost for three. `out` must hold them all.
void sample_values(const std::vector<const Trajectory*>& runs, const Layout& l, const std::vector<Metric>& metrics,
                   int years, std::vector<double>& out);

// The sampler of a Sampling option.
SamplerKind sampler_kind(Sampling sampling);

class McWorker {
 public:
  McWorker(const std::vector<const Scenario*>& scenarios, const InputSpace& space, const Layout& layout,
           const std::vector<Metric>& metrics);
  McWorker(const McWorker&) = delete;
  McWorker& operator=(const McWorker&) = delete;

  size_t cells() const { return sketches_.size(); }

  // Runs samples [begin, end) (their points from `sampler`) for every scenario, `block` (1 to
  // kBlockLanes) at a time with run_block, and adds each cell value to the cell's sketch and, when
  // defined, to sums[cell], sample by sample in order. Allocates nothing, except when a sketch
  // widens its range (a few times per cell over a whole run).
  void sample(const Sampler& sampler, size_t begin, size_t end, double* sums, size_t block = kBlockLanes);

  const QuantileSketch& sketch(size_t cell) const { return sketches_[cell]; }

 private:
  const Layout& layout_;
  const std::vector<Metric>& metrics_;
  int years_;
  std::vector<std::unique_ptr<BlockEvaluator>> evaluators_;
  std::vector<const Trajectory*> runs_;
  std::vector<QuantileSketch> sketches_;
  std::array<std::vector<double>, kBlockLanes> u_;
  std::array<std::span<const double>, kBlockLanes> points_;
  std::vector<double> values_;
};

}  // namespace labsim::explore
