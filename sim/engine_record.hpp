// Writing one year of one institution into its trajectory (engine.cpp's year loop), and lane l of
// the generic stages' results as the scalar types the recorder and the invariants take.
#pragma once

#include "labsim/trajectory.hpp"
#include "model/budget.hpp"
#include "model/fleet.hpp"
#include "model/lanes.hpp"
#include "model/talent.hpp"
#include "model/throughput.hpp"

namespace labsim {

// Empties `out` and shapes it for `s`: its institutions, roles and years, every value 0.
void prepare(const Scenario& s, Trajectory& out);

// The institution's own metrics of year `yi`, totals over its replicas; the frontier and research
// output, which need every institution's year, are the year loop's (record_frontier). For one run
// (R = double) or a block (R = model::Lanes): lane l's values go to *out[l], its fleet and
// throughput are fy[l] and tp[l]; `inst` gives the structure (roles, kind), out[l] the replicas
// (prepare() set them).
template <class R>
void record(const Institution& inst, const model::BudgetPlanT<R>& plan, const model::TalentYearT<R>& ty,
            const model::FleetYear* fy, const model::Throughput* tp, const model::ClosingT<R>& closing, int yi,
            InstitutionSeries* const* out);

// Lane l of a stage's result (the result itself for one run).
model::BudgetPlan lane_of(const model::BudgetPlanT<double>& p, int l);
model::BudgetPlan lane_of(const model::BudgetPlanT<model::Lanes>& p, int l);
model::Closing lane_of(const model::ClosingT<double>& c, int l);
model::Closing lane_of(const model::ClosingT<model::Lanes>& c, int l);
// `groups`: the institution's people entries (the rest of the arrays are 0).
model::TalentYear lane_of(const model::TalentYearT<double>& y, int l, size_t groups);
model::TalentYear lane_of(const model::TalentYearT<model::Lanes>& y, int l, size_t groups);

}  // namespace labsim
