// A Monte Carlo (or a sampled comparison) as the fixed chunks its statistics are summed in: what
// monte_carlo() and compare() run in one process, and a shard (shard.cpp) runs for a range of
// chunks on another machine. Chunk k holds samples [k kStatChunk, (k + 1) kStatChunk), whatever
// the thread count, block size or shard count. A cell's mean is summed within each chunk in
// sample order, and the chunks' sums are added to 0 in chunk order; the sketches merge exactly
// (integer counts, min and max). So any split of the chunks gives the same bytes.
#pragma once

#include <cstddef>
#include <functional>
#include <span>
#include <vector>

#include "explore/mc_worker.hpp"
#include "explore/sketch.hpp"
#include "explore/space.hpp"
#include "labsim/explore.hpp"

namespace labsim::explore {

inline constexpr std::size_t kStatChunk = 4096;

class McStudy {
 public:
  // Checks the options (InputError for too many samples, or a scenario without uncertain
  // inputs) and lays out the table: `header` is the result without its cells.
  McStudy(const std::vector<const Scenario*>& scenarios, const MonteCarloOptions& options,
          const std::vector<Metric>& metrics);
  McStudy(const McStudy&) = delete;
  McStudy& operator=(const McStudy&) = delete;

  const StatTable& header() const { return header_; }
  std::size_t cells() const { return cells_; }
  std::size_t chunks() const { return (options_.samples + kStatChunk - 1) / kStatChunk; }

  // Runs the samples of chunks [first, last) on options.threads workers; calls fold(k, sums)
  // for each chunk k in increasing order with its cells' sums of defined values (cells()
  // numbers), and returns each cell's sketch of every value of those chunks. Progress goes to
  // options.progress as (samples done in the range, samples in the range).
  std::vector<QuantileSketch> run(std::size_t first, std::size_t last,
                                  const std::function<void(std::size_t, std::span<const double>)>& fold) const;

  // The table from each cell's total (its chunk sums added to 0 in chunk order) and sketch.
  StatTable finish(std::span<const double> total, const std::vector<QuantileSketch>& sketches) const;

 private:
  std::vector<const Scenario*> scenarios_;
  const MonteCarloOptions& options_;
  std::vector<Metric> metrics_;
  InputSpace space_;
  Layout layout_;
  StatTable header_;
  std::size_t cells_ = 0;
};

// `header` with its cells: each cell's mean from its total (its chunk sums added to 0 in chunk
// order) over its defined values, its percentiles and defined count from its sketch.
StatTable finish_stats(StatTable header, std::span<const double> total, const std::vector<QuantileSketch>& sketches);

// The columns of a table of 1, 2 or 3 scenarios: "value"; baseline, policy, difference; and
// equal_cost, policy_vs_equal_cost for three.
std::vector<std::string> stat_columns(std::size_t scenarios);

}  // namespace labsim::explore
