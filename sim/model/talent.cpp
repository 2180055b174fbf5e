#include "model/talent.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "model/growth.hpp"

namespace labsim::model {

double logistic(double x) { return 1 / (1 + std::exp(-x)); }

namespace {

// The compute term of industry_choice, or nothing when the scenario gives no industry compute
// figure (the term is dropped). It is the same for every role of an institution in a year.
std::optional<double> compute_term(const ChoiceModel& m, const TalentMarket& market) {
  if (!market.industry_h100_hours_per_researcher) return std::nullopt;
  // Below one H100-hour per researcher a year either figure is taken at that floor, so the term
  // is continuous down to 0 hours.
  double industry = std::max(1.0, *market.industry_h100_hours_per_researcher);
  double own = std::max(1.0, market.own_h100_hours_per_researcher);
  return m.compute * std::log(industry / own);
}

// Who weighs the offer: someone in post, against their own salary, or someone on the academic job
// market (a new PhD, a postdoc whose post ends), against the national offer and its openings.
enum class Weigher { kInPost, kOnMarket };

double choice(const ChoiceModel& m, const TalentMarket& market, Weigher who, double own_pay_usd,
              std::optional<double> compute) {
  const bool on_market = who == Weigher::kOnMarket;
  const double alternative_usd = on_market ? market.academic_offer_usd : own_pay_usd;
  double x = m.intercept;
  if (alternative_usd > 0 && market.industry_pay_usd > 0)
    x += m.salary * std::log(market.industry_pay_usd / alternative_usd);
  if (compute) x += *compute;
  if (market.industry_demand_usd && *market.industry_demand_usd > 0)
    x += m.demand * std::log(*market.industry_demand_usd / kDemandReferenceUsd);
  // Academic openings matter to those looking for an academic job, not to those who hold one.
  if (on_market && market.academic_demand_usd && *market.academic_demand_usd > 0)
    x -= m.academic_demand * std::log(*market.academic_demand_usd / kAcademicDemandReferenceUsd);
  return logistic(x);
}

}  // namespace

double industry_choice(const ChoiceModel& m, const TalentMarket& market, double own_pay_usd) {
  return choice(m, market, Weigher::kInPost, own_pay_usd, compute_term(m, market));
}

RolePay role_pay(const Institution& inst, const Scenario& s, int year, double industry_comp_usd,
                 double inflation_growth) {
  RolePay pay;
  // Roles mostly grow alike, by default with inflation: each other factor is raised once.
  double factor = 1 + s.economy.inflation_rate, g = inflation_growth;
  for (const RolePlan& plan : inst.people) {
    auto i = static_cast<size_t>(plan.role);
    if (plan.salary_growth != factor) factor = plan.salary_growth, g = growth(factor, year - s.first_year);
    pay.salary_usd[i] = plan.market_salary ? industry_comp_usd : plan.salary_usd * g;
    pay.tuition_usd[i] = plan.tuition_usd * g;
  }
  return pay;
}

namespace {

// NIH NRSA postdoctoral stipend, level 0, 2024 (NOT-OD-24-104): the academic offer a new PhD
// weighs when the scenario gives no market.academic_offer.
constexpr double kNrsaPostdocUsd2024 = 61008;

}  // namespace

double academic_offer_usd(const Scenario& s, int year) {
  if (s.market.academic_offer_usd) return s.market.academic_offer_usd->at(year);
  return kNrsaPostdocUsd2024 * growth(1 + s.economy.inflation_rate, year - 2024);
}

double role_cost(const RolePlan& plan, double salary_usd, double tuition_usd, double rate) {
  return (salary_usd * (1 + plan.fringe) * (1 + rate) + tuition_usd) * plan.paid_share;
}

namespace {

// Departures and graduations of one role; returns the stock that stays. `compute` is the
// compute term of the choice (compute_term). Every leaver is counted once: natural departures
// (for postdocs, posts that end) plus moves while in post, then graduations from what is left.
double leave(const RolePlan& plan, const Institution& inst, const Scenario& s, const TalentMarket& market,
             std::optional<double> compute, double salary, double stock, TalentYear& y) {
  int r = static_cast<int>(plan.role);
  auto i = static_cast<size_t>(r);
  const bool university = inst.kind == InstitutionKind::kUniversity;
  double natural = stock * plan.attrition_rate;
  double moving = 0;
  if (university) moving = stock * s.talent.mobility[i] * choice(s.talent.choice, market, Weigher::kInPost, salary, compute);
  moving = std::min(moving, stock - natural);
  // A postdoc whose fixed-term post ends takes an industry job or the next academic one on the
  // national market; the leavers are the same people, counted once.
  double ending_to_industry = 0;
  if (university && plan.role == Role::kPostdoc)
    ending_to_industry = natural * choice(s.talent.choice, market, Weigher::kOnMarket, 0, compute);
  double graduates = plan.program_years > 0 ? std::min(stock / plan.program_years, stock - natural - moving) : 0;
  y.departures[i] = natural + moving;
  y.to_industry[i] = moving + ending_to_industry;
  y.graduates[i] = graduates;
  if (graduates > 0 && university)
    y.graduates_to_industry +=
        graduates * choice(s.talent.choice, market, Weigher::kOnMarket, 0, compute);
  return stock - natural - moving - graduates;
}

}  // namespace

TalentYear step_talent(const Institution& inst, const Scenario& s, const TalentMarket& market,
                       int year, const RoleArray& start, double envelope_usd, double rate) {
  // The market series is read only when a role is paid the market.
  bool market_paid = std::any_of(inst.people.begin(), inst.people.end(),
                                 [](const RolePlan& p) { return p.market_salary; });
  double comp = market_paid ? s.market.industry_comp_usd.at(year) : 0;
  RolePay pay = role_pay(inst, s, year, comp, inflation_growth(s, year));
  return step_talent(inst, s, market, year, pay, start, envelope_usd, rate);
}

TalentYear step_talent(const Institution& inst, const Scenario& s, const TalentMarket& market,
                       int year, const RolePay& pay, const RoleArray& start, double envelope_usd,
                       double rate) {
  return finish_talent(inst, start_talent(inst, s, market, year, pay, start, rate), SideFunds{envelope_usd, 0});
}

TalentStart start_talent(const Institution& inst, const Scenario& s, const TalentMarket& market, int year,
                         const RolePay& pay, const RoleArray& start, double rate) {
  TalentStart t;
  t.year.start = start;
  t.pay = pay;
  t.rate = rate;
  t.vacancy_months = s.talent.vacancy_months;
  t.new_hire_productivity = s.talent.new_hire_productivity;
  // Only universities' people weigh industry offers.
  std::optional<double> compute;
  if (inst.kind == InstitutionKind::kUniversity) compute = compute_term(s.talent.choice, market);
  for (const RolePlan& plan : inst.people) {
    auto i = static_cast<size_t>(plan.role);
    t.staying[i] = leave(plan, inst, s, market, compute, pay.salary_usd[i], start[i], t.year);
    t.cost_usd[i] = role_cost(plan, pay.salary_usd[i], pay.tuition_usd[i], rate);
    double target = plan.target ? plan.target->at(year) : plan.count;
    t.vacancies[i] = std::max(0.0, target - t.staying[i]);
    t.committed.cost_usd += t.staying[i] * t.cost_usd[i];
    t.committed.direct_usd += t.staying[i] * role_cost(plan, pay.salary_usd[i], pay.tuition_usd[i], 0);
  }
  return t;
}

TalentYear finish_talent(const Institution& inst, const TalentStart& t, const SideFunds& funds) {
  TalentYear y = t.year;
  const RoleArray& salary = t.pay.salary_usd;
  double needed = 0;  // the cost of every vacancy
  for (const RolePlan& plan : inst.people) {
    auto i = static_cast<size_t>(plan.role);
    needed += t.vacancies[i] * t.cost_usd[i];
  }
  // Every role fills the same share of its vacancies when money is short; when funds and
  // reserves cannot pay the commitments, every paid role loses the same share of its posts.
  double free_usd = std::max(0.0, funds.funds_usd - t.committed.cost_usd);
  double fill = needed > 0 ? std::min(1.0, free_usd / needed) : 1;
  // The share kept is what funds and reserves pay: funds / cost + reserves / direct (summed, not
  // taken from 1, so that it keeps its digits when almost every post is cut).
  double keep = 1;
  if (unpaid_usd(funds, t.committed) > 0)
    keep = funds.funds_usd / t.committed.cost_usd + funds.reserves_usd / t.committed.direct_usd;
  double salaries = 0, tuition = 0;  // salaries with fringe, and tuition, paid by these funds
  double pay_usd = 0, people = 0;    // every salary in full, whoever pays it
  for (const RolePlan& plan : inst.people) {
    auto i = static_cast<size_t>(plan.role);
    bool paid = t.cost_usd[i] > 0;  // unpaid roles are not budget-bound: always filled, never cut
    double kept = paid ? t.staying[i] * keep : t.staying[i];
    y.cut[i] = t.staying[i] - kept;
    y.hires[i] = paid ? t.vacancies[i] * fill : t.vacancies[i];
    y.end[i] = kept + y.hires[i];
    // A hire starts once the post has been vacant its months, and works the rest of the year at
    // the new-hire productivity.
    double months = std::min(12.0, t.vacancy_months[i]);
    y.effective_researchers += kept + y.hires[i] * (12 - months) / 12 * t.new_hire_productivity;
    y.unfunded_usd += y.cut[i] * (salary[i] * (1 + plan.fringe) + t.pay.tuition_usd[i]) * plan.paid_share;
    salaries += y.end[i] * salary[i] * (1 + plan.fringe) * plan.paid_share;
    tuition += y.end[i] * t.pay.tuition_usd[i] * plan.paid_share;
    pay_usd += y.end[i] * salary[i];
    people += y.end[i];
  }
  y.mean_salary_usd = people > 0 ? pay_usd / people : std::numeric_limits<double>::quiet_NaN();
  y.personnel_direct_usd = salaries + tuition;
  // The funds pay the same share of every kept cost, with its F&A; reserves the rest, without.
  Settlement paid;
  if (t.committed.cost_usd > funds.funds_usd)
    paid = settle(funds, Commitment{salaries * (1 + t.rate) + tuition, salaries + tuition});
  y.indirect_usd = paid.funded_share * salaries * t.rate;
  y.reserves_usd = paid.reserves_usd;
  return y;
}

}  // namespace labsim::model
