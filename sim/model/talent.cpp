#include "model/talent.hpp"

#include <algorithm>
#include <cmath>

namespace labsim::model {

double logistic(double x) { return 1 / (1 + std::exp(-x)); }

double industry_choice(const ChoiceModel& m, const TalentMarket& market, double own_pay_usd) {
  double x = m.intercept;
  if (own_pay_usd > 0 && market.industry_pay_usd > 0)
    x += m.salary * std::log(market.industry_pay_usd / own_pay_usd);
  if (market.industry_h100_hours_per_researcher > 0) {
    // Below one H100-hour per researcher a year the ratio is taken at that floor.
    double own = std::max(1.0, market.own_h100_hours_per_researcher);
    x += m.compute * std::log(std::max(1.0, market.industry_h100_hours_per_researcher) / own);
  }
  return logistic(x);
}

double role_salary(const RolePlan& plan, const Market& market, int first_year, int year) {
  if (plan.market_salary) return market.industry_comp_usd.at(year);
  return plan.salary_usd * std::pow(plan.salary_growth, year - first_year);
}

double role_tuition(const RolePlan& plan, int first_year, int year) {
  return plan.tuition_usd * std::pow(plan.salary_growth, year - first_year);
}

double role_cost(const RolePlan& plan, double salary_usd, double tuition_usd, double rate) {
  return (salary_usd * (1 + plan.fringe) * (1 + rate) + tuition_usd) * plan.paid_share;
}

namespace {

// Departures and graduations of one role; returns the stock that stays.
double leave(const RolePlan& plan, const Institution& inst, const Scenario& s, const TalentMarket& market,
             double salary, double stock, TalentYear& y) {
  int r = static_cast<int>(plan.role);
  auto i = static_cast<size_t>(r);
  double natural = stock * plan.attrition_rate;
  double moving = 0;
  if (inst.kind == InstitutionKind::kUniversity)
    moving = stock * s.talent.mobility[i] * industry_choice(s.talent.choice, market, salary);
  moving = std::min(moving, stock - natural);
  double graduates = plan.program_years > 0 ? std::min(stock / plan.program_years, stock - natural - moving) : 0;
  y.departures[i] = natural + moving;
  y.to_industry[i] = moving;
  y.graduates[i] = graduates;
  if (graduates > 0 && inst.kind == InstitutionKind::kUniversity)
    y.graduates_to_industry += graduates * industry_choice(s.talent.choice, market, market.academic_offer_usd);
  return stock - natural - moving - graduates;
}

}  // namespace

TalentYear step_talent(const Institution& inst, const Scenario& s, const TalentMarket& market,
                       int year, const RoleArray& start, double envelope_usd, double rate) {
  TalentYear y;
  y.start = start;
  RoleArray staying{}, need{}, cost{}, salary{};
  double committed = 0, needed = 0;
  for (const RolePlan& plan : inst.people) {
    auto i = static_cast<size_t>(plan.role);
    salary[i] = role_salary(plan, s.market, s.first_year, year);
    staying[i] = leave(plan, inst, s, market, salary[i], start[i], y);
    cost[i] = role_cost(plan, salary[i], role_tuition(plan, s.first_year, year), rate);
    double target = plan.target ? plan.target->at(year) : plan.count;
    need[i] = std::max(0.0, target - staying[i]);
    committed += staying[i] * cost[i];
    needed += need[i] * cost[i];
  }
  // The share of the commitments the funds pay; reserves pay the rest, without F&A.
  double funded = committed > envelope_usd ? envelope_usd / committed : 1;
  double free_usd = std::max(0.0, envelope_usd - committed);
  // Every role fills the same share of its vacancies when money is short.
  double fill = needed > 0 ? std::min(1.0, free_usd / needed) : 1;
  double pay = 0, tuition = 0;
  for (const RolePlan& plan : inst.people) {
    auto i = static_cast<size_t>(plan.role);
    y.hires[i] = cost[i] > 0 ? need[i] * fill : need[i];  // unpaid roles are not budget-bound
    y.end[i] = staying[i] + y.hires[i];
    pay += y.end[i] * salary[i] * (1 + plan.fringe) * plan.paid_share;
    tuition += y.end[i] * role_tuition(plan, s.first_year, year) * plan.paid_share;
  }
  y.personnel_direct_usd = pay + tuition;
  y.indirect_usd = funded * pay * rate;
  y.shortfall_usd = (1 - funded) * (pay + tuition);
  return y;
}

}  // namespace labsim::model

