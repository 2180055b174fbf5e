// Talent stage (DESIGN §4.4): the logistic choice, role costs, departures, graduations and hiring
// within the personnel envelope. Every expected value is worked out by hand in the comments.
#include <catch2/catch.hpp>

#include <cmath>
#include <optional>
#include <string>

#include "labsim/engine.hpp"
#include "labsim/loader.hpp"
#include "model/growth.hpp"
#include "model/talent.hpp"

namespace {

using labsim::Institution;
using labsim::InstitutionKind;
using labsim::Role;
using labsim::RolePlan;
using labsim::Scenario;
using labsim::Series;
namespace model = labsim::model;

Approx near(double v) { return Approx(v).epsilon(1e-9); }

size_t role_index(Role r) { return static_cast<size_t>(r); }

// sigma(-2.3 + 1.6 ln 2): x = -2.3 + 1.6 x 0.693147 = -1.190965; 1 / (1 + e^1.190965) = 0.233086.
constexpr double kChoicePayRatio2 = 0.2330864781;

Scenario scenario() {
  Scenario s;
  s.first_year = 2024;
  s.last_year = 2030;
  s.market.industry_comp_usd = Series::constant(200e3);
  s.talent.choice = {-2.3, 1.6, 0.15};
  s.talent.mobility = {0, 0, 0, 0, 0};
  return s;
}

RolePlan role(Role r, double count, double salary, double fringe, double attrition) {
  RolePlan p;
  p.role = r;
  p.count = count;
  p.salary_usd = salary;
  p.salary_growth = 1;
  p.fringe = fringe;
  p.attrition_rate = attrition;
  return p;
}

Institution university(std::vector<RolePlan> people) {
  Institution inst;
  inst.kind = InstitutionKind::kUniversity;
  inst.people = std::move(people);
  return inst;
}

// The entry of role r in the institution's people (the talent arrays' index); past the entries
// (where the arrays hold 0) when it has none.
size_t at(const Institution& inst, Role r) {
  for (size_t k = 0; k < inst.people.size(); ++k)
    if (inst.people[k].role == r) return k;
  return inst.people.size();
}

model::GroupArray stock(const Institution& inst) {
  model::GroupArray a{};
  for (size_t k = 0; k < inst.people.size(); ++k) a[k] = inst.people[k].count;
  return a;
}

model::TalentMarket pay_market(double industry_pay, double academic_offer = 0) {
  model::TalentMarket m;
  m.industry_pay_usd = industry_pay;
  m.academic_offer_usd = academic_offer;
  return m;
}

}  // namespace

TEST_CASE("logistic function values", "[talent]") {
  CHECK(model::logistic(0) == near(0.5));
  // sigma(ln 3) = 1 / (1 + 1/3) = 3/4; sigma(-ln 3) = 1 / (1 + 3) = 1/4.
  CHECK(model::logistic(std::log(3.0)) == near(0.75));
  CHECK(model::logistic(-std::log(3.0)) == near(0.25));
  // Symmetry: sigma(x) + sigma(-x) = 1.
  CHECK(model::logistic(1.7) + model::logistic(-1.7) == near(1));
}

TEST_CASE("industry_choice with known inputs", "[talent]") {
  labsim::ChoiceModel m{-2.3, 1.6, 0.15};
  SECTION("pay ratio 2, compute unknown: x = -2.3 + 1.6 ln 2") {
    CHECK(model::industry_choice(m, pay_market(200e3), 100e3) == near(kChoicePayRatio2));
  }
  SECTION("pay ratio 2 and compute ratio 100") {
    // x = -2.3 + 1.6 ln 2 + 0.15 ln 100 = -2.3 + 1.109035 + 0.690776 = -0.500189
    // sigma = 1 / (1 + e^0.500189) = 1 / (1 + 1.649033) = 0.377496
    model::TalentMarket mk = pay_market(200e3);
    mk.industry_h100_hours_per_researcher = 10000;
    mk.own_h100_hours_per_researcher = 100;
    CHECK(model::industry_choice(m, mk, 100e3) == near(0.3774962581));
    SECTION("own compute below 1 H100-hour is taken at 1: 100 / max(1, 0) = 100 as well") {
      mk.industry_h100_hours_per_researcher = 100;
      mk.own_h100_hours_per_researcher = 0;
      CHECK(model::industry_choice(m, mk, 100e3) == near(0.3774962581));
    }
  }
  SECTION("no pay known: x = intercept; sigma(-2.3) = 1 / (1 + 9.974182) = 0.091123") {
    CHECK(model::industry_choice(m, pay_market(0), 100e3) == near(0.0911229610));
    CHECK(model::industry_choice(m, pay_market(200e3), 0) == near(0.0911229610));
  }
  SECTION("equal pay and compute: x = intercept") {
    model::TalentMarket mk = pay_market(150e3);
    mk.industry_h100_hours_per_researcher = 500;
    mk.own_h100_hours_per_researcher = 500;
    CHECK(model::industry_choice(m, mk, 150e3) == near(0.0911229610));
  }
}

