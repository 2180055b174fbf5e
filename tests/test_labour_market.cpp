// The labour market of talent v2 (docs/model.md, "Talent"): industry demand in the choice, the
// national academic offer, the research share of industry compute, postdoc exits counted once,
// and vacancies and new hires that cost output. Every expected value is worked out by hand in the
// comments.
#include <catch2/catch.hpp>

#include <string>

#include "labsim/engine.hpp"
#include "labsim/loader.hpp"
#include "loader_helpers.hpp"

namespace {

using labsim::Metric;

Approx exact(double v) { return Approx(v).epsilon(1e-9); }

// One university, one year. Choice: only the terms a case switches on (intercept 0 → p = 1/2
// when nothing else counts; the salary term is 0 unless `talent` sets it). The university has
// 100 H100s running all year.
std::string university(const std::string& market, const std::string& talent, const std::string& people) {
  const std::string salary = talent.find("salary:") == std::string::npos ? ", salary: 0" : "";
  return "scenario: {name: lm, years: 2025-2026}\n"
         "economy: {inflation: 0%/yr}\n"
         "market: {industry_comp: 200k" + market + "}\n"
         "talent: {choice: {intercept: 0, compute: 0" + salary + talent + "}}\n"
         "institutions:\n"
         "  - id: uni\n"
         "    kind: university\n"
         "    fleet: [{gpu: H100-SXM, count: 100, acquired: 2024, lifetime: 10 years}]\n"
         "    operations: {availability: 100%, utilization: 100%}\n"
         "    people: " + people + "\n"
         "    funding: [{name: grant, amount: 1M/yr, years: 2025-2026}]\n"
         "    spending: {compute_share: 0%}\n";
}

double value(const labsim::Trajectory& t, size_t i, int year, Metric m) {
  return t.institutions[i].at(year - t.first_year, m);
}

}  // namespace

TEST_CASE("industry demand enters the choice as demand x ln(D / 39.618 billion)", "[talent][labour]") {
  // 20 PhD students, 5-year programme: 4 graduates a year. Demand term 1 x ln(2) gives odds 2,
  // p = 2/3; at the reference level (D = 39.618e9) the term is 0 and p = 1/2; without the
  // series the term is dropped (p = 1/2 too).
  const std::string phd = "[{role: phd, count: 20, salary: 40k, paid_share: 0%, program_years: 5}]";
  auto share = [&](const std::string& market) {
    labsim::Trajectory t = labsim::run(labsim::load_scenario_string(university(market, ", demand: 1", phd), "lm.yaml"));
    return value(t, 0, 2025, Metric::kTalentGraduatesToIndustryShare);
  };
  CHECK(share(", industry_demand: 79.236e9") == exact(2.0 / 3));
  CHECK(share(", industry_demand: 39.618e9") == exact(0.5));
  CHECK(share("") == exact(0.5));
  // A demand half the reference: odds 1/2, p = 1/3.
  CHECK(share(", industry_demand: 19.809e9") == exact(1.0 / 3));
}

TEST_CASE("academic demand enters the choice of those on the academic job market only", "[talent][labour]") {
  // Academic-demand weight 1: the term is -ln(A / 44.539 billion). A = 89.078e9 (twice the
  // reference) gives odds 1/2, p = 1/3; half the reference, odds 2, p = 2/3; at the reference or
  // without the series, p = 1/2. People: 20 PhD students (4 graduates a year), 10 postdocs (30 %
  // attrition: 3 posts end a year), 10 faculty weighing offers at 10 % a year, none retiring.
  const std::string people =
      "[{role: phd, count: 20, salary: 40k, paid_share: 0%, program_years: 5},"
      " {role: postdoc, count: 10, salary: 60k, paid_share: 0%, attrition: 30%/yr},"
      " {role: faculty, count: 10, salary: 150k, paid_share: 0%, attrition: 0%/yr}]";
  auto year_2025 = [&](const std::string& market) {
    return labsim::run(labsim::load_scenario_string(
        university(market, ", academic_demand: 1}, mobility: {faculty: 10%/yr", people), "lm.yaml"));
  };
  struct Case {
    const char* market;
    double p;
  };
  for (Case c : {Case{", academic_demand: 89.078e9", 1.0 / 3}, Case{", academic_demand: 22.2695e9", 2.0 / 3},
                 Case{", academic_demand: 44.539e9", 0.5}, Case{"", 0.5}}) {
    INFO(c.market);
    labsim::Trajectory t = year_2025(c.market);
    CHECK(value(t, 0, 2025, Metric::kTalentGraduatesToIndustryShare) == exact(c.p));
    // Postdocs whose post ends: 3 leavers x p.
    CHECK(value(t, 0, 2025, Metric::kTalentDeparturesToIndustryPostdoc) == exact(3 * c.p));
    // Faculty in post do not weigh openings: 10 x 10 % x 1/2 whatever the academic demand.
    CHECK(value(t, 0, 2025, Metric::kTalentDeparturesToIndustryFaculty) == exact(0.5));
  }
}

