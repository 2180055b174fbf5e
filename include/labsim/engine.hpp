// Running a scenario.
#pragma once

#include <stdexcept>

#include "labsim/scenario.hpp"
#include "labsim/trajectory.hpp"

namespace labsim {

// A model invariant failed (money not balanced, people not conserved, capacity exceeded):
// a defect in labsim, never the user's fault. The CLI reports it and exits with status 4.
class InvariantError : public std::logic_error {
 public:
  using std::logic_error::logic_error;
};

// Projects every institution year by year from scenario.first_year to last_year. The scenario
// must come from the loader (validated). Deterministic: the same scenario gives the same values.
// Checks the invariants every year and throws InvariantError if one fails.
Trajectory run(const Scenario& scenario);

// The same, writing into `out`. When `out` already holds a run of a scenario of the same
// shape, its storage is reused: repeated runs (Monte Carlo, sweeps) then allocate only the
// engine's per-run working state, never inside the year loop.
void run_into(const Scenario& scenario, Trajectory& out);

}  // namespace labsim
