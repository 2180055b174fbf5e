// The year loop allocates nothing: a run's allocation count does not grow with its length.
#include <catch2/catch.hpp>

#include <atomic>
#include <cstdlib>
#include <new>

#include "labsim/engine.hpp"
#include "labsim/loader.hpp"

namespace {
std::atomic<long> g_allocations{0};
}

// Counting replacements of the global allocation functions (this test binary only). Sanitizer
// builds keep their own allocator, and the test is skipped there.
#if !defined(__SANITIZE_ADDRESS__)
#define LABSIM_COUNT_ALLOCATIONS 1
void* operator new(std::size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  if (void* p = std::malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
#endif

namespace {

long allocations_of_run(const labsim::Scenario& s, labsim::Trajectory& reused) {
  long before = g_allocations.load();
  labsim::run_into(s, reused);
  return g_allocations.load() - before;
}

}  // namespace

TEST_CASE("a run's allocations do not depend on the number of years", "[engine][alloc]") {
#if !defined(LABSIM_COUNT_ALLOCATIONS)
  WARN("allocation counting is off in sanitizer builds");
  return;
#endif
  std::string path = std::string(LABSIM_SOURCE_DIR) + "/scenarios/compute-divide.yaml";
  labsim::Scenario short_run = labsim::load_scenario_file(path, {"scenario.years=2024-2030"});
  labsim::Scenario long_run = labsim::load_scenario_file(path, {"scenario.years=2024-2124"});
  labsim::Trajectory a, b;
  labsim::run_into(short_run, a);  // first runs size the trajectories
  labsim::run_into(long_run, b);
  long short_count = allocations_of_run(short_run, a);
  long long_count = allocations_of_run(long_run, b);
  // Only per-run working state is allocated (a few vectors per institution), never per year:
  // 7 years and 101 years cost the same number of allocations.
  CHECK(short_count == long_count);
  CHECK(short_count < 20);
}
