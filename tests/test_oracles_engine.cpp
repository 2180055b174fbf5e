// Independent oracles for the two least protected stages inside a running engine (issue 12, item 2):
// the talent wiring with mobility on, the output stage over years with attrition and a growing
// frontier, and a calibration whose targets come from closed-form formulas. Every expected value is
// derived by hand from docs/model.md in the comments, never copied from the program's output.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include <fmt/format.h>

#include "labsim/calibrate.hpp"
#include "labsim/engine.hpp"
#include "labsim/loader.hpp"

namespace {

using labsim::Metric;

Approx exact(double v) { return Approx(v).epsilon(1e-9); }

// ---------------------------------------------------------------------------------------------
// Talent wiring. Units: u = 8,760 H100-hours, one H100 for a year (every fleet runs at 100%
// availability and utilization, and nothing is bought: compute_share 0%). The industry fleets
// cost far more to run than their budgets (20,800 H100s at about 4,200 USD a year each); their
// reserves of 200M pay the rest, so no GPU is cut.
//
// Choice model: β₀ = −ln 2, β_s = 1, β_c = 0.5, so the odds of taking an offer are
//   e^x = ½ · PR · √CR,   p = odds / (1 + odds),
// with PR = industry pay / own pay and CR = industry compute / own compute (per researcher).
//
// Pay (inflation 5%/yr; every salary grows with it, and so does market.industry_comp, so each PR
// holds every year): industry 2025 = 244,032 × 1.05 = 256,233.6.
//   faculty 128,116.8 → PR 2;  postdoc 85,411.2 → PR 3 (for moves while in post);
//   new PhDs and postdocs whose post ends weigh the national academic offer, the NRSA stipend
//   61,008 × 1.05^(2025−2024) = 64,058.4 → PR 4 (and 4 again in 2026 and 2027: stipend and
//   industry pay both grow 5%), at uni as at college: uni's own postdoc pay does not enter.
//
// Industry compute, c_ind = Σ research hours / Σ researchers over lab and startup, LAST year
// (both declare research_share 100%: every hour is research):
//   lab: 100 researchers; 19,200 H100 (2021, 5 years: in service to 2025) + 1,600 H100 (2023):
//        20,800 u in 2025, 1,600 u from 2026.   startup: 300 researchers, 4,800 H100: 4,800 u.
//   2025 sees the initial fleet and headcount: (20,800 + 4,800) / 400 = 64 u
//   2026 sees 2025:                           (20,800 + 4,800) / 400 = 64 u
//   2027 sees 2026:                            (1,600 + 4,800) / 400 = 16 u
//   (this year's compute would give 16 u in 2026; the unweighted mean of 208 u and 16 u, 112 u.)
//
// Own compute, c_u = own hours / own researchers, last year:
//   uni: 100 H100 = 100 u; researchers 5 faculty + 10 postdocs + 10 PhD = 25 at the start, then the
//        PhD target of 85 makes 100 from the end of 2025: c_u = 100/25 = 4 u (2025), 1 u (2026, 2027)
//   college: 50 H100 = 50 u; 10 faculty + 40 PhD = 50 people every year: c_u = 1 u.
//   CR: uni 64/4 = 16, 64/1 = 64, 16/1 = 16  (√: 4, 8, 4)
//       college 64, 64, 16                    (√: 8, 8, 4)
//
// Mobility 20% (faculty), 50% (postdoc, while in post), 0 (PhD); attrition: faculty 10%, postdoc
// 20% (posts that end: those leavers weigh industry against the national offer), PhD 0.
// Everyone has paid_share 0%, so every vacancy is filled: each role ends every year at its target.
const char* kTalentWiring = R"(
scenario: {name: talent-wiring, years: 2025-2027}
economy: {inflation: 5%/yr}
market: {industry_comp: {2024: 244032, growth: 5%/yr}, frontier_training_flop: 1e25}
talent:
  choice: {intercept: -0.69314718055994531, salary: 1, compute: 0.5}
  mobility: {faculty: 20%/yr, postdoc: 50%/yr, phd: 0%/yr}
institutions:
  - id: lab
    kind: industry
    fleet:
      - {gpu: H100-SXM, count: 19200, acquired: 2021, lifetime: 5 years}
      - {gpu: H100-SXM, count: 1600, acquired: 2023, lifetime: 10 years}
    operations: {availability: 100%, utilization: 100%}
    people: [{role: research_scientist, count: 100, salary: market, paid_share: 0%, attrition: 0%/yr}]
    funding: [{name: budget, amount: 1M/yr, years: 2025-2027}]
    spending: {compute_share: 0%}
    reserves: 200M
    research_share: 100%
  - id: startup
    kind: industry
    fleet: [{gpu: H100-SXM, count: 4800, acquired: 2023, lifetime: 10 years}]
    operations: {availability: 100%, utilization: 100%}
    people: [{role: research_scientist, count: 300, salary: market, paid_share: 0%, attrition: 0%/yr}]
    funding: [{name: budget, amount: 1M/yr, years: 2025-2027}]
    spending: {compute_share: 0%}
    reserves: 200M
    research_share: 100%
  - id: uni
    kind: university
    fleet: [{gpu: H100-SXM, count: 100, acquired: 2023, lifetime: 10 years}]
    operations: {availability: 100%, utilization: 100%}
    people:
      - {role: faculty, count: 5, salary: 128116.8, paid_share: 0%, attrition: 10%/yr}
      - {role: postdoc, count: 10, salary: 85411.2, paid_share: 0%, attrition: 20%/yr}
      - {role: phd, count: 10, target: 85, salary: 40k, paid_share: 0%, attrition: 0%/yr, program_years: 5}
    funding: [{name: grant, amount: 1M/yr, years: 2025-2027}]
    spending: {compute_share: 0%}
  - id: college
    kind: university
    fleet: [{gpu: H100-SXM, count: 50, acquired: 2023, lifetime: 10 years}]
    operations: {availability: 100%, utilization: 100%}
    people:
      - {role: faculty, count: 10, salary: 128116.8, paid_share: 0%, attrition: 0%/yr}
      - {role: phd, count: 40, salary: 40k, paid_share: 0%, attrition: 0%/yr, program_years: 5}
    funding: [{name: grant, amount: 1M/yr, years: 2025-2027}]
    spending: {compute_share: 0%}
)";

