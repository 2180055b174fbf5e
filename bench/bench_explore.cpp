// Benchmarks of the explore commands on shipped scenarios (docs/performance.md).
#include <benchmark/benchmark.h>

#include "labsim/explore.hpp"
#include "labsim/loader.hpp"

namespace {

const std::string kDir = std::string(LABSIM_SOURCE_DIR) + "/scenarios/";

// Monte Carlo on compute-divide with its default tracked metrics; items = samples, so the
// report's items_per_second is samples per second. Arg: threads.
void BM_MonteCarlo(benchmark::State& state) {
  labsim::Scenario s = labsim::load_scenario_file(kDir + "compute-divide.yaml");
  labsim::MonteCarloOptions o;
  o.samples = 100000;
  o.threads = static_cast<int>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(labsim::monte_carlo(s, o));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(o.samples));
}
BENCHMARK(BM_MonteCarlo)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// Monte Carlo on uncertain-divide (ten uncertain inputs), one thread, by samples per call of the
// batch engine (MonteCarloOptions::block): the block-size curve. Arg: block.
void BM_MonteCarloBlock(benchmark::State& state) {
  labsim::Scenario s = labsim::load_scenario_file(kDir + "uncertain-divide.yaml");
  labsim::MonteCarloOptions o;
  o.samples = 50000;
  o.threads = 1;
  o.block = static_cast<int>(state.range(0));
  for (auto _ : state) benchmark::DoNotOptimize(labsim::monte_carlo(s, o));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(o.samples));
}
BENCHMARK(BM_MonteCarloBlock)->Arg(1)->Arg(2)->Arg(4)->Arg(8)->Unit(benchmark::kMillisecond)->UseRealTime();

// Sobol indices with 10 uncertain inputs (uncertain-divide) for the institute's H100-hours per
// researcher in 2030, N base samples: N x 12 runs plus 500 bootstrap resamples.
void sobol_ten_inputs(benchmark::State& state, std::size_t n, int threads) {
  labsim::Scenario s = labsim::load_scenario_file(kDir + "uncertain-divide.yaml");
  labsim::SensitivityOptions o;
  o.method = labsim::SensitivityMethod::kSobol;
  o.institution = "institute";
  o.year = 2030;
  o.samples = n;
  o.threads = threads;
  for (auto _ : state) benchmark::DoNotOptimize(labsim::sensitivity(s, o));
}

// N = 2^14 (196,608 runs). Arg: threads.
void BM_SobolTenInputs(benchmark::State& state) { sobol_ten_inputs(state, 1 << 14, static_cast<int>(state.range(0))); }
BENCHMARK(BM_SobolTenInputs)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

// N = 2^18 (3,145,728 runs), two threads.
void BM_SobolTenInputsLarge(benchmark::State& state) { sobol_ten_inputs(state, 1 << 18, 2); }
BENCHMARK(BM_SobolTenInputsLarge)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(1);

}  // namespace