TEST_CASE("role pay grows from the first year, each role at its own rate; market pay follows the market",
          "[talent]") {
  Scenario s = scenario();  // from 2024
  s.economy.inflation_rate = 0.03;
  s.market.industry_comp_usd.points = {{2020, 256000}, {2023, 335250}};
  s.market.industry_comp_usd.growth_factor = 1.04;
  RolePlan faculty = role(Role::kFaculty, 5, 150e3, 0, 0);
  faculty.salary_growth = 1.03;  // with inflation
  RolePlan phd = role(Role::kPhd, 10, 40e3, 0, 0);
  phd.salary_growth = 1.025;
  phd.tuition_usd = 16e3;
  RolePlan scientist = role(Role::kResearchScientist, 3, 0, 0, 0);
  scientist.market_salary = true;
  Institution inst = university({faculty, phd, scientist});
  auto pay = [&](int year) {
    return model::role_pay(inst, s, year, s.market.industry_comp_usd.at(year), model::inflation_growth(s, year));
  };
  CHECK(pay(2024).salary_usd[at(inst, Role::kPhd)] == near(40e3));
  CHECK(pay(2024).tuition_usd[at(inst, Role::kPhd)] == near(16e3));
  // 2026: 150k x 1.03^2 = 159,135; 40k x 1.025^2 = 42,025; tuition 16k x 1.025^2 = 16,810.
  CHECK(pay(2026).salary_usd[at(inst, Role::kFaculty)] == near(159135));
  CHECK(pay(2026).salary_usd[at(inst, Role::kPhd)] == near(42025));
  CHECK(pay(2026).tuition_usd[at(inst, Role::kPhd)] == near(16810));
  CHECK(pay(2026).salary_usd[at(inst, Role::kPostdoc)] == 0);  // a role the institution lacks
  // Market pay: 2021 interpolates 256k + (335,250 - 256k) / 3 = 282,416.67; 2025 is 335,250 x 1.04^2
  // = 362,606.4.
  CHECK(s.market.industry_comp_usd.at(2021) == near(282416.6666667));
  CHECK(pay(2025).salary_usd[at(inst, Role::kResearchScientist)] == near(362606.4));
}

TEST_CASE("a new PhD weighs the national academic offer: the market series, else the NRSA stipend grown with inflation", "[talent]") {
  Scenario s = scenario();
  s.economy.inflation_rate = 0.03;
  // NOT-OD-24-104: $61,008 in 2024; 2026: 61,008 x 1.03^2 = 64,723.3872, whatever the first year.
  CHECK(model::academic_offer_usd(s, 2024) == near(61008));
  CHECK(model::academic_offer_usd(s, 2026) == near(64723.3872));
  s.market.academic_offer_usd = Series{{{2024, 70e3}}, 1.10};
  CHECK(model::academic_offer_usd(s, 2026) == near(84700));  // 70k x 1.1^2
}

TEST_CASE("role_cost: F&A on salary and fringe, tuition outside the base, times paid_share", "[talent]") {
  RolePlan p = role(Role::kPhd, 1, 100e3, 0.30, 0);
  // (100k x 1.3 x 1.5 + 20k) x 0.5 = (195k + 20k) x 0.5 = 107.5k.
  p.paid_share = 0.5;
  // (Were tuition inside the base it would be (195k + 30k) x 0.5 = 112.5k.)
  CHECK(model::role_cost(p, 100e3, 20e3, 0.5) == near(107.5e3));
  // Fully paid, no F&A: 100k x 1.3 + 20k = 150k.
  p.paid_share = 1;
  CHECK(model::role_cost(p, 100e3, 20e3, 0) == near(150e3));
}