enum Inst { kLab = 0, kStartup = 1, kUni = 2, kCollege = 3 };

const labsim::Trajectory& talent_run() {
  static const labsim::Trajectory t = labsim::run(labsim::load_scenario_string(kTalentWiring, "talent-wiring.yaml"));
  return t;
}

double talent_metric(Inst i, int year, Metric m) { return talent_run().institutions[i].at(year - 2025, m); }

// p = odds / (1 + odds) with odds = ½ · PR · √CR.
constexpr double p_of(double pay_ratio, double sqrt_compute_ratio) {
  double odds = 0.5 * pay_ratio * sqrt_compute_ratio;
  return odds / (1 + odds);
}

}  // namespace

TEST_CASE("talent oracle: the fleets and headcounts the hand derivation rests on", "[talent][oracle]") {
  constexpr double u = 8760;
  for (int year = 2025; year <= 2027; ++year) {
    INFO(year);
    for (Inst i : {kLab, kStartup, kUni, kCollege}) CHECK(talent_metric(i, year, Metric::kFleetPurchased) == 0);
    CHECK(talent_metric(kLab, year, Metric::kComputeH100Hours) == exact((year == 2025 ? 20800 : 1600) * u));
    CHECK(talent_metric(kStartup, year, Metric::kComputeH100Hours) == exact(4800 * u));
    CHECK(talent_metric(kLab, year, Metric::kTalentHeadcount) == exact(100));
    CHECK(talent_metric(kStartup, year, Metric::kTalentHeadcount) == exact(300));
    CHECK(talent_metric(kUni, year, Metric::kComputeH100Hours) == exact(100 * u));
    // Own compute per researcher, at the end-of-year headcount: 100 u / 100, 50 u / 50.
    CHECK(talent_metric(kUni, year, Metric::kComputeH100HoursPerResearcher) == exact(u));
    CHECK(talent_metric(kCollege, year, Metric::kComputeH100HoursPerResearcher) == exact(u));
    CHECK(talent_metric(kUni, year, Metric::kTalentHeadcountPhd) == exact(85));
    CHECK(talent_metric(kUni, year, Metric::kTalentHeadcount) == exact(100));
    CHECK(talent_metric(kCollege, year, Metric::kTalentHeadcount) == exact(50));
  }
}

