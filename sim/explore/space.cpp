#include "explore/space.hpp"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <stdexcept>

#include "labsim/diagnostics.hpp"

namespace labsim::explore {

namespace {

// A problem with an uncertain input, at its distribution.
Diagnostic located(const UncertainInput& in, std::string message) {
  Diagnostic d;
  d.path = in.path;
  d.message = std::move(message);
  if (in.location.known()) {
    d.file = in.location.file;
    d.line = in.location.line;
    d.column = in.location.column;
  }
  return d;
}

}  // namespace

InputSpace::InputSpace(const std::vector<const Scenario*>& scenarios) {
  std::vector<Diagnostic> problems;
  for (const Scenario* s : scenarios) {
    std::vector<Input>& list = inputs_.emplace_back();
    for (const UncertainInput& in : s->uncertain) {
      auto at = std::find(paths_.begin(), paths_.end(), in.path);
      int dim = static_cast<int>(at - paths_.begin());
      if (at == paths_.end()) paths_.push_back(in.path);
      try {
        list.push_back(Input{dim, stats::Distribution(in.spec), &in});
      } catch (const std::invalid_argument& e) {
        problems.push_back(located(in, e.what()));
      }
    }
  }
  if (!problems.empty()) throw InputError(std::move(problems));
}

Evaluator::Evaluator(const Scenario& scenario, const InputSpace& space, size_t scenario_index)
    : scenario_(scenario), inputs_(space.inputs(scenario_index)) {
  for (const InputSpace::Input& in : inputs_) fields_.push_back(io::bind_field(scenario_, in.source->path));
}

int Evaluator::bind(std::string_view path) {
  extra_.push_back(io::bind_field(scenario_, path));
  extra_values_.push_back(io::get_field(extra_.back()));
  return static_cast<int>(extra_.size()) - 1;
}

void Evaluator::apply_extra() {
  for (size_t k = 0; k < extra_.size(); ++k) io::set_field(extra_[k], extra_values_[k]);
}

void Evaluator::draw(std::span<const double> u) {
  for (size_t k = 0; k < fields_.size(); ++k) {
    double uk = u[static_cast<size_t>(inputs_[k].dim)];
    const stats::Distribution& d = inputs_[k].distribution;
    io::set_field(fields_[k], std::isnan(uk) ? d.nominal() : d.quantile(uk));
  }
  apply_extra();
}

const Trajectory& Evaluator::run(std::span<const double> u) {
  draw(u);
  run_into(scenario_, trajectory_, workspace_);
  return trajectory_;
}

namespace {
std::atomic<std::uint64_t> g_blocks_run{0};
}  // namespace

BlockEvaluator::BlockEvaluator(const Scenario& scenario, const InputSpace& space, size_t scenario_index) {
  for (auto& lane : lanes_) lane = std::make_unique<Evaluator>(scenario, space, scenario_index);
}

void BlockEvaluator::run(std::span<const std::span<const double>> points) {
  std::array<const Scenario*, kBlockLanes> in{};
  std::array<Trajectory*, kBlockLanes> out{};
  for (size_t l = 0; l < kBlockLanes; ++l) {
    lanes_[l]->draw(points[std::min(l, points.size() - 1)]);
    in[l] = &lanes_[l]->scenario();
    out[l] = &trajectories_[l];
  }
  run_block(in, out, workspace_, record_all_ ? nullptr : &recorded_);
  g_blocks_run.fetch_add(1, std::memory_order_relaxed);
}

void BlockEvaluator::record_only(std::span<const Metric> metrics) {
  recorded_.fill(false);
  for (Metric m : metrics) recorded_[static_cast<size_t>(m)] = true;
  record_all_ = false;
}

int BlockEvaluator::bind(std::string_view path) {
  int handle = 0;
  for (auto& lane : lanes_) handle = lane->bind(path);
  return handle;
}

void BlockEvaluator::run_nominal(size_t lanes) {
  std::array<const Scenario*, kBlockLanes> in{};
  std::array<Trajectory*, kBlockLanes> out{};
  for (size_t l = 0; l < kBlockLanes; ++l) {
    const size_t from = std::min(l, lanes - 1);
    if (l >= lanes)  // a spare lane repeats the last one's bound values
      for (size_t k = 0; k < lanes_[from]->bound_inputs(); ++k)
        lanes_[l]->set(static_cast<int>(k), lanes_[from]->bound_value(static_cast<int>(k)));
    lanes_[l]->draw_nominal();
    in[l] = &lanes_[l]->scenario();
    out[l] = &trajectories_[l];
  }
  run_block(in, out, workspace_, record_all_ ? nullptr : &recorded_);
  g_blocks_run.fetch_add(1, std::memory_order_relaxed);
}

std::uint64_t BlockEvaluator::blocks_run() { return g_blocks_run.load(); }

void Evaluator::draw_nominal() {
  for (size_t k = 0; k < fields_.size(); ++k) io::set_field(fields_[k], inputs_[k].distribution.nominal());
  apply_extra();
}

const Trajectory& Evaluator::run_nominal() {
  draw_nominal();
  run_into(scenario_, trajectory_, workspace_);
  return trajectory_;
}

}  // namespace labsim::explore
