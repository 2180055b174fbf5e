// Loads a shipped scenario through the installed library and prints one number: the institute's
// revenue in 2024, $4 million of the NSF award plus $1 million of university money.
#include <cstdio>

#include "labsim/engine.hpp"
#include "labsim/loader.hpp"

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  const labsim::Scenario s = labsim::load_scenario_file(argv[1]);
  const labsim::Trajectory t = labsim::run(s);
  std::printf("%.0f\n", t.institutions.front().at(0, labsim::Metric::kBudgetRevenue));
  return 0;
}