TEST_CASE("talent oracle: faculty and postdocs move to industry with σ(β₀ + β_s ln PR + β_c ln CR)",
          "[talent][oracle]") {
  // uni, moves in post = mobility × starting headcount × p (starting headcounts 5 and 10 each
  // year: every role is refilled to its count):
  //   2025, √CR 4:  faculty p(2, 4) = 4/5,  5 × 0.2 × 4/5 = 0.8;   postdoc p(3, 4) = 6/7,  10 × 0.5 × 6/7 = 30/7
  //   2026, √CR 8:  faculty p(2, 8) = 8/9,  5 × 0.2 × 8/9 = 8/9;   postdoc p(3, 8) = 12/13, 60/13
  //   2027, √CR 4:  as 2025.
  // plus the postdocs whose post ends (10 × 20% = 2 a year) and who take industry against the
  // national offer (PR 4): 2 × p(4, 4) = 16/9 in 2025 and 2027, 2 × p(4, 8) = 32/17 in 2026.
  // They are part of the natural departures, not added to them:
  //   departures = natural + moves in post: 2025 = 0.5 + 2 + 0.8 + 30/7 = 3.3 + 30/7;  hires refill them.
  // college, faculty 10 × 0.2 × p(2, √CR): 2025 and 2026 √CR 8 → 8/9, 16/9; 2027 √CR 4 → 4/5, 1.6.
  //   No attrition: departures = moves; retention = 1 − moves / 50.
  // Without the compute term uni's faculty would move with p = 1/2, without the salary term
  // with p = 2/3; with this year's industry compute, 2026 would repeat 2025's 4/5 and 6/7.
  const double ending[] = {16.0 / 9, 32.0 / 17, 16.0 / 9};
  const double uni_moves[] = {0.8 + 30.0 / 7 + ending[0], 8.0 / 9 + 60.0 / 13 + ending[1], 0.8 + 30.0 / 7 + ending[2]};
  const double college_moves[] = {16.0 / 9, 16.0 / 9, 1.6};
  CHECK(p_of(2, 4) == exact(0.8));
  CHECK(p_of(3, 8) == exact(12.0 / 13));
  for (int year = 2025; year <= 2027; ++year) {
    INFO(year);
    int yi = year - 2025;
    CHECK(talent_metric(kUni, year, Metric::kTalentDeparturesToIndustry) == exact(uni_moves[yi]));
    CHECK(talent_metric(kCollege, year, Metric::kTalentDeparturesToIndustry) == exact(college_moves[yi]));
    CHECK(talent_metric(kCollege, year, Metric::kTalentRetentionRate) == exact(1 - college_moves[yi] / 50));
    CHECK(talent_metric(kLab, year, Metric::kTalentDeparturesToIndustry) == 0);  // industry does not move
  }
  CHECK(talent_metric(kUni, 2025, Metric::kTalentDepartures) == exact(3.3 + 30.0 / 7));
  // Hires: faculty 1.3 + postdocs 2 + 30/7, PhD 85 − (10 − 2 graduates) = 77.
  CHECK(talent_metric(kUni, 2025, Metric::kTalentHires) == exact(1.3 + 2 + 30.0 / 7 + 77));
  CHECK(talent_metric(kUni, 2025, Metric::kTalentHeadcountFaculty) == exact(5));
  CHECK(talent_metric(kUni, 2025, Metric::kTalentHeadcountPostdoc) == exact(10));
  // The same by role (talent.hires.<role>, talent.departures_to_industry.<role>).
  const double faculty_moves[] = {0.8, 8.0 / 9, 0.8};
  const double postdoc_moves[] = {30.0 / 7 + ending[0], 60.0 / 13 + ending[1], 30.0 / 7 + ending[2]};
  for (int year = 2025; year <= 2027; ++year) {
    INFO(year);
    int yi = year - 2025;
    CHECK(talent_metric(kUni, year, Metric::kTalentDeparturesToIndustryFaculty) == exact(faculty_moves[yi]));
    CHECK(talent_metric(kUni, year, Metric::kTalentDeparturesToIndustryPostdoc) == exact(postdoc_moves[yi]));
    CHECK(talent_metric(kUni, year, Metric::kTalentDeparturesToIndustryPhd) == 0);  // PhD mobility 0
    CHECK(talent_metric(kCollege, year, Metric::kTalentDeparturesToIndustryFaculty) == exact(college_moves[yi]));
  }
  CHECK(talent_metric(kUni, 2025, Metric::kTalentHiresFaculty) == exact(1.3));
  CHECK(talent_metric(kUni, 2025, Metric::kTalentHiresPostdoc) == exact(2 + 30.0 / 7));
  CHECK(talent_metric(kUni, 2025, Metric::kTalentHiresPhd) == exact(77));
}