TEST_CASE("attrition and moves to industry at a university", "[talent]") {
  // 100 faculty at 100k, attrition 3%, mobility 10%, industry pays 200k:
  //   natural = 100 x 0.03 = 3; moving = 100 x 0.10 x 0.233086 = 2.330865
  //   departures = 5.330865; hiring refills to 100 with an ample envelope.
  Scenario s = scenario();
  s.talent.mobility[role_index(Role::kFaculty)] = 0.10;
  Institution inst = university({role(Role::kFaculty, 100, 100e3, 0.3, 0.03)});
  model::TalentYear y = model::step_talent(inst, s, pay_market(200e3), 2024, stock(inst), 1e9, 0);
  size_t f = at(inst, Role::kFaculty);
  CHECK(y.to_industry[f] == near(10 * kChoicePayRatio2));
  CHECK(y.departures[f] == near(3 + 10 * kChoicePayRatio2));
  CHECK(y.graduates[f] == 0);
  CHECK(y.hires[f] == near(3 + 10 * kChoicePayRatio2));
  CHECK(y.end[f] == near(100));
  CHECK(y.reserves_usd == 0);
  CHECK(y.cut[f] == 0);
}

TEST_CASE("industry staff leave by attrition only", "[talent]") {
  // 100 research scientists, attrition 10%: 10 leave, none counted as moves to industry,
  // even with a mobility share set for the role.
  Scenario s = scenario();
  s.talent.mobility[role_index(Role::kResearchScientist)] = 0.5;
  Institution inst = university({role(Role::kResearchScientist, 100, 200e3, 0, 0.10)});
  inst.kind = InstitutionKind::kIndustry;
  model::TalentYear y = model::step_talent(inst, s, pay_market(400e3), 2024, stock(inst), 1e9, 0);
  size_t r = at(inst, Role::kResearchScientist);
  CHECK(y.departures[r] == near(10));
  CHECK(y.to_industry[r] == 0);
  CHECK(y.hires[r] == near(10));
  CHECK(y.end[r] == near(100));
}

TEST_CASE("PhD graduations are stock / program_years, and graduates weigh industry", "[talent]") {
  // 55 PhD students, 5.5 years: 55 / 5.5 = 10 graduate. Academic offer 100k vs industry 200k:
  // 10 x 0.233086 = 2.330865 graduates go to industry. The intake refills the program to 55.
  Scenario s = scenario();
  RolePlan phd = role(Role::kPhd, 55, 40e3, 0, 0);
  phd.program_years = 5.5;
  Institution inst = university({phd});
  model::TalentYear y = model::step_talent(inst, s, pay_market(200e3, 100e3), 2024, stock(inst), 1e9, 0);
  size_t p = at(inst, Role::kPhd);
  CHECK(y.graduates[p] == near(10));
  CHECK(y.departures[p] == 0);
  CHECK(y.graduates_to_industry == near(10 * kChoicePayRatio2));
  CHECK(y.hires[p] == near(10));
  CHECK(y.end[p] == near(55));
}

