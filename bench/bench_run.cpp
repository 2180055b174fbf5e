// Benchmarks: loading and running the shipped default scenario.
// Run: build/labsim_bench (Release build). Figures are reported in docs/performance.md.
#include <benchmark/benchmark.h>

#include <array>

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

// Eight runs of the default scenario as one block (run_block), per run.
void BM_RunBlock(benchmark::State& state) {
  labsim::Scenario s = labsim::load_scenario_file(kScenario);
  std::array<const labsim::Scenario*, labsim::kBlockLanes> in{};
  std::array<labsim::Trajectory, labsim::kBlockLanes> outs;
  std::array<labsim::Trajectory*, labsim::kBlockLanes> out{};
  for (int l = 0; l < labsim::kBlockLanes; ++l) in[static_cast<size_t>(l)] = &s, out[static_cast<size_t>(l)] = &outs[static_cast<size_t>(l)];
  labsim::BlockWorkspace ws;
  for (auto _ : state) labsim::run_block(in, out, ws);
  state.SetItemsProcessed(state.iterations() * labsim::kBlockLanes);
}
BENCHMARK(BM_RunBlock)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
