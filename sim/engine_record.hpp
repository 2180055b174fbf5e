// Writing one year of one institution into its trajectory (engine.cpp's year loop).
#pragma once

#include "labsim/engine.hpp"
#include "labsim/trajectory.hpp"
#include "model/budget.hpp"
#include "model/fleet.hpp"
#include "model/lanes.hpp"
#include "model/talent.hpp"
#include "model/throughput.hpp"

namespace labsim {

// Shapes `out` for `s`: its institutions, roles and years. Values are not cleared: the year loop
// writes every one (new storage is 0).
void prepare(const Scenario& s, Trajectory& out);

// The institution's own metrics of year `yi`, totals over its replicas; the frontier and research
// output, which need every institution's year, are the year loop's (record_frontier). For one run
// (R = double) or a block (R = model::Lanes): lane l's values go to *out[l], its fleet and
// throughput are fy[l] and tp[l]; `inst` gives the structure (roles, kind), out[l] the replicas
// (prepare() set them). With `wanted`, only its metrics are written.
template <class R>
void record(const Institution& inst, const model::BudgetPlanT<R>& plan, const model::TalentYearT<R>& ty,
            const model::FleetYear* fy, const model::Throughput* tp, const model::ClosingT<R>& closing, int yi,
            InstitutionSeries* const* out, const MetricSet* wanted = nullptr);

}  // namespace labsim