TEST_CASE("talent oracle: PhD graduates weigh the national academic offer, not the home postdoc pay",
          "[talent][oracle]") {
  // Graduates = starting PhD stock / 5: uni 10/5 = 2 in 2025, then 85/5 = 17; college 40/5 = 8.
  // Both weigh the NRSA stipend (64,058.4 in 2025, PR 4):
  //   uni p(4, 4) = 8/9, p(4, 8) = 16/17, p(4, 4) = 8/9;  college p(4, 8) = 16/17, 16/17, p(4, 4) = 8/9.
  // With the stipend not grown since 2024 PR would be 4.2; with uni's own postdoc pay, 3 (6/7 in 2025).
  const double uni_share[] = {8.0 / 9, 16.0 / 17, 8.0 / 9};
  const double college_share[] = {16.0 / 17, 16.0 / 17, 8.0 / 9};
  const double uni_graduates[] = {2, 17, 17};
  for (int year = 2025; year <= 2027; ++year) {
    INFO(year);
    int yi = year - 2025;
    CHECK(talent_metric(kUni, year, Metric::kTalentGraduates) == exact(uni_graduates[yi]));
    CHECK(talent_metric(kUni, year, Metric::kTalentGraduatesToIndustryShare) == exact(uni_share[yi]));
    CHECK(talent_metric(kCollege, year, Metric::kTalentGraduates) == exact(8));
    CHECK(talent_metric(kCollege, year, Metric::kTalentGraduatesToIndustryShare) == exact(college_share[yi]));
  }
}

