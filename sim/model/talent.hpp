// Talent stage: departures (natural and to industry), PhD graduations and hiring within the
// personnel envelope (docs/model.md, "Talent").
#pragma once

#include <array>
#include <optional>

#include "labsim/scenario.hpp"
#include "model/budget.hpp"

namespace labsim::model {

// The types and stage functions below are generic over the number type R (model/lanes.hpp), with
// the settings as Institution and Scenario or PerLane of them; the plain names are the double
// versions.
// One number per entry of Institution::people (a role, or a group within a role), indexed like
// that list; entries past its end are 0.
template <class R>
using GroupArrayT = std::array<R, kMaxPeopleGroups>;
using GroupArray = GroupArrayT<double>;

// The sum of every slot, in slot order (the unused ones are 0).
template <class R>
R sum_of(const GroupArrayT<R>& a) {
  R t = 0;
  for (const R& v : a) t = t + v;
  return t;
}

// The outside world a university's people compare themselves with, this year. Whether a term is
// given (the optionals) is the same in every lane.
template <class R>
struct TalentMarketT {
  R industry_pay_usd = 0;                 // market.industry_comp at this year
  // Research H100-hours per researcher in industry, last year; nullopt when the scenario gives no
  // industry figure (the compute term is dropped). A known figure, 0 included, is floored at 1
  // H100-hour like the own figure.
  std::optional<R> industry_h100_hours_per_researcher;
  R own_h100_hours_per_researcher = 0;    // research H100-hours per researcher, last year
  R academic_offer_usd = 0;               // the national academic job (academic_offer_usd())
  // market.industry_demand at this year; nullopt: the demand term is dropped.
  std::optional<R> industry_demand_usd;
  // market.academic_demand at this year; nullopt: the academic-demand term is dropped.
  std::optional<R> academic_demand_usd;
};
using TalentMarket = TalentMarketT<double>;

template <class R>
struct TalentYearT {
  GroupArrayT<R> start{};          // headcount at the start of the year
  GroupArrayT<R> end{};            // after departures, graduations, posts cut and hires
  GroupArrayT<R> hires{};
  GroupArrayT<R> departures{};     // natural attrition plus moves to industry
  GroupArrayT<R> to_industry{};
  GroupArrayT<R> graduates{};
  GroupArrayT<R> cut{};            // posts not renewed because neither funds nor reserves pay them
  R graduates_to_industry = 0;
  // Researcher-years of output: the people kept, plus each hire for the months after the post was
  // vacant, at talent.new_hire_productivity (docs/model.md, "Talent").
  R effective_researchers = 0;
  R mean_salary_usd = 0;       // salaries weighted by `end` [USD/yr]; NaN without anyone
  R personnel_direct_usd = 0;  // salaries and fringe charged to these funds, plus tuition
  R indirect_usd = 0;          // F&A on the salaries and fringe the funds pay
  R reserves_usd = 0;          // the part of the direct cost reserves pay (no F&A on it)
  R unfunded_usd = 0;          // direct cost the posts cut would have had this year

