// Budget stage: revenue, the F&A (indirect) rate of the year's money, its split into a compute
// envelope and a personnel envelope, and how the two sides and the institution's reserves pay
// the commitments (docs/model.md, "Budget" and "Reserves and cuts").
#pragma once

#include <type_traits>

#include "labsim/scenario.hpp"
#include "model/lanes.hpp"

namespace labsim::model {

// Every type and function below is generic over the number type R (model/lanes.hpp): a double
// for one run, Lanes for a block of samples, with the institution's settings as an Institution or
// a PerLane<Institution>. The scalar names (BudgetPlan, ...) are the double versions.

// Money that only one side may spend (streams with `purpose: compute` or `people`, and what is
// left of it from earlier years) [USD, F&A included].
template <class R>
struct EarmarkedT {
  R compute_usd = 0;
  R people_usd = 0;
};
using Earmarked = EarmarkedT<double>;

template <class R>
struct BudgetPlanT {
  R revenue_usd = 0;     // paid in by all streams this year
  R carry_in_usd = 0;    // unspent money from last year
  R available_usd = 0;   // revenue + carry-in
  R indirect_rate = 0;   // F&A rate of this year's pooled money (universities)
  R compute_usd = 0;     // envelope for compute, F&A included
  R personnel_usd = 0;   // envelope for people, F&A included
  R reserves_usd = 0;    // the institution's reserves at the start of the year (outside the envelopes)
  // The earmarked parts of the two envelopes: spent only on their side, never lent to the other.
  EarmarkedT<R> only;
};
using BudgetPlan = BudgetPlanT<double>;

// What one stream pays in `year`: an even split of a total over its years (or its schedule),
// or a per-year amount grown by its growth factor since its first year. 0 outside its years.
double stream_payment(const Stream& stream, int year);

// The year's plan for one institution (one replica). `carry_rate` is the F&A rate of the
// carried-in money; `reserves_usd` (>= 0) the reserves left at the end of last year;
// `carried_only` the earmarked part of `carry_in_usd` (earmarked_left() of last year). Money of
// purpose `any` is split by spending.compute_share; earmarked money goes to its side whole.
template <class R, class I>
BudgetPlanT<R> plan_budget(const I& inst, int year, const std::type_identity_t<R>& carry_in_usd,
                           const std::type_identity_t<R>& carry_rate, const std::type_identity_t<R>& reserves_usd,
                           const EarmarkedT<std::type_identity_t<R>>& carried_only);
inline BudgetPlan plan_budget(const Institution& inst, int year, double carry_in_usd, double carry_rate,
                              double reserves_usd, const Earmarked& carried_only = {}) {
  return plan_budget<double, Institution>(inst, year, carry_in_usd, carry_rate, reserves_usd, carried_only);
}

// Whether any of the institution's streams is earmarked (the same in every lane).
bool has_earmarks(const Institution& inst);

// Cost of `direct_usd` of spending inside the F&A base, at `rate`.
inline double with_indirect(double direct_usd, double rate) { return direct_usd * (1 + rate); }

// What one side's commitments (the people who stay; running the fleet in service) cost this year.
template <class R>
struct CommitmentT {
  R cost_usd = 0;    // paid by the funds: F&A included on what is inside the F&A base
  R direct_usd = 0;  // F&A excluded: what reserves pay for the same (no F&A on them)
};
using Commitment = CommitmentT<double>;

// The money one side (people or compute) has this year.
template <class R>
struct SideFundsT {
  R funds_usd = 0;     // from the year's funds, F&A included: its envelope, plus what it takes from
                       // the other side's envelope for its commitments, less what it gives
  R reserves_usd = 0;  // the most it may draw from reserves, for its commitments only [USD, direct]
};
using SideFunds = SideFundsT<double>;

template <class R>
struct FundingT {
  SideFundsT<R> personnel;
  SideFundsT<R> compute;
};
using Funding = FundingT<double>;

// Who pays the two sides' commitments. Each side pays its own from its envelope; a side whose
// commitments exceed its envelope first takes what the other side's envelope leaves after that
// side's commitments and earmarked money (plan.only: a side's commitments are paid from its
// earmarked money first, and what is left of that is not lent), then draws on plan.reserves_usd for the direct cost its funds cannot pay;
// when reserves cannot pay both sides' gaps they are shared in proportion to the gaps.
template <class R>
FundingT<R> fund_commitments(const BudgetPlanT<R>& plan, const CommitmentT<R>& personnel,
                             const CommitmentT<R>& compute);
inline Funding fund_commitments(const BudgetPlan& plan, const Commitment& personnel, const Commitment& compute) {
  return fund_commitments<double>(plan, personnel, compute);
}

// The direct cost of `committed` that `funds` cannot pay, funds and reserves together: what the
// side must cut [USD, >= 0]. The funds pay the same share of every committed cost, so they pay
// funds_usd x direct / cost of direct cost.
template <class R>
R unpaid_usd(const SideFundsT<R>& funds, const CommitmentT<R>& committed);
inline double unpaid_usd(const SideFunds& funds, const Commitment& committed) {
  return unpaid_usd<double>(funds, committed);
}

// How a side pays the commitments it keeps (after any cuts): the share of each cost the funds
// pay, F&A included, and the direct cost reserves pay for the rest, at most funds.reserves_usd.
// Requires that funds and reserves pay `kept` (unpaid_usd(funds, kept) is 0, which leaves at
// most a rounding share of 1e-12 of a cut unpaid).
template <class R>
struct SettlementT {
  R funded_share = 1;  // min(1, funds / cost)
  R reserves_usd = 0;  // min((1 - funded_share) x direct, funds.reserves_usd)
};
using Settlement = SettlementT<double>;
template <class R>
SettlementT<R> settle(const SideFundsT<R>& funds, const CommitmentT<R>& kept);
inline Settlement settle(const SideFunds& funds, const Commitment& kept) { return settle<double>(funds, kept); }

// Leftovers below this are rounding, not money [USD].
inline constexpr double kDustUsd = 0.01;

// The year's closing: what was not spent carries over or lapses, and what is left of the
// reserves (amounts below kDustUsd are 0).
template <class R>
struct ClosingT {
  R carry_out_usd = 0;
  R lapsed_usd = 0;
  R reserves_usd = 0;  // reserves at the end of the year: the opening balance less what was drawn
};
using Closing = ClosingT<double>;
// `spent_usd` includes indirect costs; `reserves_drawn_usd` is the part of it reserves paid (so
// the funds paid the rest). Requires reserves_drawn_usd <= plan.reserves_usd.
template <class R, class I>
ClosingT<R> close_year(const I& inst, const BudgetPlanT<R>& plan, const R& spent_usd, const R& reserves_drawn_usd);
inline Closing close_year(const Institution& inst, const BudgetPlan& plan, double spent_usd, double reserves_drawn_usd) {
  return close_year<double, Institution>(inst, plan, spent_usd, reserves_drawn_usd);
}

// The earmarked money left at the end of the year, to carry into the next (0 when money lapses).
// A side spends its earmarked money before its share of the free money: it leaves its earmark
// less what its funds paid this year (`compute_paid_usd`, `people_paid_usd`: spending less what
// reserves paid), at least 0, and the two together at most closing.carry_out_usd.
template <class R>
EarmarkedT<R> earmarked_left(const BudgetPlanT<R>& plan, const R& compute_paid_usd, const R& people_paid_usd,
                             const ClosingT<R>& closing);
inline Earmarked earmarked_left(const BudgetPlan& plan, double compute_paid_usd, double people_paid_usd,
                                const Closing& closing) {
  return earmarked_left<double>(plan, compute_paid_usd, people_paid_usd, closing);
}

}  // namespace labsim::model
