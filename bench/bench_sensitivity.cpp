// Benchmarks: the Sobol analysis at the size the sensitivity command uses by default
// (dims = 10, n = 2^14 base rows, 1000 bootstrap resamples), on synthetic outputs.
// Run: build/labsim_bench --benchmark_filter=Sobol (Release build).
#include <benchmark/benchmark.h>

#include <cmath>
#include <cstddef>
#include <vector>

#include "explore/sensitivity.hpp"

namespace {

namespace ex = labsim::explore;

constexpr int kDims = 10;
constexpr std::size_t kN = std::size_t{1} << 14;

// Outputs of a G-function-like model over the Saltelli design, so every input carries some
// variance and the estimators see realistic magnitudes.
std::vector<double> synthetic_outputs() {
  const ex::Design d = ex::sobol_design(kDims, kN, 1);
  std::vector<double> y(d.rows());
  for (std::size_t i = 0; i < y.size(); ++i) {
    double v = 1;
    for (std::size_t j = 0; j < static_cast<std::size_t>(kDims); ++j)
      v *= (std::abs(4 * d.row(i)[j] - 2) + static_cast<double>(j)) / (1 + static_cast<double>(j));
    y[i] = v;
  }
  return y;
}

void BM_SobolDesign(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(ex::sobol_design(kDims, kN, 1).points.data());
}
BENCHMARK(BM_SobolDesign)->Unit(benchmark::kMillisecond);

void BM_SobolIndices(benchmark::State& state) {
  const std::vector<double> y = synthetic_outputs();
  for (auto _ : state) benchmark::DoNotOptimize(ex::sobol_indices(kDims, y, 1000, 7).data());
}
BENCHMARK(BM_SobolIndices)->Unit(benchmark::kMillisecond);

}  // namespace
