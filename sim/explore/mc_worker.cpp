// Monte Carlo per thread: layout of the result table and the per-sample path.
#include "explore/mc_worker.hpp"

#include <algorithm>

#include "labsim/explore.hpp"

namespace labsim::explore {

namespace {

double value_of(const Trajectory& t, int institution, Metric m, int year_index) {
  return institution < 0 ? kUndefined : t.institutions[static_cast<size_t>(institution)].at(year_index, m);
}

}  // namespace

size_t columns_of(size_t scenarios) { return scenarios == 1 ? 1 : scenarios == 2 ? 3 : 5; }

SamplerKind sampler_kind(Sampling s) {
  switch (s) {
    case Sampling::kLhs: return SamplerKind::kLhs;
    case Sampling::kSobol: return SamplerKind::kSobol;
    default: return SamplerKind::kRandom;
  }
}

Layout layout(const std::vector<const Scenario*>& scenarios) {
  Layout l;
  for (const Scenario* s : scenarios)
    for (const Institution& inst : s->institutions)
      if (std::find(l.ids.begin(), l.ids.end(), inst.id) == l.ids.end()) l.ids.push_back(inst.id);
  for (const Scenario* s : scenarios) {
    std::vector<int>& idx = l.index.emplace_back(l.ids.size(), -1);
    for (size_t i = 0; i < s->institutions.size(); ++i)
      idx[static_cast<size_t>(std::find(l.ids.begin(), l.ids.end(), s->institutions[i].id) - l.ids.begin())] =
          static_cast<int>(i);
  }
  return l;
}

void sample_values(const std::vector<const Trajectory*>& runs, const Layout& l, const std::vector<Metric>& metrics,
                   int years, std::vector<double>& out) {
  size_t k = 0;
  for (size_t i = 0; i < l.ids.size(); ++i)
    for (Metric m : metrics)
      for (int y = 0; y < years; ++y) {
        double a = value_of(*runs[0], l.index[0][i], m, y);
        out[k++] = a;
        if (runs.size() >= 2) {
          double b = value_of(*runs[1], l.index[1][i], m, y);
          out[k++] = b;
          out[k++] = is_defined(a) && is_defined(b) ? b - a : kUndefined;
          if (runs.size() == 3) {  // the equal-cost counterfactual, and the policy against it
            double c = value_of(*runs[2], l.index[2][i], m, y);
            out[k++] = c;
            out[k++] = is_defined(b) && is_defined(c) ? b - c : kUndefined;
          }
        }
      }
}

McWorker::McWorker(const std::vector<const Scenario*>& scenarios, const InputSpace& space, const Layout& layout,
                   const std::vector<Metric>& metrics)
    : layout_(layout), metrics_(metrics), years_(scenarios.front()->year_count()) {
  for (size_t s = 0; s < scenarios.size(); ++s) {
    evaluators_.push_back(std::make_unique<BlockEvaluator>(*scenarios[s], space, s));
    evaluators_.back()->record_only(metrics);
  }
  runs_.resize(scenarios.size());
  size_t columns = columns_of(scenarios.size());
  size_t cells = layout.ids.size() * metrics.size() * static_cast<size_t>(years_) * columns;
  sketches_.assign(cells, QuantileSketch(kQuantileAccuracy));
  for (size_t l = 0; l < kBlockLanes; ++l) {
    u_[l].resize(static_cast<size_t>(space.dims()));
    points_[l] = u_[l];
  }
  values_.resize(cells);
}

void McWorker::sample(const Sampler& sampler, size_t begin, size_t end, double* sums, size_t block) {
  block = std::clamp<size_t>(block, 1, kBlockLanes);
  for (size_t first = begin; first < end; first += block) {
    const size_t n = std::min(block, end - first);
    for (size_t l = 0; l < n; ++l) sampler.point(first + l, u_[l]);
    for (const auto& e : evaluators_) e->run(std::span<const std::span<const double>>(points_.data(), n));
    for (size_t l = 0; l < n; ++l) {
      for (size_t s = 0; s < evaluators_.size(); ++s) runs_[s] = &evaluators_[s]->trajectory(static_cast<int>(l));
      sample_values(runs_, layout_, metrics_, years_, values_);
      for (size_t c = 0; c < values_.size(); ++c) {
        double v = values_[c];
        sketches_[c].add(v);
        if (is_defined(v)) sums[c] += v;
      }
    }
  }
}

}  // namespace labsim::explore