TEST_CASE("hiring fills to the target and spends salaries, fringe, F&A and tuition", "[talent]") {
  // 10 faculty at 100k, fringe 20%, attrition 10%, F&A 50%: 9 stay, 1 hire.
  //   cost per person = 100k x 1.2 x 1.5 = 180k; 10 x 180k = 1.8M fits a 2M envelope.
  //   direct = 10 x 120k = 1.2M; indirect = 1.2M x 0.5 = 0.6M.
  // A PhD line, 11 students at 40k, tuition 16k, half paid here, 5.5 years: 2 graduate, 2 hired.
  //   direct = 11 x (40k + 16k) x 0.5 = 308k; indirect = 11 x 40k x 0.5 x 0.5 = 110k (no F&A
  //   on tuition).
  Scenario s = scenario();
  RolePlan phd = role(Role::kPhd, 11, 40e3, 0, 0);
  phd.program_years = 5.5;
  phd.tuition_usd = 16e3;
  phd.paid_share = 0.5;
  Institution inst = university({role(Role::kFaculty, 10, 100e3, 0.2, 0.10), phd});
  model::TalentYear y = model::step_talent(inst, s, pay_market(0), 2024, stock(inst), 3e6, 0.5);
  CHECK(y.hires[at(inst, Role::kFaculty)] == near(1));
  CHECK(y.hires[at(inst, Role::kPhd)] == near(2));
  CHECK(y.end[at(inst, Role::kFaculty)] == near(10));
  CHECK(y.end[at(inst, Role::kPhd)] == near(11));
  CHECK(y.personnel_direct_usd == near(1.2e6 + 308e3));
  CHECK(y.indirect_usd == near(0.6e6 + 110e3));
  CHECK(y.reserves_usd == 0);
  CHECK(y.unfunded_usd == 0);
}

TEST_CASE("a target series replaces the count as the target", "[talent]") {
  // Start 10, no attrition, target 14 in 2025: 4 hires.
  Scenario s = scenario();
  RolePlan f = role(Role::kFaculty, 10, 100e3, 0, 0);
  f.target = Series{{{2024, 10}, {2026, 18}}, 1};  // 2025: 10 + (18 - 10) / 2 = 14
  Institution inst = university({f});
  model::TalentYear y = model::step_talent(inst, s, pay_market(0), 2025, stock(inst), 1e9, 0);
  CHECK(y.hires[at(inst, Role::kFaculty)] == near(4));
  CHECK(y.end[at(inst, Role::kFaculty)] == near(14));
}

TEST_CASE("every role fills the same share of its vacancies when the envelope is short", "[talent]") {
  // Faculty: 10 at 100k, fringe 20%, attrition 10%; cost 100k x 1.2 x 1.5 = 180k; 9 stay, need 1.
  // Postdocs: 10 at 50k, fringe 20%, attrition 20%; cost 50k x 1.2 x 1.5 = 90k; 8 stay, need 2.
  //   committed = 9 x 180k + 8 x 90k = 1.62M + 0.72M = 2.34M
  //   needed    = 1 x 180k + 2 x 90k = 360k
  // Envelope 2.43M leaves 90k: fill = 90k / 360k = 25% -> 0.25 faculty, 0.5 postdocs.
  Scenario s = scenario();
  Institution inst = university({role(Role::kFaculty, 10, 100e3, 0.2, 0.10),
                                 role(Role::kPostdoc, 10, 50e3, 0.2, 0.20)});
  model::TalentYear y = model::step_talent(inst, s, pay_market(0), 2024, stock(inst), 2.43e6, 0.5);
  CHECK(y.hires[at(inst, Role::kFaculty)] == near(0.25));
  CHECK(y.hires[at(inst, Role::kPostdoc)] == near(0.5));
  CHECK(y.end[at(inst, Role::kFaculty)] == near(9.25));
  CHECK(y.end[at(inst, Role::kPostdoc)] == near(8.5));
  // Spent = 9.25 x 180k + 8.5 x 90k = 1.665M + 0.765M = 2.43M: the whole envelope.
  CHECK(y.personnel_direct_usd + y.indirect_usd == near(2.43e6));
  CHECK(y.reserves_usd == 0);
  CHECK(y.unfunded_usd == 0);
}

