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

BudgetPlan plan_budget(const Institution& inst, int year, double carry_in_usd, double carry_rate,
                       double reserves_usd) {
  BudgetPlan p;
  // Each dollar at rate r pays for 1 / (1 + r) dollars of direct cost and r / (1 + r) of F&A; the
  // pool's rate is the one at which the whole pool pays for the same direct cost as its parts
  // would separately: its F&A over its direct cost. Summing the F&A directly, rather than taking
  // available / direct - 1, keeps the digits of rates near 0 (the subtraction cancels them).
  // The rate lies between the lowest and highest rate of the money pooled; clamping to them keeps
  // rounding from putting it outside that range.
  double direct = carry_in_usd / (1 + carry_rate), indirect = carry_in_usd * carry_rate / (1 + carry_rate);
  double lowest = carry_in_usd > 0 ? carry_rate : INFINITY, highest = carry_in_usd > 0 ? carry_rate : -INFINITY;
  for (const Stream& s : inst.funding) {
    double paid = stream_payment(s, year);
    p.revenue_usd += paid;
    direct += paid / (1 + s.indirect_rate);
    indirect += paid * s.indirect_rate / (1 + s.indirect_rate);
    if (paid > 0) {
      lowest = std::min(lowest, s.indirect_rate);
      highest = std::max(highest, s.indirect_rate);
    }
  }
  p.carry_in_usd = carry_in_usd;
  p.available_usd = p.revenue_usd + carry_in_usd;
  p.indirect_rate = direct > 0 ? std::clamp(indirect / direct, lowest, highest) : 0;
  p.compute_usd = p.available_usd * inst.spending.compute_share;
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
void lend(SideFunds& from, const Commitment& from_committed, SideFunds& to, const Commitment& to_committed) {
  double short_by = to_committed.cost_usd - to.funds_usd;
  double spare = from.funds_usd - from_committed.cost_usd;
  if (short_by <= 0 || spare <= 0) return;
  if (short_by <= spare) {
    to.funds_usd = to_committed.cost_usd;  // exactly: a rounding remainder would look like a gap
    from.funds_usd -= short_by;
  } else {
    to.funds_usd += spare;
    from.funds_usd = from_committed.cost_usd;
  }
}

}  // namespace

double unpaid_usd(const SideFunds& funds, const Commitment& committed) {
  if (committed.cost_usd <= funds.funds_usd) return 0;
  double paid = committed.direct_usd * (funds.funds_usd / committed.cost_usd) + funds.reserves_usd;
  double gap = committed.direct_usd - paid;
  return gap > kRoundingShare * committed.direct_usd ? gap : 0;
}

Funding fund_commitments(const BudgetPlan& plan, const Commitment& personnel, const Commitment& compute) {
  Funding f{{plan.personnel_usd, 0}, {plan.compute_usd, 0}};
  lend(f.compute, compute, f.personnel, personnel);
  lend(f.personnel, personnel, f.compute, compute);
  // Reserves pay the direct cost the funds cannot, in proportion to each side's gap when they
  // cannot pay both.
  double gap_people = unpaid_usd(f.personnel, personnel), gap_compute = unpaid_usd(f.compute, compute);
  double gaps = gap_people + gap_compute;
  if (gaps <= plan.reserves_usd) {
    f.personnel.reserves_usd = gap_people;
    f.compute.reserves_usd = gap_compute;
  } else {
    f.personnel.reserves_usd = gap_people * (plan.reserves_usd / gaps);
    f.compute.reserves_usd = plan.reserves_usd - f.personnel.reserves_usd;  // together, exactly the reserves
  }
  return f;
}

Settlement settle(const SideFunds& funds, const Commitment& kept) {
  Settlement s;
  if (kept.cost_usd <= funds.funds_usd) return s;
  s.funded_share = funds.funds_usd / kept.cost_usd;
  // Capped at what the side may draw: beyond it is the rounding a cut leaves (kRoundingShare of
  // what it cut), far below a cent, which the funds absorb at the closing.
  s.reserves_usd = std::min(funds.reserves_usd, (1 - s.funded_share) * kept.direct_usd);
  return s;
}

Closing close_year(const Institution& inst, const BudgetPlan& plan, double spent_usd, double reserves_drawn_usd) {
  // Reserves paid part of the spending; what is left of the funds is available minus what the
  // funds themselves paid.
  double left = plan.available_usd - (spent_usd - reserves_drawn_usd);
  // Below a cent, what is left is rounding dust from whole-GPU purchases and hiring fills: it
  // must not carry a pooled F&A rate into years that have no money.
  if (left < kDustUsd) left = 0;
  Closing c;
  if (inst.spending.carryover) c.carry_out_usd = left;
  else c.lapsed_usd = left;
  // Reserves below a cent are rounding of their shares, as with the funds.
  double reserves_left = plan.reserves_usd - reserves_drawn_usd;
  c.reserves_usd = reserves_left < kDustUsd ? 0 : reserves_left;
  return c;
}

}  // namespace labsim::model