  // Everything people cost this year, F&A included [USD].
  R spent_usd() const { return personnel_direct_usd + indirect_usd; }
};
using TalentYear = TalentYearT<double>;

// Logistic function.
double logistic(double x);

// Probability that a person in post, paid `own_pay_usd`, takes an industry offer (DESIGN §4.4;
// docs/model.md, "Talent"): academic openings (market.academic_demand) do not enter, as they do
// for new PhDs and postdocs whose post ends.
double industry_choice(const ChoiceModel& m, const TalentMarket& market, double own_pay_usd);

// Yearly cost of one person of `plan` to these funds: (salary x (1 + fringe) x (1 + rate) +
// tuition) x paid_share. Tuition is outside the F&A base.
double role_cost(const RolePlan& plan, double salary_usd, double tuition_usd, double rate);

// Pay of every entry of an institution's people in one year, indexed like Institution::people.
template <class R>
struct RolePayT {
  GroupArrayT<R> salary_usd{};   // salary x salary_growth^(year - first year), or the market's pay [USD/yr]
  GroupArrayT<R> tuition_usd{};  // tuition x salary_growth^(year - first year): grows like the salary [USD/yr]
};
using RolePay = RolePayT<double>;

// The pay of every entry of `inst`'s people in `year`, each growth factor raised once. `industry_comp_usd`
// is market.industry_comp at `year` (the pay of `salary: market`); `inflation_growth` is
// inflation_growth(s, year) (model/growth.hpp), the growth of roles that grow with inflation.
RolePay role_pay(const Institution& inst, const Scenario& s, int year, double industry_comp_usd,
                 double inflation_growth);

// The pay of the academic job a new PhD, or a postdoc whose post ends, weighs in `year`
// [USD/yr]: the national academic market, not the home institution's pay —
// market.academic_offer when given, else the NIH NRSA level-0 postdoc stipend grown with
// inflation from 2024.
double academic_offer_usd(const Scenario& s, int year);

// The talent year up to its commitments: who leaves and graduates, who stays, and what the
// people who stay cost these funds.
template <class R>
struct TalentStartT {
  TalentYearT<R> year;       // start, departures, moves, graduates filled in; the rest to come
  RolePayT<R> pay;           // this year's pay
  GroupArrayT<R> staying{};   // the stock after departures and graduations
  GroupArrayT<R> vacancies{}; // target - staying, at least 0
  GroupArrayT<R> cost_usd{};  // one person's yearly cost to these funds, F&A included (role_cost)
  R rate = 0;                // the F&A rate of the year's money
  CommitmentT<R> committed;  // the people who stay: Σ staying x cost, and the same without F&A
  GroupArrayT<R> vacancy_months{};  // talent.vacancy_months of each entry's role
  R new_hire_productivity = 1;     // talent.new_hire_productivity
};
using TalentStart = TalentStartT<double>;

// Departures, moves to industry and graduations of one replica in `year`, and what the people
// who stay cost at F&A rate `rate`. `start` is last year's end headcount; `pay` is role_pay of
// `inst` in `year`. I and S: Institution and Scenario, or PerLane of them.
template <class R, class I, class S>
TalentStartT<R> start_talent(const I& inst, const S& s, const TalentMarketT<R>& market, int year,
                             const RolePayT<R>& pay, const GroupArrayT<R>& start, const R& rate);
inline TalentStart start_talent(const Institution& inst, const Scenario& s, const TalentMarket& market, int year,
                                const RolePay& pay, const GroupArray& start, double rate) {
  return start_talent<double, Institution, Scenario>(inst, s, market, year, pay, start, rate);
}

// The rest of the year with the money of `funds` (fund_commitments): hiring with what the funds
// leave after the commitments, or, when funds and reserves cannot pay the commitments, the same
// share of every paid role's posts not renewed (docs/model.md, "Reserves and cuts").
template <class R, class I>
TalentYearT<R> finish_talent(const I& inst, const TalentStartT<R>& started, const SideFundsT<R>& funds);
inline TalentYear finish_talent(const Institution& inst, const TalentStart& started, const SideFunds& funds) {
  return finish_talent<double, Institution>(inst, started, funds);
}

// One year of the talent stage for one replica whose personnel side has `envelope_usd` of funds
// and no reserves. `start` is last year's end headcount.
TalentYear step_talent(const Institution& inst, const Scenario& s, const TalentMarket& market,
                       int year, const GroupArray& start, double envelope_usd, double rate);

// The same with the year's pay given (role_pay of `inst` in `year`).
TalentYear step_talent(const Institution& inst, const Scenario& s, const TalentMarket& market,
                       int year, const RolePay& pay, const GroupArray& start, double envelope_usd,
                       double rate);

}  // namespace labsim::model