TEST_CASE("commitments beyond the funds stop hiring and cut the same share of every role's posts", "[talent]") {
  // Same two roles at 50% F&A: 9 faculty stay (180k each with F&A, 120k direct) and 8 postdocs
  // (90k, 60k direct): committed 2.34M, direct 1.56M. Envelope 2.0M and no reserves.
  //   cut share c = 1 - 2.0 / 2.34 = 0.34 / 2.34 = 0.1452991 of every role's posts:
  //   faculty 9c = 1.3076923 cut, 7.6923077 left; postdocs 8c = 1.1623932 cut, 6.8376068 left.
  //   Kept: (1 - c) x 2.34M = 2.0M, the envelope; direct (1 - c) x 1.56M = 1.3333333M, F&A 0.6666667M.
  //   Unfunded: c x 1.56M = 0.2266667M of direct pay.
  Scenario s = scenario();
  Institution inst = university({role(Role::kFaculty, 10, 100e3, 0.2, 0.10),
                                 role(Role::kPostdoc, 10, 50e3, 0.2, 0.20)});
  model::TalentYear y = model::step_talent(inst, s, pay_market(0), 2024, stock(inst), 2.0e6, 0.5);
  const double c = 0.34 / 2.34;
  CHECK(y.hires[at(inst, Role::kFaculty)] == 0);
  CHECK(y.hires[at(inst, Role::kPostdoc)] == 0);
  CHECK(y.cut[at(inst, Role::kFaculty)] == near(9 * c));
  CHECK(y.cut[at(inst, Role::kPostdoc)] == near(8 * c));
  CHECK(y.cut[at(inst, Role::kFaculty)] == Approx(1.3076923).epsilon(1e-7));
  CHECK(y.end[at(inst, Role::kFaculty)] == near(9 * (1 - c)));
  CHECK(y.end[at(inst, Role::kPostdoc)] == near(8 * (1 - c)));
  CHECK(y.personnel_direct_usd == near(1.56e6 * (1 - c)));
  CHECK(y.personnel_direct_usd == Approx(1333333.3333).epsilon(1e-9));
  CHECK(y.indirect_usd == near(2.0e6 / 3));
  CHECK(y.reserves_usd == 0);
  CHECK(y.unfunded_usd == near(1.56e6 * c));
  CHECK(y.unfunded_usd == Approx(226666.6667).epsilon(1e-9));
  // Spending is exactly the money there is.
  CHECK(y.personnel_direct_usd + y.indirect_usd == near(2.0e6));
  for (size_t r = 0; r < y.end.size(); ++r)
    CHECK(y.end[r] == Approx(y.start[r] + y.hires[r] - y.departures[r] - y.graduates[r] - y.cut[r]).margin(1e-9));
}

TEST_CASE("reserves pay the direct cost the funds cannot, and only what they cannot pay is cut", "[talent]") {
  // The same commitments (2.34M with F&A, 1.56M direct) against funds of 2.0M: the funds pay
  // 2.0 / 2.34 of every cost, leaving (1 - 2.0 / 2.34) x 1.56M = 0.2266667M of direct pay.
  Scenario s = scenario();
  Institution inst = university({role(Role::kFaculty, 10, 100e3, 0.2, 0.10),
                                 role(Role::kPostdoc, 10, 50e3, 0.2, 0.20)});
  model::RolePay pay = model::role_pay(inst, s, 2024, 200e3, 1);
  model::TalentStart started = model::start_talent(inst, s, pay_market(0), 2024, pay, stock(inst), 0.5);
  CHECK(started.committed.cost_usd == near(2.34e6));
  CHECK(started.committed.direct_usd == near(1.56e6));
  SECTION("reserves of 300k pay all of it: nobody is cut, nobody hired") {
    model::TalentYear y = model::finish_talent(inst, started, {2.0e6, 0.3e6});
    CHECK(y.reserves_usd == near(1.56e6 * 0.34 / 2.34));
    CHECK(y.cut[at(inst, Role::kFaculty)] == 0);
    CHECK(y.hires[at(inst, Role::kFaculty)] == 0);
    CHECK(y.end[at(inst, Role::kFaculty)] == near(9));
    // The funds pay 2.0M with its F&A: 2.0M / 1.5 = 1.3333333M of pay and 0.6666667M of F&A.
    CHECK(y.indirect_usd == near(2.0e6 / 3));
    CHECK(y.personnel_direct_usd + y.indirect_usd - y.reserves_usd == near(2.0e6));
  }
  SECTION("reserves of 100k pay part of it; the rest, 126,666.67, is cut") {
    //   c = (226,666.67 - 100,000) / 1.56M = 0.0811966; kept direct 1.56M x (1 - c) = 1,433,333.33;
    //   kept with F&A 2.34M x (1 - c) = 2.15M, of which the funds pay 2.0M (share 0.9302326):
    //   F&A 0.9302326 x 1,433,333.33 x 0.5 = 666,666.67; reserves 0.0697674 x 1,433,333.33 = 100,000.
    model::TalentYear y = model::finish_talent(inst, started, {2.0e6, 0.1e6});
    const double c = (1.56e6 * 0.34 / 2.34 - 0.1e6) / 1.56e6;
    CHECK(c == Approx(0.0811966).epsilon(1e-6));
    CHECK(y.cut[at(inst, Role::kFaculty)] == near(9 * c));
    CHECK(y.cut[at(inst, Role::kPostdoc)] == near(8 * c));
    CHECK(y.personnel_direct_usd == near(1433333.3333333));
    CHECK(y.indirect_usd == near(2.0e6 / 3));
    CHECK(y.reserves_usd == near(0.1e6));
    CHECK(y.unfunded_usd == near(126666.6666667));
    CHECK(y.personnel_direct_usd + y.indirect_usd - y.reserves_usd == near(2.0e6));
  }
}