namespace {

// ---------------------------------------------------------------------------------------------
// Output over four years. Largest run, uni: 50% of 10 H100 × 989e12 FLOP/s × 100% availability
// × 50% MFU × 90 days × 86,400 s = 2.5 × 989e12 × 7,776,000 = 1.922616e22 FLOP; lab (40 H100):
// 4x that. The frontier is 25 × 1.922616e22 = 4.80654e23 in 2025 and doubles each year, so with
// θ = 1% the ratio r = C_max / (θ F_t) is, for 2025..2028:
//   uni 4, 2, 1, 1/2;   lab 16, 8, 4, 2.
// Steepness k = 2: notable share σ(2 ln r) = r² / (1 + r²):
//   uni 16/17, 4/5, 1/2, 1/5;   lab 256/257, 64/65, 16/17, 4/5.
// Researcher-years (hires start at once and work at full productivity: vacancy 0 months, new-hire
// productivity 100%), i.e. the research headcount at the END of the year:
//   uni: 100 faculty, attrition 20%, hiring frozen (target 0): 80, 64, 51.2, 40.96
//   lab: 50 scientists, attrition 10%, target 60, 70, 80, 90 (filled, paid_share 0%): 60, 70, 80, 90
// Notable models = 0.01 × R × share:
//   uni 0.8 × 16/17 = 64/85, 0.64 × 4/5 = 0.512, 0.512 × 1/2 = 0.256, 0.4096 × 1/5 = 0.08192
//   lab 0.6 × 256/257 = 768/1285, 0.7 × 64/65 = 224/325, 0.8 × 16/17 = 64/85, 0.9 × 4/5 = 0.72
// Academic share = uni / (uni + lab): 257/461, 26/61, 17/67, 128/1253.
// The start-of-year headcount (uni 100, 80, 64, 51.2) or last year's frontier (r doubled) would
// change every one of these.
const char* kOutputYears = R"(
scenario: {name: output-years, years: 2025-2028}
market: {industry_comp: 200k, frontier_training_flop: {2025: 4.80654e23, growth: 2x/yr}}
output: {base_productivity: 0, productivity: 0.01, threshold: 1%, steepness: 2}
talent: {mobility: {faculty: 0%/yr}, vacancy_months: {research_scientist: 0}, new_hire_productivity: 100%}
institutions:
  - id: uni
    kind: university
    fleet: [{gpu: H100-SXM, count: 10, acquired: 2024, lifetime: 10 years}]
    operations: {availability: 100%, mfu: 50%}
    largest_run: {share: 50%, days: 90}
    people: [{role: faculty, count: 100, target: 0, salary: 100k, paid_share: 0%, attrition: 20%/yr}]
    funding: [{name: grant, amount: 1M/yr, years: 2025-2028}]
    spending: {compute_share: 0%}
  - id: lab
    kind: industry
    fleet: [{gpu: H100-SXM, count: 40, acquired: 2024, lifetime: 10 years}]
    operations: {availability: 100%, mfu: 50%}
    largest_run: {share: 50%, days: 90}
    people:
      - {role: research_scientist, count: 50, target: {2025: 60, 2028: 90}, salary: 300k, paid_share: 0%,
         attrition: 10%/yr}
    funding: [{name: budget, amount: 1M/yr, years: 2025-2028}]
    spending: {compute_share: 0%}
)";

}  // namespace

