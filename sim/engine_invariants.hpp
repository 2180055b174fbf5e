// Invariants the engine checks every year; a failure is a labsim defect (InvariantError).
#pragma once

#include <span>

#include "labsim/scenario.hpp"
#include "model/budget.hpp"
#include "model/fleet.hpp"
#include "model/lanes.hpp"
#include "model/talent.hpp"
#include "model/throughput.hpp"

namespace labsim {

// Money balances: revenue + carry-in + reserves drawn = personnel + capex + opex + cloud +
// indirect + carry-out + lapsed, and reserves at the end = reserves at the start − drawn ≥ 0.
// People are conserved per role: end = start + hires − departures − graduates − posts cut, none
// negative. Capacity is never exceeded: owned GPU-hours at most owned GPUs x 8,760, idle GPUs at
// most the owned ones, purchases within the compute envelope, the largest run within a whole
// year of the whole fleet and within its power cap. Totals are finite.
// Throws InvariantError naming the institution, the year and the broken invariant.
// For one run (R = double) or a block (R = model::Lanes): lane l is scenario *s[l], institution
// *inst[l], fleet[l] and tp[l]; the rules on money and people are checked over the lanes at once.
// Order: money, reserves and people first, each rule over every lane in lane order; then the
// fleet's and the largest run's rules, lane by lane. The error is the first failure in that order.
template <class R>
void check_year_invariants(const Scenario* const* s, const Institution* const* inst, int year,
                           const model::BudgetPlanT<R>& plan, const model::TalentYearT<R>& talent,
                           const model::FleetYear* fleet, const model::Throughput* tp,
                           const model::ClosingT<R>& closing);

// The frontier is at least every institution's largest run (`runs`, one replica each), so no
// frontier ratio exceeds 1. Throws InvariantError.
void check_frontier_invariants(const Scenario& s, int year, double frontier_flop, std::span<const double> runs);

}  // namespace labsim
