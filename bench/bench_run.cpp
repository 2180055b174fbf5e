// Benchmarks: loading and running the shipped default scenario.
// Run: build/labsim_bench (Release build). Figures are reported in docs/performance.md.
#include <benchmark/benchmark.h>

#include "labsim/engine.hpp"
#include "labsim/loader.hpp"

namespace {

const std::string kScenario = std::string(LABSIM_SOURCE_DIR) + "/scenarios/compute-divide.yaml";

void BM_LoadScenario(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(labsim::load_scenario_file(kScenario));
}
BENCHMARK(BM_LoadScenario)->Unit(benchmark::kMicrosecond);

void BM_RunEngine(benchmark::State& state) {
  labsim::Scenario s = labsim::load_scenario_file(kScenario);
  labsim::Trajectory t;
  for (auto _ : state) {
    labsim::run_into(s, t);
    benchmark::DoNotOptimize(t.institutions.data());
  }
}
BENCHMARK(BM_RunEngine)->Unit(benchmark::kMicrosecond);

// Repeated runs as Monte Carlo makes them: the trajectory and the engine's workspace are reused,
// so no run allocates.
void BM_RunEngineWorkspace(benchmark::State& state) {
  labsim::Scenario s = labsim::load_scenario_file(kScenario);
  labsim::Trajectory t;
  labsim::EngineWorkspace workspace;
  for (auto _ : state) {
    labsim::run_into(s, t, workspace);
    benchmark::DoNotOptimize(t.institutions.data());
  }
}
BENCHMARK(BM_RunEngineWorkspace)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
