// Budget stage: revenue, the F&A (indirect) rate of the year's money, and its split into a
// compute envelope and a personnel envelope (docs/model.md, "Budget").
#pragma once

#include "labsim/scenario.hpp"

namespace labsim::model {

struct BudgetPlan {
  double revenue_usd = 0;     // paid in by all streams this year
  double carry_in_usd = 0;    // unspent money from last year
  double available_usd = 0;   // revenue + carry-in
  double indirect_rate = 0;   // F&A rate of this year's pooled money (universities)
  double compute_usd = 0;     // envelope for compute, F&A included
  double personnel_usd = 0;   // envelope for people, F&A included
};

// What one stream pays in `year`: an even split of a total over its years (or its schedule),
// or a per-year amount grown by its growth factor since its first year. 0 outside its years.
double stream_payment(const Stream& stream, int year);

// The year's plan for one institution (one replica). `carry_rate` is the F&A rate of the
// carried-in money.
BudgetPlan plan_budget(const Institution& inst, int year, double carry_in_usd, double carry_rate);

// Cost of `direct_usd` of spending inside the F&A base, at `rate`.
inline double with_indirect(double direct_usd, double rate) { return direct_usd * (1 + rate); }

// Leftovers below this are rounding, not money [USD].
inline constexpr double kDustUsd = 0.01;

// The year's closing: what was not spent carries over or lapses (amounts below kDustUsd are 0).
struct Closing {
  double carry_out_usd = 0;
  double lapsed_usd = 0;
};
// `spent_usd` includes indirect costs; `shortfall_usd` is commitments paid beyond the envelopes
// (covered by the institution's reserves, so it never makes the balance negative).
Closing close_year(const Institution& inst, const BudgetPlan& plan, double spent_usd, double shortfall_usd);

}  // namespace labsim::model
