// Benchmarks: the per-sample numeric kernels of Monte Carlo (sim/explore): an input's quantile,
// a point of the unit cube, and adding an output to a quantile sketch.
// Run: build/labsim_bench --benchmark_filter=Explore (Release build).
#include <benchmark/benchmark.h>

#include <cstddef>
#include <span>
#include <vector>

#include "explore/sampler.hpp"
#include "explore/sketch.hpp"
#include "stats/distribution.hpp"

namespace {

using labsim::explore::QuantileSketch;
using labsim::explore::Sampler;
using labsim::explore::SamplerKind;
using labsim::stats::DistKind;
using labsim::stats::Distribution;
using labsim::stats::DistSpec;

// Quantiles at 1024 points spread over (0, 1), visited in turn.
void quantiles(benchmark::State& state, DistKind kind, std::vector<double> params) {
  DistSpec spec;
  spec.kind = kind;
  spec.params = std::move(params);
  const Distribution d(spec);
  std::size_t k = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(d.quantile((static_cast<double>(k) + 0.5) / 1024));
    k = (k + 1) & 1023;
  }
}
void BM_ExploreQuantileNormal(benchmark::State& state) { quantiles(state, DistKind::kNormal, {0.35, 0.05}); }
void BM_ExploreQuantilePert(benchmark::State& state) { quantiles(state, DistKind::kPert, {10, 12, 20}); }
BENCHMARK(BM_ExploreQuantileNormal);
BENCHMARK(BM_ExploreQuantilePert);

// PERT quantiles at 4096 random points of (0, 1), as Monte Carlo asks for them: the table's
// nodes are visited out of order. (A u within 2^-17 of 0 or 1, one in 65,536, calls Boost.)
void BM_ExploreQuantilePertRandom(benchmark::State& state) {
  DistSpec spec;
  spec.kind = DistKind::kPert;
  spec.params = {10, 12, 20};
  const Distribution d(spec);
  const Sampler sampler(SamplerKind::kRandom, 7, 4096, 1);
  std::vector<double> u(4096);
  for (std::size_t i = 0; i < u.size(); ++i) sampler.point(i, std::span<double>(&u[i], 1));
  std::size_t k = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(d.quantile(u[k]));
    k = (k + 1) & 4095;
  }
}
BENCHMARK(BM_ExploreQuantilePertRandom);

// Building a PERT input, which tabulates its quantile.
void BM_ExplorePertConstruct(benchmark::State& state) {
  DistSpec spec;
  spec.kind = DistKind::kPert;
  spec.params = {10, 12, 20};
  for (auto _ : state) benchmark::DoNotOptimize(Distribution(spec).nominal());
}
BENCHMARK(BM_ExplorePertConstruct)->Unit(benchmark::kMillisecond);

// Point i of a 10-input design of a million points, i stepping through the design.
void points(benchmark::State& state, SamplerKind kind) {
  const std::size_t n = 1'000'000;
  const Sampler sampler(kind, 42, n, 10);
  double u[10];
  std::size_t i = 0;
  for (auto _ : state) {
    sampler.point(i, u);
    benchmark::DoNotOptimize(u);
    i = (i + 7919) % n;
  }
}
void BM_ExplorePointRandom(benchmark::State& state) { points(state, SamplerKind::kRandom); }
void BM_ExplorePointLhs(benchmark::State& state) { points(state, SamplerKind::kLhs); }
void BM_ExplorePointSobol(benchmark::State& state) { points(state, SamplerKind::kSobol); }
BENCHMARK(BM_ExplorePointRandom);
BENCHMARK(BM_ExplorePointLhs);
BENCHMARK(BM_ExplorePointSobol);

// Adding lognormal-like outputs spanning six decades to a warmed-up sketch.
void BM_ExploreSketchAdd(benchmark::State& state) {
  std::vector<double> values(4096);
  double v = 1e3;
  for (double& x : values) x = v = v * 1.0037 > 1e9 ? 1e3 : v * 1.0037;
  QuantileSketch sketch;
  for (double x : values) sketch.add(x);
  std::size_t k = 0;
  for (auto _ : state) {
    sketch.add(values[k]);
    k = (k + 1) & 4095;
  }
  benchmark::DoNotOptimize(sketch.count());
}
BENCHMARK(BM_ExploreSketchAdd);

}  // namespace
