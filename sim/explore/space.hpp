// The uncertain inputs of one or more scenarios laid out on one unit cube, and a scenario made
// ready for many runs on one thread.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "io/bind.hpp"
#include "labsim/engine.hpp"
#include "labsim/scenario.hpp"
#include "labsim/trajectory.hpp"
#include "stats/distribution.hpp"

namespace labsim::explore {

// An input path shared by several scenarios gets one dimension, so they see the same draws
// (common random numbers). Dimensions follow the first scenario's file order, then new paths
// of the next scenarios.
class InputSpace {
 public:
  // Throws InputError (located at the distribution) when a distribution is invalid.
  explicit InputSpace(const std::vector<const Scenario*>& scenarios);

  int dims() const { return static_cast<int>(paths_.size()); }
  const std::vector<std::string>& paths() const { return paths_; }

  struct Input {
    int dim = 0;
    stats::Distribution distribution;
    const UncertainInput* source = nullptr;
  };
  // The uncertain inputs of scenario `s` (index into the constructor's list), in file order.
  const std::vector<Input>& inputs(size_t s) const { return inputs_[s]; }

 private:
  std::vector<std::string> paths_;
  std::vector<std::vector<Input>> inputs_;
};

// One scenario on one thread: a private copy with its uncertain inputs bound. Not copyable or
// movable (bound fields point into the copy).
class Evaluator {
 public:
  Evaluator(const Scenario& scenario, const InputSpace& space, size_t scenario_index);
  Evaluator(const Evaluator&) = delete;
  Evaluator& operator=(const Evaluator&) = delete;

  // Binds another input by key path (sweep, solve) and returns its handle. Its value, once set,
  // overrides a distribution on the same path. Throws InputError for an unknown path.
  int bind(std::string_view path);
  const io::Field& field(int handle) const { return extra_[static_cast<size_t>(handle)]; }
  void set(int handle, double written_value) { extra_values_[static_cast<size_t>(handle)] = written_value; }

  // Draws every uncertain input from the point u (InputSpace::dims() coordinates in (0, 1);
  // NaN: the input's nominal value), applies the bound inputs and runs. Allocates nothing after the first run.
  const Trajectory& run(std::span<const double> u);
  // The same with every uncertain input at its nominal value.
  const Trajectory& run_nominal();
  // Draws every uncertain input from u and applies the bound inputs, without running: the
  // scenario() is then the sample's (BlockEvaluator runs it with others).
  void draw(std::span<const double> u);
  // The same with every uncertain input at its nominal value.
  void draw_nominal();
  size_t bound_inputs() const { return extra_.size(); }
  double bound_value(int handle) const { return extra_values_[static_cast<size_t>(handle)]; }

  const Scenario& scenario() const { return scenario_; }

 private:
  void apply_extra();

  Scenario scenario_;
  const std::vector<InputSpace::Input>& inputs_;
  std::vector<io::Field> fields_;          // one per uncertain input
  std::vector<io::Field> extra_;
  std::vector<double> extra_values_;
  Trajectory trajectory_;
  EngineWorkspace workspace_;
};

// kBlockLanes samples of one scenario at once, on one thread: a bound copy of the scenario per
// lane (as an Evaluator keeps), run together by run_block. Not copyable or movable.
class BlockEvaluator {
 public:
  BlockEvaluator(const Scenario& scenario, const InputSpace& space, size_t scenario_index);
  BlockEvaluator(const BlockEvaluator&) = delete;
  BlockEvaluator& operator=(const BlockEvaluator&) = delete;

  // Runs the samples whose points are points[0 .. n), n in [1, kBlockLanes]; the lanes past n
  // run point n - 1 again (their results are not to be used). Lane l's trajectory is then
  // trajectory(l), the same bits as Evaluator::run(points[l]). Allocates nothing after the first
  // block.
  void run(std::span<const std::span<const double>> points);
  // The same with every uncertain input at its nominal value in `lanes` lanes (the others repeat
  // the last one), each lane with the values set() gave its bound inputs.
  void run_nominal(size_t lanes);
  // Binds another input by key path in every lane (as Evaluator::bind) and returns its handle;
  // set() gives it a value in one lane.
  int bind(std::string_view path);
  void set(size_t lane, int handle, double written_value) { lanes_[lane]->set(handle, written_value); }
  const Trajectory& trajectory(int lane) const { return trajectories_[static_cast<size_t>(lane)]; }
  // Records only these metrics from the next run on (run_block's `metrics`): the trajectories'
  // other values are then not to be read. By default every metric is recorded.
  void record_only(std::span<const Metric> metrics);

  // Blocks run by every BlockEvaluator of this process: lets tests check that the batch path ran.
  static std::uint64_t blocks_run();

 private:
  std::array<std::unique_ptr<Evaluator>, kBlockLanes> lanes_;
  std::array<Trajectory, kBlockLanes> trajectories_;
  BlockWorkspace workspace_;
  MetricSet recorded_{};
  bool record_all_ = true;
};

}  // namespace labsim::explore