TEST_CASE("a new PhD weighs industry pay against the national offer, whatever the home postdoc pays",
          "[talent][labour]") {
  // Salary term 1: odds = industry pay / offer. market.academic_offer 50k: odds 200/50 = 4, p = 4/5,
  // with or without a postdoc role paid 100k at home (that would give odds 2, p = 2/3).
  const std::string alone = "[{role: phd, count: 20, salary: 40k, paid_share: 0%, program_years: 5}]";
  const std::string with_postdocs =
      "[{role: phd, count: 20, salary: 40k, paid_share: 0%, program_years: 5},"
      " {role: postdoc, count: 4, salary: 100k, paid_share: 0%}]";
  for (const std::string& people : {alone, with_postdocs}) {
    labsim::Trajectory t =
        labsim::run(labsim::load_scenario_string(university(", academic_offer: 50k", ", salary: 1", people), "lm.yaml"));
    CHECK(value(t, 0, 2025, Metric::kTalentGraduatesToIndustryShare) == exact(0.8));
  }
}

TEST_CASE("postdocs leave once: posts that end, of whom p take industry", "[talent][labour]") {
  // 30 postdocs, attrition 1/3 a year (a three-year post): 10 leave. Salary term 1 against the
  // national offer 50k: p = 4/5, so 8 go to industry and 2 to the next academic job. Mobility in
  // post is 0 by default: departures are 10, not 10 + 30 x mobility x p.
  const std::string postdocs = "[{role: postdoc, count: 30, salary: 100k, paid_share: 0%, attrition: 33.333333333333333%/yr}]";
  labsim::Trajectory t =
      labsim::run(labsim::load_scenario_string(university(", academic_offer: 50k", ", salary: 1", postdocs), "lm.yaml"));
  CHECK(value(t, 0, 2025, Metric::kTalentDepartures) == exact(10));
  CHECK(value(t, 0, 2025, Metric::kTalentDeparturesToIndustryPostdoc) == exact(8));
  CHECK(value(t, 0, 2025, Metric::kTalentRetentionRate) == exact(2.0 / 3));
  // With 10% mobility in post at the home pay (odds 200/100 = 2, p = 2/3): 30 x 0.1 x 2/3 = 2 more
  // leave for industry while in post.
  labsim::Trajectory m = labsim::run(labsim::load_scenario_string(
      university(", academic_offer: 50k", ", salary: 1}, mobility: {postdoc: 10%/yr", postdocs), "lm.yaml"));
  CHECK(value(m, 0, 2025, Metric::kTalentDepartures) == exact(12));
  CHECK(value(m, 0, 2025, Metric::kTalentDeparturesToIndustryPostdoc) == exact(10));
}

TEST_CASE("a vacated post stays empty for its months and a new hire starts at reduced output",
          "[talent][labour]") {
  // 20 faculty, attrition 10%: 2 leave and 2 are hired to the count. Defaults: a faculty post is
  // vacant 9 months, and a new hire works the other 3 at half output: 18 + 2 x 3/12 x 0.5 = 18.25
  // researcher-years. 30 PhD students, programme 5 years: 6 graduate, 6 start at once (0 months)
  // at half output: 24 + 6 x 0.5 = 27. Total 45.25.
  const std::string people =
      "[{role: faculty, count: 20, salary: 150k, paid_share: 0%, attrition: 10%/yr},"
      " {role: phd, count: 30, salary: 40k, paid_share: 0%, program_years: 5}]";
  const std::string stay = "}, mobility: {faculty: 0%/yr";  // no moves to industry
  labsim::Trajectory t = labsim::run(labsim::load_scenario_string(university("", stay, people), "lm.yaml"));
  CHECK(value(t, 0, 2025, Metric::kTalentHeadcount) == exact(50));
  CHECK(value(t, 0, 2025, Metric::kTalentResearcherYears) == exact(45.25));
  // Notable output counts researcher-years: with a headcount part only (productivity 0, base
  // 0.01), 45.25 x 0.01 = 0.4525 notable models, not 50 x 0.01.
  labsim::Trajectory o = labsim::run(labsim::load_scenario_string(
      university(", frontier_training_flop: 1e25", stay, people) +
          "output: {base_productivity: 0.01, productivity: 0}\n",
      "lm.yaml"));
  CHECK(value(o, 0, 2025, Metric::kOutputNotableModels) == exact(0.4525));
  // No vacancy and full output for new hires: the headcount.
  labsim::Trajectory f = labsim::run(labsim::load_scenario_string(
      university("", "}, vacancy_months: {faculty: 0}, new_hire_productivity: 100%, mobility: {faculty: 0%/yr", people),
      "lm.yaml"));
  CHECK(value(f, 0, 2025, Metric::kTalentResearcherYears) == exact(50));
}