TEST_CASE("people are conserved per role: end = start + hires - departures - graduates - cut", "[talent]") {
  Scenario s = scenario();
  s.talent.mobility = {0.1, 0.4, 0, 0, 0};
  RolePlan phd = role(Role::kPhd, 60, 45e3, 0, 0.02);
  phd.program_years = 5.5;
  Institution inst = university({role(Role::kFaculty, 12, 185e3, 0.3, 0.03),
                                 role(Role::kPostdoc, 10, 65e3, 0.25, 0.30), phd});
  for (double envelope : {0.0, 1e6, 5e6, 1e9}) {
    model::TalentYear y = model::step_talent(inst, s, pay_market(300e3, 65e3), 2024, stock(inst), envelope, 0.55);
    for (size_t r = 0; r < y.end.size(); ++r) {
      CHECK(y.end[r] == Approx(y.start[r] + y.hires[r] - y.departures[r] - y.graduates[r] - y.cut[r]).margin(1e-9));
      CHECK(y.end[r] >= 0);
      CHECK(y.cut[r] >= 0);
    }
  }
}

TEST_CASE("a run records the headcount-weighted mean salary of the roles, per institution", "[talent]") {
  labsim::Scenario s = labsim::load_scenario_string(R"(
scenario: {name: pay, years: 2024-2025}
economy: {inflation: 3%/yr}
market: {industry_comp: 300k, frontier_training_flop: 1e25}
institutions:
  - id: uni
    kind: university
    replicas: 3
    people:
      - {role: faculty, count: 4, salary: 150k}
      - {role: phd, count: 6, salary: 40k}
    funding:
      - {name: grant, amount: 10M/yr, years: 2024-2025}
    spending: {compute_share: 0%}
  - id: lab
    kind: industry
    people:
      - {role: research_scientist, count: 5, salary: market}
      - {role: engineer, count: 15, salary: 100k}
    funding:
      - {name: ops, amount: 100M/yr, years: 2024-2025}
  - id: center
    kind: national_resource
    fleet: [{gpu: H100-SXM, count: 8, acquired: 2024}]
    funding:
      - {name: appropriation, amount: 1M/yr, years: 2024-2025}
)", "pay.yaml");
  labsim::Trajectory t = labsim::run(s);
  auto mean = [&](size_t i, int yi) { return t.institutions[i].at(yi, labsim::Metric::kTalentMeanSalary); };
  // The money fills every vacancy: each role ends the year at its count.
  // uni 2024: (4 x 150k + 6 x 40k) / 10 = 840k / 10 = 84,000, the same for each of the 3 replicas.
  CHECK(t.institutions[0].at(0, labsim::Metric::kTalentHeadcount) == near(30));
  CHECK(mean(0, 0) == near(84000));
  // uni 2025, salaries up 3%: (4 x 154.5k + 6 x 41.2k) / 10 = (618k + 247.2k) / 10 = 86,520.
  CHECK(mean(0, 1) == near(86520));
  // lab 2024, research scientists paid the market: (5 x 300k + 15 x 100k) / 20 = 3M / 20 = 150,000.
  CHECK(mean(1, 0) == near(150000));
  // Nobody to pay: undefined.
  CHECK(std::isnan(mean(2, 0)));
}