TEST_CASE("output oracle: end-of-year headcount after attrition against a doubling frontier with k = 2",
          "[output][oracle]") {
  labsim::Trajectory t = labsim::run(labsim::load_scenario_string(kOutputYears, "output-years.yaml"));
  const auto& uni = t.institutions[0];
  const auto& lab = t.institutions[1];
  const double uni_heads[] = {80, 64, 51.2, 40.96}, lab_heads[] = {60, 70, 80, 90};
  const double uni_share[] = {16.0 / 17, 0.8, 0.5, 0.2}, lab_share[] = {256.0 / 257, 64.0 / 65, 16.0 / 17, 0.8};
  const double uni_models[] = {64.0 / 85, 0.512, 0.256, 0.08192};
  const double lab_models[] = {768.0 / 1285, 224.0 / 325, 64.0 / 85, 0.72};
  const double academic[] = {257.0 / 461, 26.0 / 61, 17.0 / 67, 128.0 / 1253};
  for (int yi = 0; yi < 4; ++yi) {
    INFO(2025 + yi);
    // What the derivation rests on: the largest runs and the headcounts.
    CHECK(uni.at(yi, Metric::kComputeLargestRunFlop) == exact(1.922616e22));
    CHECK(lab.at(yi, Metric::kComputeLargestRunFlop) == exact(4 * 1.922616e22));
    CHECK(uni.at(yi, Metric::kTalentHeadcount) == exact(uni_heads[yi]));
    CHECK(lab.at(yi, Metric::kTalentHeadcount) == exact(lab_heads[yi]));
    // The stage.
    CHECK(uni.at(yi, Metric::kOutputNotableShare) == exact(uni_share[yi]));
    CHECK(lab.at(yi, Metric::kOutputNotableShare) == exact(lab_share[yi]));
    CHECK(uni.at(yi, Metric::kOutputNotableModels) == exact(uni_models[yi]));
    CHECK(lab.at(yi, Metric::kOutputNotableModels) == exact(lab_models[yi]));
    CHECK(uni.at(yi, Metric::kOutputAcademicShare) == exact(academic[yi]));
    CHECK(lab.at(yi, Metric::kOutputAcademicShare) == exact(academic[yi]));
  }
}

TEST_CASE("calibration oracle: targets from the closed form recover productivity and threshold",
          "[calibrate][oracle]") {
  // Targets written from the closed form N_t = a × R_t × r_t² / (1 + r_t²), r_t = C / (θ F_t), for
  // a = 0.02 and θ = 1%, with the headcounts and run sizes of kOutputYears (above): uni R = 80, 64,
  // 51.2, 40.96 and C/F_2025 = 1/25; lab R = 60, 70, 80, 90 and 4/25; F doubles every year.
  // Starting from a = 0.005 and θ = 4%, the fit must land on a = 0.02 and θ = 1%.
  auto closed_form = [](double a, double theta, double heads, double c_over_f2025, int yi) {
    double r = c_over_f2025 / (theta * (1 << yi));
    return a * heads * r * r / (1 + r * r);
  };
  const double uni_heads[] = {80, 64, 51.2, 40.96}, lab_heads[] = {60, 70, 80, 90};
  std::string csv = "institution,year,metric,value\n";
  for (int yi = 0; yi < 4; ++yi) {
    csv += fmt::format("uni,{},output.notable_models,{:.17g}\n", 2025 + yi,
                       closed_form(0.02, 0.01, uni_heads[yi], 1.0 / 25, yi));
    csv += fmt::format("lab,{},output.notable_models,{:.17g}\n", 2025 + yi,
                       closed_form(0.02, 0.01, lab_heads[yi], 4.0 / 25, yi));
  }
  // The closed form itself, at a few points worked by hand: uni 2025 = 0.02 × 80 × 16/17,
  // lab 2028 = 0.02 × 90 × 4/5 = 1.44.
  CHECK(closed_form(0.02, 0.01, 80, 1.0 / 25, 0) == exact(1.6 * 16 / 17));
  CHECK(closed_form(0.02, 0.01, 90, 4.0 / 25, 3) == exact(1.44));
  labsim::Scenario start = labsim::load_scenario_string(kOutputYears, "output-years.yaml",
                                                        {"output.productivity=0.005", "output.threshold=4%"});
  std::vector<labsim::Observation> targets = labsim::parse_targets(csv, "closed-form.csv", start);
  REQUIRE(targets.size() == 8);
  labsim::CalibrationOptions options;
  options.fit = {"output.productivity", "output.threshold"};
  labsim::CalibrationResult r = labsim::calibrate(start, targets, options);
  CHECK(r.converged);
  REQUIRE(r.parameters.size() == 2);
  CHECK(r.parameters[0].value == Approx(0.02).epsilon(1e-6));
  CHECK(r.parameters[1].value == Approx(0.01).epsilon(1e-6));
  CHECK(r.start_rmse > 0.1);
  CHECK(r.rmse < 1e-8);
}
