#include "model/talent.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>

#include "model/growth.hpp"

namespace labsim::model {

namespace {

template <class R>
R logistic_of(const R& x) {
  using std::exp;
  return R(1) / (R(1) + exp(-x));
}

// The choice model's weights, per lane when the settings are.
template <class R>
struct Weights {
  R intercept, salary, compute, demand, academic_demand;
};

template <class S>
auto weights(const S& s) {
  auto get = [&](auto f) { return value(s, [&](const Scenario& sc) { return f(sc.talent.choice); }); };
  using R = decltype(get([](const ChoiceModel& m) { return m.intercept; }));
  return Weights<R>{get([](const ChoiceModel& m) { return m.intercept; }), get([](const ChoiceModel& m) { return m.salary; }),
                    get([](const ChoiceModel& m) { return m.compute; }), get([](const ChoiceModel& m) { return m.demand; }),
                    get([](const ChoiceModel& m) { return m.academic_demand; })};
}

Weights<double> weights_of(const ChoiceModel& m) {
  return {m.intercept, m.salary, m.compute, m.demand, m.academic_demand};
}

// The compute term of industry_choice, or nothing when the scenario gives no industry compute
// figure (the term is dropped). It is the same for every role of an institution in a year.
template <class R>
std::optional<R> compute_term(const Weights<R>& m, const TalentMarketT<R>& market) {
  using std::log;
  if (!market.industry_h100_hours_per_researcher) return std::nullopt;
  // Below one H100-hour per researcher a year either figure is taken at that floor, so the term
  // is continuous down to 0 hours.
  const R industry = max_of(R(1), *market.industry_h100_hours_per_researcher);
  const R own = max_of(R(1), market.own_h100_hours_per_researcher);
  return m.compute * log(industry / own);
}

// Who weighs the offer: someone in post, against their own salary, or someone on the academic job
// market (a new PhD, a postdoc whose post ends), against the national offer and its openings.
enum class Weigher { kInPost, kOnMarket };

template <class R>
R choice(const Weights<R>& m, const TalentMarketT<R>& market, Weigher who, const R& own_pay_usd,
         const std::optional<R>& compute) {
  using std::log;
  const bool on_market = who == Weigher::kOnMarket;
  const R alternative_usd = on_market ? market.academic_offer_usd : own_pay_usd;
  R x = m.intercept;
  const auto paid = alternative_usd > R(0) && market.industry_pay_usd > R(0);
  if (any(paid)) x = select(paid, x + m.salary * log(market.industry_pay_usd / alternative_usd), x);
  if (compute) x = x + *compute;
  if (market.industry_demand_usd) {
    const R& demand = *market.industry_demand_usd;
    const auto given = demand > R(0);
    if (any(given)) x = select(given, x + m.demand * log(demand / R(kDemandReferenceUsd)), x);
  }
  // Academic openings matter to those looking for an academic job, not to those who hold one.
  if (on_market && market.academic_demand_usd) {
    const R& openings = *market.academic_demand_usd;
    const auto given = openings > R(0);
    if (any(given)) x = select(given, x - m.academic_demand * log(openings / R(kAcademicDemandReferenceUsd)), x);
  }
  return logistic_of(x);
}

}  // namespace

double logistic(double x) { return logistic_of(x); }

double industry_choice(const ChoiceModel& m, const TalentMarket& market, double own_pay_usd) {
  const Weights<double> w = weights_of(m);
  return choice(w, market, Weigher::kInPost, own_pay_usd, compute_term(w, market));
}

RolePay role_pay(const Institution& inst, const Scenario& s, int year, double industry_comp_usd,
                 double inflation_growth) {
  RolePay pay;
  // Roles mostly grow alike, by default with inflation: each other factor is raised once.
  double factor = 1 + s.economy.inflation_rate, g = inflation_growth;
  for (size_t k = 0; k < inst.people.size(); ++k) {
    const RolePlan& plan = inst.people[k];
    if (plan.salary_growth != factor) factor = plan.salary_growth, g = growth(factor, year - s.first_year);
    pay.salary_usd[k] = plan.market_salary ? industry_comp_usd : plan.salary_usd * g;
    pay.tuition_usd[k] = plan.tuition_usd * g;
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

// A number of role k of the institution's list, per lane when the settings are.
template <class I, class F>
auto plan_value(const I& inst, std::size_t k, F f) {
  return value(inst, [&](const Institution& in) { return f(in.people[k]); });
}

template <class R>
R cost_of(const R& fringe, const R& paid_share, const R& salary_usd, const R& tuition_usd, const R& rate) {
  return (salary_usd * (1 + fringe) * (1 + rate) + tuition_usd) * paid_share;
}

// The choice of someone on the academic job market (a new PhD, a postdoc whose post ends), the
// same for every role of an institution's year: computed once, when first needed.
template <class R>
struct MarketChoice {
  const Weights<R>& w;
  const TalentMarketT<R>& market;
  const std::optional<R>& compute;
  std::optional<R> value;
  const R& operator()() {
    if (!value) value = choice(w, market, Weigher::kOnMarket, R(0), compute);
    return *value;
  }
};

// Departures and graduations of role k of the institution's list; returns the stock that stays.
// `compute` is the compute term of the choice (compute_term), the one `on_market` holds. Every
// leaver is counted once: natural departures (for postdocs, posts that end) plus moves while in
// post, then graduations from what is left.
template <class R, class I, class S>
R leave(std::size_t k, const I& inst, const S& s, const TalentMarketT<R>& market, const Weights<R>& w,
        const std::optional<R>& compute, const R& salary, const R& stock, MarketChoice<R>& on_market,
        TalentYearT<R>& y) {
  const RolePlan& plan = shape(inst).people[k];
  const auto i = static_cast<size_t>(plan.role);
  const bool university = shape(inst).kind == InstitutionKind::kUniversity;
  const R natural = stock * plan_value(inst, k, [](const RolePlan& p) { return p.attrition_rate; });
  R moving = 0;
  if (university)
    moving = stock * value(s, [&](const Scenario& sc) { return sc.talent.mobility[i]; }) *
             choice(w, market, Weigher::kInPost, salary, compute);
  moving = min_of(moving, stock - natural);
  // A postdoc whose fixed-term post ends takes an industry job or the next academic one on the
  // national market; the leavers are the same people, counted once.
  R ending_to_industry = 0;
  if (university && plan.role == Role::kPostdoc)
    ending_to_industry = natural * on_market();
  const R program_years = plan_value(inst, k, [](const RolePlan& p) { return p.program_years; });
  const R graduates = select(program_years > R(0), min_of(stock / program_years, stock - natural - moving), R(0));
  y.departures[k] = natural + moving;
  y.to_industry[k] = moving + ending_to_industry;
  y.graduates[k] = graduates;
  if (const auto graduating = graduates > R(0); university && any(graduating))
    y.graduates_to_industry =
        select(graduating, y.graduates_to_industry + graduates * on_market(), y.graduates_to_industry);
  return stock - natural - moving - graduates;
}

}  // namespace

TalentYear step_talent(const Institution& inst, const Scenario& s, const TalentMarket& market,
                       int year, const GroupArray& start, double envelope_usd, double rate) {
  // The market series is read only when a role is paid the market.
  bool market_paid = std::any_of(inst.people.begin(), inst.people.end(),
                                 [](const RolePlan& p) { return p.market_salary; });
  double comp = market_paid ? s.market.industry_comp_usd.at(year) : 0;
  RolePay pay = role_pay(inst, s, year, comp, inflation_growth(s, year));
  return step_talent(inst, s, market, year, pay, start, envelope_usd, rate);
}

TalentYear step_talent(const Institution& inst, const Scenario& s, const TalentMarket& market,
                       int year, const RolePay& pay, const GroupArray& start, double envelope_usd,
                       double rate) {
  return finish_talent(inst, start_talent(inst, s, market, year, pay, start, rate), SideFunds{envelope_usd, 0});
}

template <class R, class I, class S>
TalentStartT<R> start_talent(const I& inst, const S& s, const TalentMarketT<R>& market, int year,
                             const RolePayT<R>& pay, const GroupArrayT<R>& start, const R& rate) {
  TalentStartT<R> t;
  t.year.start = start;
  t.pay = pay;
  t.rate = rate;
  for (size_t k = 0; k < shape(inst).people.size(); ++k) {
    const auto role = static_cast<size_t>(shape(inst).people[k].role);
    t.vacancy_months[k] = value(s, [&](const Scenario& sc) { return sc.talent.vacancy_months[role]; });
  }
  t.new_hire_productivity = value(s, [](const Scenario& sc) { return sc.talent.new_hire_productivity; });
  const Weights<R> w = weights(s);
  // Only universities' people weigh industry offers.
  std::optional<R> compute;
  if (shape(inst).kind == InstitutionKind::kUniversity) compute = compute_term(w, market);
  MarketChoice<R> on_market{w, market, compute, std::nullopt};
  for (size_t k = 0; k < shape(inst).people.size(); ++k) {
    const RolePlan& plan = shape(inst).people[k];
    const R fringe = plan_value(inst, k, [](const RolePlan& p) { return p.fringe; });
    const R paid_share = plan_value(inst, k, [](const RolePlan& p) { return p.paid_share; });
    t.staying[k] = leave(k, inst, s, market, w, compute, pay.salary_usd[k], start[k], on_market, t.year);
    t.cost_usd[k] = cost_of(fringe, paid_share, pay.salary_usd[k], pay.tuition_usd[k], rate);
    const R target = plan.target ? plan_value(inst, k, [&](const RolePlan& p) { return p.target->at(year); })
                                 : plan_value(inst, k, [](const RolePlan& p) { return p.count; });
    t.vacancies[k] = max_of(R(0), target - t.staying[k]);
    t.committed.cost_usd = t.committed.cost_usd + t.staying[k] * t.cost_usd[k];
    t.committed.direct_usd =
        t.committed.direct_usd + t.staying[k] * cost_of(fringe, paid_share, pay.salary_usd[k], pay.tuition_usd[k], R(0));
  }
  return t;
}

template <class R, class I>
TalentYearT<R> finish_talent(const I& inst, const TalentStartT<R>& t, const SideFundsT<R>& funds) {
  TalentYearT<R> y = t.year;
  const GroupArrayT<R>& salary = t.pay.salary_usd;
  R needed = 0;  // the cost of every vacancy
  for (size_t k = 0; k < shape(inst).people.size(); ++k) needed = needed + t.vacancies[k] * t.cost_usd[k];
  // Every role fills the same share of its vacancies when money is short; when funds and
  // reserves cannot pay the commitments, every paid role loses the same share of its posts.
  const R free_usd = max_of(R(0), funds.funds_usd - t.committed.cost_usd);
  const R fill = select(needed > R(0), min_of(R(1), free_usd / needed), R(1));
  // The share kept is what funds and reserves pay: funds / cost + reserves / direct (summed, not
  // taken from 1, so that it keeps its digits when almost every post is cut).
  const R keep = select(unpaid_usd(funds, t.committed) > R(0),
                        funds.funds_usd / t.committed.cost_usd + funds.reserves_usd / t.committed.direct_usd, R(1));
  R salaries = 0, tuition = 0;  // salaries with fringe, and tuition, paid by these funds
  R pay_usd = 0, people = 0;    // every salary in full, whoever pays it
  for (size_t k = 0; k < shape(inst).people.size(); ++k) {
    const R fringe = plan_value(inst, k, [](const RolePlan& p) { return p.fringe; });
    const R paid_share = plan_value(inst, k, [](const RolePlan& p) { return p.paid_share; });
    const auto paid = t.cost_usd[k] > R(0);  // unpaid roles are not budget-bound: always filled, never cut
    const R kept = select(paid, t.staying[k] * keep, t.staying[k]);
    y.cut[k] = t.staying[k] - kept;
    y.hires[k] = select(paid, t.vacancies[k] * fill, t.vacancies[k]);
    y.end[k] = kept + y.hires[k];
    // A hire starts once the post has been vacant its months, and works the rest of the year at
    // the new-hire productivity.
    const R months = min_of(R(12), t.vacancy_months[k]);
    y.effective_researchers = y.effective_researchers + (kept + y.hires[k] * (12 - months) / 12 * t.new_hire_productivity);
    y.unfunded_usd = y.unfunded_usd + y.cut[k] * (salary[k] * (1 + fringe) + t.pay.tuition_usd[k]) * paid_share;
    salaries = salaries + y.end[k] * salary[k] * (1 + fringe) * paid_share;
    tuition = tuition + y.end[k] * t.pay.tuition_usd[k] * paid_share;
    pay_usd = pay_usd + y.end[k] * salary[k];
    people = people + y.end[k];
  }
  y.mean_salary_usd = select(people > R(0), pay_usd / people, R(std::numeric_limits<double>::quiet_NaN()));
  y.personnel_direct_usd = salaries + tuition;
  // The funds pay the same share of every kept cost, with its F&A; reserves the rest, without.
  const auto short_of_funds = t.committed.cost_usd > funds.funds_usd;
  const SettlementT<R> settled = settle(funds, CommitmentT<R>{salaries * (1 + t.rate) + tuition, salaries + tuition});
  const R funded_share = select(short_of_funds, settled.funded_share, R(1));
  y.indirect_usd = funded_share * salaries * t.rate;
  y.reserves_usd = select(short_of_funds, settled.reserves_usd, R(0));
  return y;
}

// The two number types the engines use.
template TalentStartT<double> start_talent(const Institution&, const Scenario&, const TalentMarketT<double>&, int,
                                           const RolePayT<double>&, const GroupArrayT<double>&, const double&);
template TalentStartT<Lanes> start_talent(const PerLane<Institution>&, const PerLane<Scenario>&,
                                          const TalentMarketT<Lanes>&, int, const RolePayT<Lanes>&,
                                          const GroupArrayT<Lanes>&, const Lanes&);
template TalentYearT<double> finish_talent(const Institution&, const TalentStartT<double>&, const SideFundsT<double>&);
template TalentYearT<Lanes> finish_talent(const PerLane<Institution>&, const TalentStartT<Lanes>&, const SideFundsT<Lanes>&);

}  // namespace labsim::model