// Guards issue 13 (a): an industry compute figure of 0 is floored at 1 H100-hour like any figure
// below it, so the choice is continuous at 0; the term is dropped only when the scenario gives no
// figure at all. (Before the fix, exactly 0 dropped the term: 0 and 1e-9 hours gave different
// departures.)
TEST_CASE("industry compute of 0 and of 1e-9 H100-hours give the same departures", "[talent]") {
  // 100 faculty at 100k, attrition 3%, mobility 10%, industry pays 200k, own compute 100 hours:
  //   x = -2.3 + 1.6 ln 2 + 0.15 ln(max(1, c_ind) / 100) = -1.190965 - 0.690776 = -1.881741
  //   p = 1 / (1 + e^1.881741) = 1 / (1 + 6.5649) = 0.132189; moving = 100 x 0.10 x p = 1.32189
  Scenario s = scenario();
  s.talent.mobility[role_index(Role::kFaculty)] = 0.10;
  Institution inst = university({role(Role::kFaculty, 100, 100e3, 0.3, 0.03)});
  auto moving = [&](std::optional<double> industry_hours) {
    model::TalentMarket mk = pay_market(200e3);
    mk.industry_h100_hours_per_researcher = industry_hours;
    mk.own_h100_hours_per_researcher = 100;
    return model::step_talent(inst, s, mk, 2024, stock(inst), 1e9, 0).to_industry[at(inst, Role::kFaculty)];
  };
  double expected = 10 * model::logistic(-2.3 + 1.6 * std::log(2.0) + 0.15 * std::log(1.0 / 100));
  CHECK(expected == Approx(1.32189).epsilon(1e-5));
  CHECK(moving(0.0) == near(expected));
  CHECK(moving(1e-9) == near(expected));
  CHECK(moving(1.0) == near(expected));
  // No figure at all: the term is dropped, x = -2.3 + 1.6 ln 2.
  CHECK(moving(std::nullopt) == near(10 * kChoicePayRatio2));
}

// Guards issue 13 (a) through the engine: an industry lab with researchers and no GPUs is a known
// industry figure of 0 hours per researcher, floored at 1 like market.industry_h100_hours_per_researcher
// of 1e-9, so the university's moves to industry are the same in both scenarios.
TEST_CASE("an industry lab without compute counts as 1 H100-hour per researcher in the choice", "[talent]") {
  auto moving = [](const std::string& market, const std::string& lab) {
    labsim::Scenario s = labsim::load_scenario_string(R"(
scenario: {name: floor, years: 2024-2024}
economy: {inflation: 0%/yr}
talent:
  choice: {intercept: -2.3, salary: 1.6, compute: 0.15}
  mobility: {faculty: 10%/yr}
market: {industry_comp: 200k, frontier_training_flop: 1e25)" + market + R"(}
institutions:
  - id: uni
    kind: university
    fleet: [{gpu: H100-SXM, count: 1, acquired: 2023, lifetime: 10 years}]
    operations: {availability: 100%, utilization: 100%}
    people: [{role: faculty, count: 100, salary: 100k, paid_share: 0%, attrition: 3%/yr}]
    funding: [{name: grant, amount: 1M/yr, years: 2024-2024}]
)" + lab, "floor.yaml");
    return labsim::run(s).institutions[0].at(0, labsim::Metric::kTalentDeparturesToIndustry);
  };
  // Own compute: 8,760 H100-hours over 100 faculty = 87.6 hours per researcher.
  //   x = -2.3 + 1.6 ln 2 + 0.15 ln(1 / 87.6) = -1.190965 - 0.670917 = -1.861882
  //   moving = 100 x 10% x sigma(x) = 10 x 0.134484 = 1.34484
  double expected = 10 * model::logistic(-2.3 + 1.6 * std::log(2.0) + 0.15 * std::log(1 / 87.6));
  CHECK(expected == Approx(1.34484).epsilon(1e-5));
  const std::string lab = R"(
  - id: lab
    kind: industry
    people: [{role: research_scientist, count: 10, salary: market, paid_share: 0%}]
    funding: [{name: budget, amount: 1M/yr, years: 2024-2024}]
)";
  CHECK(moving("", lab) == near(expected));
  CHECK(moving(", industry_h100_hours_per_researcher: 1e-9", "") == near(expected));
}
