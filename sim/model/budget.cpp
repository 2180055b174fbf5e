#include "model/budget.hpp"

#include <algorithm>
#include <cmath>

#include "model/growth.hpp"

namespace labsim::model {

double stream_payment(const Stream& s, int year) {
  if (year < s.first_year || year > s.last_year) return 0;
  int k = year - s.first_year;
  if (s.per_year) return s.amount_usd * growth(s.growth_factor, k);
  if (!s.schedule.empty()) return s.amount_usd * s.schedule[static_cast<size_t>(k)];
  return s.amount_usd / (s.last_year - s.first_year + 1);
}

bool has_earmarks(const Institution& inst) {
  for (const Stream& st : inst.funding)
    if (st.purpose != Purpose::kAny) return true;
  return false;
}

template <class R, class I>
BudgetPlanT<R> plan_budget(const I& inst, int year, const std::type_identity_t<R>& carry_in_usd,
                           const std::type_identity_t<R>& carry_rate, const std::type_identity_t<R>& reserves_usd,
                           const EarmarkedT<std::type_identity_t<R>>& carried_only) {
  BudgetPlanT<R> p;
  p.only = carried_only;
  // Each dollar at rate r pays for 1 / (1 + r) dollars of direct cost and r / (1 + r) of F&A; the
  // pool's rate is the one at which the whole pool pays for the same direct cost as its parts
  // would separately: its F&A over its direct cost. Summing the F&A directly, rather than taking
  // available / direct - 1, keeps the digits of rates near 0 (the subtraction cancels them).
  // The rate lies between the lowest and highest rate of the money pooled; clamping to them keeps
  // rounding from putting it outside that range.
  R direct = carry_in_usd / (1 + carry_rate), indirect = carry_in_usd * carry_rate / (1 + carry_rate);
  const auto carried = carry_in_usd > R(0);
  R lowest = select(carried, carry_rate, R(INFINITY)), highest = select(carried, carry_rate, R(-INFINITY));
  for (std::size_t k = 0; k < shape(inst).funding.size(); ++k) {
    const R paid = value(inst, [&](const Institution& i) { return stream_payment(i.funding[k], year); });
    const R rate = value(inst, [&](const Institution& i) { return i.funding[k].indirect_rate; });
    p.revenue_usd = p.revenue_usd + paid;
    const Purpose purpose = shape(inst).funding[k].purpose;
    if (purpose == Purpose::kCompute) p.only.compute_usd = p.only.compute_usd + paid;
    if (purpose == Purpose::kPeople) p.only.people_usd = p.only.people_usd + paid;
    direct = direct + paid / (1 + rate);
    indirect = indirect + paid * rate / (1 + rate);
    const auto paying = paid > R(0);
    lowest = select(paying, min_of(lowest, rate), lowest);
    highest = select(paying, max_of(highest, rate), highest);
  }
  p.carry_in_usd = carry_in_usd;
  p.available_usd = p.revenue_usd + carry_in_usd;
  p.indirect_rate = select(direct > R(0), clamp_of(indirect / direct, lowest, highest), R(0));
  // The free money is split by the compute share; without earmarks it is all the money.
  const R free = p.available_usd - p.only.compute_usd - p.only.people_usd;
  p.compute_usd = free * value(inst, [](const Institution& i) { return i.spending.compute_share; }) + p.only.compute_usd;
  p.personnel_usd = p.available_usd - p.compute_usd;
  p.reserves_usd = reserves_usd;
  return p;
}

namespace {

// Gaps smaller than this share of the direct cost are rounding in the sums of costs, not money
// missing: cutting a GPU or a post for them would be wrong.
constexpr double kRoundingShare = 1e-12;

// A side short of money for its commitments takes what the other side's envelope leaves after the
// other side's own commitments. Commitments come before new spending on either side.
// Earmarked money (`from_only`) pays the lender's own commitments first and is never lent.
template <class R>
void lend(SideFundsT<R>& from, const CommitmentT<R>& from_committed, const R& from_only, SideFundsT<R>& to,
          const CommitmentT<R>& to_committed) {
  const R short_by = to_committed.cost_usd - to.funds_usd;
  const R spare = from.funds_usd - max_of(from_committed.cost_usd, from_only);
  const auto lends = !(short_by <= R(0) || spare <= R(0));
  const auto all = short_by <= spare;
  // All of the gap: exactly the commitments (a rounding remainder would look like a gap).
  to.funds_usd = select(lends, select(all, to_committed.cost_usd, to.funds_usd + spare), to.funds_usd);
  from.funds_usd = select(lends, select(all, from.funds_usd - short_by, from_committed.cost_usd), from.funds_usd);
}

}  // namespace

template <class R>
R unpaid_usd(const SideFundsT<R>& funds, const CommitmentT<R>& committed) {
  const R paid = committed.direct_usd * (funds.funds_usd / committed.cost_usd) + funds.reserves_usd;
  const R gap = committed.direct_usd - paid;
  return select(committed.cost_usd <= funds.funds_usd, R(0),
                select(gap > kRoundingShare * committed.direct_usd, gap, R(0)));
}

template <class R>
FundingT<R> fund_commitments(const BudgetPlanT<R>& plan, const CommitmentT<R>& personnel,
                             const CommitmentT<R>& compute) {
  FundingT<R> f{{plan.personnel_usd, 0}, {plan.compute_usd, 0}};
  lend(f.compute, compute, plan.only.compute_usd, f.personnel, personnel);
  lend(f.personnel, personnel, plan.only.people_usd, f.compute, compute);
  // Reserves pay the direct cost the funds cannot, in proportion to each side's gap when they
  // cannot pay both.
  const R gap_people = unpaid_usd(f.personnel, personnel), gap_compute = unpaid_usd(f.compute, compute);
  const R gaps = gap_people + gap_compute;
  const auto enough = gaps <= plan.reserves_usd;
  const R people_share = gap_people * (plan.reserves_usd / gaps);
  f.personnel.reserves_usd = select(enough, gap_people, people_share);
  // Shared: together, exactly the reserves.
  f.compute.reserves_usd = select(enough, gap_compute, plan.reserves_usd - people_share);
  return f;
}

template <class R>
SettlementT<R> settle(const SideFundsT<R>& funds, const CommitmentT<R>& kept) {
  SettlementT<R> s;
  const auto short_of_funds = !(kept.cost_usd <= funds.funds_usd);
  const R share = funds.funds_usd / kept.cost_usd;
  // Capped at what the side may draw: beyond it is the rounding a cut leaves (kRoundingShare of
  // what it cut), far below a cent, which the funds absorb at the closing.
  s.funded_share = select(short_of_funds, share, R(1));
  s.reserves_usd = select(short_of_funds, min_of(funds.reserves_usd, (1 - share) * kept.direct_usd), R(0));
  return s;
}

template <class R, class I>
ClosingT<R> close_year(const I& inst, const BudgetPlanT<R>& plan, const R& spent_usd, const R& reserves_drawn_usd) {
  // Reserves paid part of the spending; what is left of the funds is available minus what the
  // funds themselves paid. Below a cent, what is left is rounding dust from whole-GPU purchases
  // and hiring fills: it must not carry a pooled F&A rate into years that have no money.
  R left = plan.available_usd - (spent_usd - reserves_drawn_usd);
  left = select(left < R(kDustUsd), R(0), left);
  ClosingT<R> c;
  if (shape(inst).spending.carryover) c.carry_out_usd = left;
  else c.lapsed_usd = left;
  // Reserves below a cent are rounding of their shares, as with the funds.
  const R reserves_left = plan.reserves_usd - reserves_drawn_usd;
  c.reserves_usd = select(reserves_left < R(kDustUsd), R(0), reserves_left);
  return c;
}

template <class R>
EarmarkedT<R> earmarked_left(const BudgetPlanT<R>& plan, const R& compute_paid_usd, const R& people_paid_usd,
                             const ClosingT<R>& closing) {
  EarmarkedT<R> left;
  left.compute_usd = clamp_of(plan.only.compute_usd - compute_paid_usd, R(0), closing.carry_out_usd);
  left.people_usd = clamp_of(plan.only.people_usd - people_paid_usd, R(0), closing.carry_out_usd - left.compute_usd);
  return left;
}

// The two number types the engines use.
template BudgetPlanT<double> plan_budget<double>(const Institution&, int, const double&, const double&, const double&,
                                                 const EarmarkedT<double>&);
template BudgetPlanT<Lanes> plan_budget<Lanes>(const PerLane<Institution>&, int, const Lanes&, const Lanes&, const Lanes&,
                                               const EarmarkedT<Lanes>&);
template EarmarkedT<double> earmarked_left(const BudgetPlanT<double>&, const double&, const double&,
                                           const ClosingT<double>&);
template EarmarkedT<Lanes> earmarked_left(const BudgetPlanT<Lanes>&, const Lanes&, const Lanes&, const ClosingT<Lanes>&);
template double unpaid_usd(const SideFundsT<double>&, const CommitmentT<double>&);
template Lanes unpaid_usd(const SideFundsT<Lanes>&, const CommitmentT<Lanes>&);
template FundingT<double> fund_commitments(const BudgetPlanT<double>&, const CommitmentT<double>&,
                                           const CommitmentT<double>&);
template FundingT<Lanes> fund_commitments(const BudgetPlanT<Lanes>&, const CommitmentT<Lanes>&, const CommitmentT<Lanes>&);
template SettlementT<double> settle(const SideFundsT<double>&, const CommitmentT<double>&);
template SettlementT<Lanes> settle(const SideFundsT<Lanes>&, const CommitmentT<Lanes>&);
template ClosingT<double> close_year(const Institution&, const BudgetPlanT<double>&, const double&, const double&);
template ClosingT<Lanes> close_year(const PerLane<Institution>&, const BudgetPlanT<Lanes>&, const Lanes&, const Lanes&);

}  // namespace labsim::model