TEST_CASE("the compute a researcher weighs is the research share of an industry lab's fleet",
          "[talent][labour]") {
  // lab: 1,000 H100s all year = 8.76M H100-hours, 100 researchers. By default 71% is research:
  // 62,196 H100-hours per researcher (not 87,600). uni: 10 H100s, 10 faculty: 8,760 per researcher.
  // Choice with the compute term only (weight 1): odds in 2026 = last year's 62,196 / 8,760 = 7.1,
  // p = 7.1 / 8.1; 10 faculty x 10% mobility x p = 71/81.
  const char* yaml = R"(
scenario: {name: share, years: 2025-2026}
economy: {inflation: 0%/yr}
market: {industry_comp: 200k}
talent: {choice: {intercept: 0, salary: 0, compute: 1}, mobility: {faculty: 10%/yr}}
institutions:
  - id: lab
    kind: industry
    fleet: [{gpu: H100-SXM, count: 1000, acquired: 2024, lifetime: 10 years}]
    operations: {availability: 100%, utilization: 100%}
    people: [{role: research_scientist, count: 100, salary: market, paid_share: 0%, attrition: 0%/yr}]
    funding: [{name: budget, amount: 1M/yr, years: 2025-2026}]
    spending: {compute_share: 0%}
    reserves: 100M
  - id: uni
    kind: university
    fleet: [{gpu: H100-SXM, count: 10, acquired: 2024, lifetime: 10 years}]
    operations: {availability: 100%, utilization: 100%}
    people: [{role: faculty, count: 10, salary: 150k, paid_share: 0%, attrition: 0%/yr}]
    funding: [{name: grant, amount: 1M/yr, years: 2025-2026}]
    spending: {compute_share: 0%}
)";
  labsim::Trajectory t = labsim::run(labsim::load_scenario_string(yaml, "share.yaml"));
  CHECK(value(t, 0, 2025, Metric::kComputeH100Hours) == exact(8.76e6));
  CHECK(value(t, 0, 2025, Metric::kComputeH100HoursPerResearcher) == exact(62196));
  CHECK(value(t, 1, 2025, Metric::kComputeH100HoursPerResearcher) == exact(8760));
  CHECK(value(t, 1, 2026, Metric::kTalentDeparturesToIndustryFaculty) == exact(71.0 / 81));
  // Declared: research_share 50% → 43,800 per researcher, odds 5, 10 x 0.1 x 5/6.
  labsim::Trajectory half = labsim::run(labsim::load_scenario_string(yaml, "share.yaml", {"institutions.lab.research_share=50%"}));
  CHECK(value(half, 0, 2025, Metric::kComputeH100HoursPerResearcher) == exact(43800));
  CHECK(value(half, 1, 2026, Metric::kTalentDeparturesToIndustryFaculty) == exact(5.0 / 6));
}

TEST_CASE("labour-market keys are checked like every number", "[talent][labour][loader]") {
  const std::string phd = "[{role: phd, count: 20, salary: 40k, paid_share: 0%, program_years: 5}]";
  auto error = [&](const std::string& market, const std::string& talent) {
    return labsim::test::report_of(university(market, talent, phd));
  };
  CHECK_THAT(error(", industry_demand: -5", ""), Catch::Contains("market.industry_demand"));
  CHECK_THAT(error(", academic_offer: 0", ""), Catch::Contains("market.academic_offer"));
  CHECK_THAT(error(", academic_demand: 0", ""), Catch::Contains("market.academic_demand"));
  CHECK_THAT(error(", academic_demnad: 5e10", ""), Catch::Contains("did you mean 'academic_demand'?"));
  CHECK_THAT(error("", "}, vacancy_months: {faculty: 13}, mobility: {faculty: 0%/yr"),
             Catch::Contains("talent.vacancy_months.faculty"));
  CHECK_THAT(error("", "}, vacancy_month: {faculty: 3}, mobility: {faculty: 0%/yr"),
             Catch::Contains("did you mean 'vacancy_months'?"));
  CHECK_THAT(error("", "}, new_hire_productivity: 150%, mobility: {faculty: 0%/yr"),
             Catch::Contains("talent.new_hire_productivity"));
}
