// Running a scenario.
#pragma once

#include <array>
#include <memory>
#include <stdexcept>

#include "labsim/scenario.hpp"
#include "labsim/trajectory.hpp"

namespace labsim {

// A model invariant failed (money not balanced, people not conserved, capacity exceeded):
// a defect in labsim, never the user's fault. The CLI reports it and exits with status 4.
class InvariantError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

// The engine's working memory (each institution's GPU cohorts and yearly state), kept between
// runs so that repeated runs (Monte Carlo, sweeps) allocate nothing. It holds no results: a run
// gives the same values with a fresh workspace or a used one, of any scenario.
//
// Allocation contract: after one run of a scenario shape (the same institutions, years and
// initial fleet sizes) with this workspace and the same `out` trajectory, later runs of that
// shape with them allocate nothing, whatever numbers the scenario holds (prices, MFU, grant
// amounts, rates). A run of a larger shape grows the storage once.
//
// A workspace serves one run at a time: use one per thread. Movable, not copyable; a moved-from
// workspace is empty and usable (its next run allocates again).
class EngineWorkspace {
 public:
  EngineWorkspace() noexcept;  // empty: the first run sizes it
  ~EngineWorkspace();
  EngineWorkspace(EngineWorkspace&&) noexcept;
  EngineWorkspace& operator=(EngineWorkspace&&) noexcept;

  struct State;  // defined by the engine

 private:
  std::unique_ptr<State> state_;
  friend void run_into(const Scenario&, Trajectory&, EngineWorkspace&);
};

// Scenarios a block of run_block runs at once.
inline constexpr int kBlockLanes = 8;

// The metrics a block records (true: recorded); see run_block.
using MetricSet = std::array<bool, kMetricCount>;

// The working memory of run_block (the same contract as EngineWorkspace, for blocks).
class BlockWorkspace {
 public:
  BlockWorkspace() noexcept;
  ~BlockWorkspace();
  BlockWorkspace(BlockWorkspace&&) noexcept;
  BlockWorkspace& operator=(BlockWorkspace&&) noexcept;

  struct State;  // defined by the engine

 private:
  std::unique_ptr<State> state_;
  friend void run_block(const std::array<const Scenario*, kBlockLanes>&, std::array<Trajectory*, kBlockLanes>&,
                        BlockWorkspace&, const MetricSet*);
};

// Projects every institution year by year from scenario.first_year to last_year. The scenario
// must come from the loader (validated). Deterministic: the same scenario gives the same values.
// Checks the invariants every year and throws InvariantError if one fails.
Trajectory run(const Scenario& scenario);

// The same, writing into `out`. When `out` already holds a run of a scenario of the same
// shape, its storage is reused; the engine's working memory is allocated afresh for each call
// (a few small vectors per institution, never inside the year loop).
void run_into(const Scenario& scenario, Trajectory& out);

// The same, with the working memory kept in `workspace`: repeated runs allocate nothing (see
// EngineWorkspace). After an InvariantError the workspace and `out` stay usable for new runs;
// the values `out` then holds are unspecified.
void run_into(const Scenario& scenario, Trajectory& out, EngineWorkspace& workspace);

// Runs kBlockLanes scenarios of the same structure at once — the same institutions, roles,
// funding streams, fleet cohorts, allocations, years and switches, differing only in numbers, as
// the samples of one Monte Carlo do — writing lane l's trajectory into *out[l]. Each trajectory
// has the same bits as run(*lanes[l]): the budget and talent stages, the catalog search, the
// recording and the checks run over all lanes at once (model/lanes.hpp), the other stages lane by
// lane. Throws InvariantError when any lane breaks an invariant (run() of that lane throws too,
// possibly naming another rule the lane also breaks).
// With `metrics`, only the metrics it holds are recorded (a Monte Carlo reads a few): the others
// keep whatever values the trajectories held (0 in a new one). Every invariant is still checked.
void run_block(const std::array<const Scenario*, kBlockLanes>& lanes, std::array<Trajectory*, kBlockLanes>& out,
               BlockWorkspace& workspace, const MetricSet* metrics = nullptr);

}  // namespace labsim
