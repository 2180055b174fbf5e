// The year loop allocates nothing: a run's allocation count does not grow with its length, and
// repeated runs with an EngineWorkspace allocate nothing at all.
#include <catch2/catch.hpp>

#include "skip.hpp"

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <new>
#include <string>
#include <vector>

#include "explore/mc_worker.hpp"
#include "labsim/engine.hpp"
#include "labsim/explore.hpp"
#include "labsim/loader.hpp"

namespace {
std::atomic<long> g_allocations{0};
std::atomic<long> g_bytes{0};
}

// Counting replacements of the global allocation functions (this test binary only). Sanitizer
// builds keep their own allocator, and the test is skipped there (gcc says so with
// __SANITIZE_ADDRESS__, clang with __has_feature).
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LABSIM_ASAN 1
#endif
#endif
#if !defined(__SANITIZE_ADDRESS__) && !defined(LABSIM_ASAN)
#define LABSIM_COUNT_ALLOCATIONS 1
void* operator new(std::size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  g_bytes.fetch_add(static_cast<long>(n), std::memory_order_relaxed);
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
#endif

namespace {

struct Allocated {
  long count = 0;
  long bytes = 0;
};

template <class F>
Allocated allocations_of(F&& f) {
  long count = g_allocations.load(), bytes = g_bytes.load();
  f();
  return {g_allocations.load() - count, g_bytes.load() - bytes};
}

long allocations_of_run(const labsim::Scenario& s, labsim::Trajectory& reused) {
  return allocations_of([&] { labsim::run_into(s, reused); }).count;
}

// Equal bit for bit (undefined values are NaN, which == never matches).
bool same_bits(const std::vector<double>& a, const std::vector<double>& b) {
  return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
}

const std::string kDefault = std::string(LABSIM_SOURCE_DIR) + "/scenarios/compute-divide.yaml";

}  // namespace

TEST_CASE("a run's allocations do not depend on the number of years", "[engine][alloc]") {
#if !defined(LABSIM_COUNT_ALLOCATIONS)
  LABSIM_SKIP("allocation counting is off in sanitizer builds");
#endif
  labsim::Scenario short_run = labsim::load_scenario_file(kDefault, {"scenario.years=2024-2030"});
  labsim::Scenario long_run = labsim::load_scenario_file(kDefault, {"scenario.years=2024-2124"});
  labsim::Trajectory a, b;
  labsim::run_into(short_run, a);  // first runs size the trajectories
  labsim::run_into(long_run, b);
  long short_count = allocations_of_run(short_run, a);
  long long_count = allocations_of_run(long_run, b);
  // Without a workspace only per-run working state is allocated (a few vectors per
  // institution), never per year: 7 years and 101 years cost the same number of allocations.
  CHECK(short_count == long_count);
  CHECK(short_count < 20);
}

TEST_CASE("the second and third runs with a workspace allocate nothing", "[engine][alloc]") {
#if !defined(LABSIM_COUNT_ALLOCATIONS)
  LABSIM_SKIP("allocation counting is off in sanitizer builds");
#endif
  // Every shipped scenario: national resources, replicas, cloud and owned fleets.
  for (const auto& entry : std::filesystem::directory_iterator(LABSIM_SOURCE_DIR "/scenarios")) {
    if (entry.path().extension() != ".yaml") continue;
    INFO(entry.path().string());
    labsim::Scenario s = labsim::load_scenario_file(entry.path().string());
    labsim::Trajectory t;
    labsim::EngineWorkspace workspace;
    Allocated first = allocations_of([&] { labsim::run_into(s, t, workspace); });
    CHECK(first.count > 0);  // the first run sizes the workspace and the trajectory
    for (int run = 2; run <= 3; ++run) {
      INFO("run " << run);
      Allocated again = allocations_of([&] { labsim::run_into(s, t, workspace); });
      CHECK(again.count == 0);
      CHECK(again.bytes == 0);
    }
  }
}

TEST_CASE("runs with a workspace allocate nothing when the scenario's numbers change", "[engine][alloc]") {
#if !defined(LABSIM_COUNT_ALLOCATIONS)
  LABSIM_SKIP("allocation counting is off in sanitizer builds");
#endif
  labsim::Scenario s = labsim::load_scenario_file(kDefault);
  labsim::Trajectory t;
  labsim::EngineWorkspace workspace;
  labsim::run_into(s, t, workspace);
  const labsim::Trajectory first = t;
  const int h100 = s.catalog.find("H100-SXM");
  REQUIRE(h100 >= 0);
  REQUIRE(s.catalog.parts[static_cast<size_t>(h100)].price_usd);
  // What a Monte Carlo draw changes between runs: numbers, never the scenario's shape.
  labsim::Institution& institute = s.institutions[0];
  institute.operations.mfu = 0.30;
  institute.funding[0].amount_usd *= 2;
  s.catalog.parts[static_cast<size_t>(h100)].price_usd->points[0].second = 25000;
  s.economy.electricity_usd_per_kwh = 0.12;
  s.economy.inflation_rate = 0.04;
  s.market.frontier_training_flop = labsim::Series{{{2024, 1e25}}, 3};
  s.institutions[1].spending.compute_share = 0.5;
  for (int run = 2; run <= 3; ++run) {
    INFO("run " << run);
    Allocated again = allocations_of([&] { labsim::run_into(s, t, workspace); });
    CHECK(again.count == 0);
    CHECK(again.bytes == 0);
  }
  // The changes took effect, and the reused workspace gives the values of a fresh run.
  CHECK(t.institutions[0].values != first.institutions[0].values);
  CHECK(t.institutions[1].values != first.institutions[1].values);
  labsim::Trajectory fresh = labsim::run(s);
  for (size_t i = 0; i < t.institutions.size(); ++i)
    CHECK(same_bits(t.institutions[i].values, fresh.institutions[i].values));
}

TEST_CASE("the Monte Carlo per-sample path allocates nothing", "[alloc][explore]") {
#ifndef LABSIM_COUNT_ALLOCATIONS
  SUCCEED("allocation counting is off in sanitizer builds");
#else
  // One sample: a sampler point, the draws set into the scenario, the engine run, and the cell
  // values added to the sketches and sums (explore::McWorker::sample, the loop of `labsim mc`),
  // for one scenario and for a baseline-policy pair (compare).
  labsim::Scenario base = labsim::load_scenario_file(kDefault);
  labsim::Scenario policy = labsim::load_scenario_file(std::string(LABSIM_SOURCE_DIR) + "/scenarios/nairr.yaml");
  for (const std::vector<const labsim::Scenario*>& scenarios :
       {std::vector<const labsim::Scenario*>{&base}, std::vector<const labsim::Scenario*>{&base, &policy}}) {
    INFO(scenarios.size() << " scenario(s)");
    labsim::explore::InputSpace space(scenarios);
    labsim::explore::Layout layout = labsim::explore::layout(scenarios);
    const std::vector<labsim::Metric>& metrics = labsim::default_tracked_metrics();
    labsim::explore::McWorker worker(scenarios, space, layout, metrics);
    labsim::explore::Sampler sampler(labsim::explore::SamplerKind::kRandom, 3, 6000, space.dims());
    std::vector<double> sums(worker.cells(), 0.0);
    // Warm-up: the sketches widen to the range of the values. They widen whenever a value falls
    // outside the range seen so far, however late (a difference of 1.6e-7 people between baseline
    // and policy first appears in sample 5,942), so the warm-up sees every sample measured after.
    worker.sample(sampler, 0, 6000, sums.data());
    Allocated steady = allocations_of([&] {
      worker.sample(sampler, 0, 3000, sums.data());
    });
    CHECK(steady.count == 0);
    CHECK(steady.bytes == 0);
  }
#endif
}
