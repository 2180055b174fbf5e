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

BudgetPlan plan_budget(const Institution& inst, int year, double carry_in_usd, double carry_rate) {
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
  return p;
}

Closing close_year(const Institution& inst, const BudgetPlan& plan, double spent_usd, double shortfall_usd) {
  // Commitments beyond the envelopes were paid by reserves; what is left of the funds is
  // available minus what the funds themselves paid.
  double left = plan.available_usd - (spent_usd - shortfall_usd);
  // Below a cent, what is left is rounding dust from whole-GPU purchases and hiring fills: it
  // must not carry a pooled F&A rate into years that have no money.
  if (left < kDustUsd) left = 0;
  Closing c;
  if (inst.spending.carryover) c.carry_out_usd = left;
  else c.lapsed_usd = left;
  return c;
}

}  // namespace labsim::model
