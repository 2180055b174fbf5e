// The engine (DESIGN §4): a tiny university worked out by hand, and properties that must hold for
// every shipped scenario: money balances, people are conserved, replicas scale, allocations
// arrive, runs are deterministic, a reused workspace changes no value.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "labsim/engine.hpp"
#include "labsim/loader.hpp"

namespace {

using labsim::InstitutionSeries;
using labsim::Metric;
using labsim::Scenario;
using labsim::Trajectory;

Approx near(double v) { return Approx(v).epsilon(1e-9); }

// Replaces every "{KEY}" in `text`.
std::string substitute(std::string text, const std::string& key, const std::string& value) {
  for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + value.size()))
    text.replace(at, key.size(), value);
  return text;
}

// One university: 10 owned H100s, one grant, one role. Round numbers so that a year can be
// followed by hand.
const char* kTiny = R"(
scenario: {name: tiny, years: 2024-2026}
economy: {inflation: 0%/yr, electricity_usd_per_kwh: 0.10, pue: 1.25, server_power_factor: 1.82}
hardware: {reference: H100-SXM}
market:
  industry_comp: 200k
  frontier_training_flop: 1e25
institutions:
  - id: lab
    kind: university
    fleet:
      - {gpu: H100-SXM, count: 10, acquired: 2024}
    procurement: {gpu: H100-SXM, mode: owned, lifetime: 5 years, server_overhead: 64%,
                  maintenance: 5%/yr, power_paid_by: lab}
    operations: {availability: 95%, utilization: 60%, mfu: 40%}
    largest_run: {share: 50%, days: 90}
    people:
      - {role: faculty, count: 10, salary: 100k, fringe: 20%, attrition: 10%/yr}
    funding:
      - {name: grant, amount: 15M, years: 2024-2026, indirect_rate: 50%}
    spending: {compute_share: 30%, carryover: true}
talent:
  mobility: {faculty: 0%/yr}
)";

// A university and an industry lab with everything that couples them switched on; {UNI} and
// {IND} are their replica counts.
const char* kPair = R"(
scenario: {name: pair, years: 2024-2030}
institutions:
  - id: uni
    kind: university
    replicas: {UNI}
    fleet: [{gpu: A100-80GB, count: 68, acquired: 2022}]
    procurement: {gpu: best, power_paid_by: lab, commissioning: 3 months}
    people:
      - {role: faculty, count: 12, salary: 185k, paid_share: 22%}
      - {role: postdoc, count: 10, salary: 61k}
      - {role: phd, count: 40, salary: 40k, tuition: 16k}
    funding:
      - {name: award, amount: 20M, years: 2024-2028, indirect_rate: 55%}
      - {name: own, amount: 1M/yr, years: 2024-2030, growth: 3%/yr}
  - id: ind
    kind: industry
    replicas: {IND}
    fleet: [{gpu: H100-SXM, count: 2000, acquired: 2024}]
    people:
      - {role: research_scientist, count: 100, salary: market}
    funding:
      - {name: capex, amount: 200M/yr, years: 2024-2030}
)";

// A national resource that may give half its hours to a university; {ALLOC} is the `allocates`
// entry (or nothing), {CHOICE} the compute coefficient of the choice model.
const char* kNational = R"(
scenario: {name: national, years: 2024-2029}
talent:
  choice: {intercept: -2.3, salary: 1.6, compute: {CHOICE}}
institutions:
  - id: nr
    kind: national_resource
    replicas: 2
    fleet: [{gpu: H100-SXM, count: 1000, acquired: 2024}]
    procurement: {gpu: best}
    funding:
      - {name: appropriation, amount: 30M/yr, years: 2024-2029}
    spending: {compute_share: 90%}
    {ALLOC}
  - id: uni
    kind: university
    replicas: 3
    fleet: [{gpu: A100-80GB, count: 40, acquired: 2023}]
    people:
      - {role: faculty, count: 10, salary: 180k}
      - {role: phd, count: 30, salary: 40k, tuition: 16k}
    funding:
      - {name: award, amount: 10M, years: 2024-2027, indirect_rate: 55%}
  - id: ind
    kind: industry
    fleet: [{gpu: H100-SXM, count: 5000, acquired: 2024}]
    people:
      - {role: research_scientist, count: 300, salary: market}
    funding:
      - {name: capex, amount: 300M/yr, years: 2024-2029}
)";

// Short of money until a 2028 bequest more than covers the people it has, so its reserves are
// drawn, then posts and GPUs are cut, and money lapses (no carry-over); renting in the cloud.
const char* kStress = R"(
scenario: {name: stress, years: 2024-2028}
institutions:
  - id: poor
    kind: university
    fleet: [{gpu: H100-SXM, count: 50, acquired: 2024}]
    procurement: {gpu: H100-SXM, mode: cloud, power_paid_by: lab}
    people:
      - {role: faculty, count: 20, salary: 200k}
      - {role: postdoc, count: 20, salary: 70k}
    funding:
      - {name: award, amount: 3M, years: 2024-2026, indirect_rate: 60%}
      - {name: gift, amount: 400k/yr, years: 2025-2028}
      - {name: bequest, amount: 20M, years: 2028-2028}
    spending: {compute_share: 40%, carryover: false}
    reserves: 1M
  - id: renter
    kind: university
    fleet: [{gpu: H100-SXM, count: 8, acquired: 2024, ownership: cloud}]
    procurement: {gpu: best, mode: cheapest}
    people:
      - {role: phd, count: 20, salary: 45k, tuition: 20k}
    funding:
      - {name: award, amount: 12M, years: 2024-2027, schedule: [10%, 20%, 30%, 40%], indirect_rate: 50%}
)";

Scenario tiny() { return labsim::load_scenario_string(kTiny, "tiny.yaml"); }

Scenario pair(int uni, int ind) {
  return labsim::load_scenario_string(
      substitute(substitute(kPair, "{UNI}", std::to_string(uni)), "{IND}", std::to_string(ind)), "pair.yaml");
}

Scenario national(bool allocates, double compute_coefficient) {
  std::string alloc = allocates ? "allocates: [{institution: uni, share: 50%}]" : "";
  return labsim::load_scenario_string(
      substitute(substitute(kNational, "{ALLOC}", alloc), "{CHOICE}", std::to_string(compute_coefficient)), "national.yaml");
}

std::vector<std::string> shipped_scenarios() {
  std::vector<std::string> paths;
  for (const auto& entry : std::filesystem::directory_iterator(LABSIM_SOURCE_DIR "/scenarios"))
    if (entry.path().extension() == ".yaml") paths.push_back(entry.path().string());
  std::sort(paths.begin(), paths.end());
  return paths;
}

// Every scenario the property checks run on: the shipped ones and the inline ones above.
std::vector<std::pair<std::string, Scenario>> all_scenarios() {
  std::vector<std::pair<std::string, Scenario>> out;
  for (const std::string& path : shipped_scenarios()) out.emplace_back(path, labsim::load_scenario_file(path));
  out.emplace_back("tiny", tiny());
  out.emplace_back("pair", pair(3, 2));
  out.emplace_back("national", national(true, 0.15));
  out.emplace_back("stress", labsim::load_scenario_string(kStress, "stress.yaml"));
  return out;
}

double value(const Trajectory& t, const std::string& id, int year, Metric m) {
  for (const InstitutionSeries& s : t.institutions)
    if (s.id == id) return s.at(year - t.first_year, m);
  FAIL("no institution " << id);
  return 0;
}

bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

}  // namespace

TEST_CASE("every shipped scenario is found", "[engine]") {
  // The properties below run on every file of scenarios/; the eight named in README.md and the
  // docs must be among them (a listing that silently found none would make those checks vacuous).
  std::vector<std::string> paths = shipped_scenarios();
  for (const char* name : {"cloud-vs-owned", "compute-divide", "history", "nairr", "nsf-2023-institutes",
                           "phd-compute-grant", "salary-topup", "uncertain-divide"}) {
    INFO(name);
    CHECK(std::count_if(paths.begin(), paths.end(),
                        [&](const std::string& p) { return p.ends_with(std::string("/") + name + ".yaml"); }) == 1);
  }
}

TEST_CASE("a tiny university, first two years by hand", "[engine]") {
  // Per H100: unit 33,600 x 1.64 = 55,104; power 0.7 x 1.82 x 1.25 x 8,760 x 0.95 x 0.10 = 1,325.2785;
  // maintenance 5% x 55,104 = 2,755.2; opex 4,080.4785; a purchase costs 55,104 + 4,080.4785 x 1.5
  // = 61,224.71775 in its first year (F&A 50% on opex, none on equipment).
  Trajectory t = labsim::run(tiny());
  auto v = [&](int year, Metric m) { return value(t, "lab", year, m); };

  // 2024. Revenue 15M / 3 = 5M at 50%; compute 30% = 1.5M, people 3.5M.
  CHECK(v(2024, Metric::kBudgetRevenue) == near(5e6));
  // People: 10 faculty, 10% leave -> 9; one hire at 100k x 1.2 x 1.5 = 180k (1.62M committed).
  //   direct 10 x 120k = 1.2M, F&A 0.6M.
  CHECK(v(2024, Metric::kTalentHeadcount) == near(10));
  CHECK(v(2024, Metric::kTalentHeadcountFaculty) == near(10));
  CHECK(v(2024, Metric::kTalentHires) == near(1));
  CHECK(v(2024, Metric::kTalentDepartures) == near(1));
  CHECK(v(2024, Metric::kTalentDeparturesToIndustry) == 0);
  CHECK(v(2024, Metric::kTalentGraduates) == 0);
  CHECK(v(2024, Metric::kTalentRetentionRate) == near(0.9));
  CHECK(std::isnan(v(2024, Metric::kTalentGraduatesToIndustryShare)));
  CHECK(v(2024, Metric::kBudgetPersonnelSpend) == near(1.2e6));
  // Fleet: 10 x 4,080.4785 x 1.5 = 61,207.1775 committed; 1.5M - 61,207.1775 = 1,438,792.8225
  //   / 61,224.71775 = 23.5 -> 23 bought; capex 23 x 55,104 = 1,267,392;
  //   opex 33 x 4,080.4785 = 134,655.7905; its F&A 67,327.89525.
  CHECK(v(2024, Metric::kFleetPurchased) == 23);
  CHECK(v(2024, Metric::kFleetGpus) == 33);
  CHECK(v(2024, Metric::kFleetH100Equivalents) == near(33));
  CHECK(v(2024, Metric::kFleetPeakPflops) == near(32.637));        // 33 x 0.989
  CHECK(v(2024, Metric::kFleetPowerMw) == near(0.0525525));        // 33 x 700 x 1.82 x 1.25 W
  CHECK(v(2024, Metric::kBudgetComputeCapex) == near(1267392));
  CHECK(v(2024, Metric::kBudgetComputeOpex) == near(134655.7905));
  CHECK(v(2024, Metric::kBudgetCloudSpend) == 0);
  CHECK(v(2024, Metric::kBudgetIndirect) == near(600000 + 67327.89525));
  // Carried out: 5M - (1.2M + 0.6M + 1,267,392 + 134,655.7905 + 67,327.89525) = 1,730,624.31425.
  CHECK(v(2024, Metric::kBudgetCarryover) == near(1730624.31425));
  CHECK(v(2024, Metric::kBudgetLapsed) == 0);
  CHECK(v(2024, Metric::kBudgetReservesDrawn) == 0);
  CHECK(v(2024, Metric::kBudgetReserves) == 0);
  CHECK(v(2024, Metric::kBudgetUnfunded) == 0);
  // Compute: 33 x 8,760 x 0.95 x 0.60 = 164,775.6 H100-hours; x 989e12 x 3,600 x 0.40
  //   = 2.34666818496e23 FLOP; per researcher 16,477.56.
  CHECK(v(2024, Metric::kComputeGpuHours) == near(164775.6));
  CHECK(v(2024, Metric::kComputeH100Hours) == near(164775.6));
  CHECK(v(2024, Metric::kComputeEffectiveFlop) == near(2.34666818496e23));
  CHECK(v(2024, Metric::kComputeH100HoursPerResearcher) == near(16477.56));
  // Largest run: 0.5 x 33 x 989e12 x 0.95 x 0.40 x 90 x 86,400 = 4.821920928e22;
  //   N = sqrt(C / 120) = 2.00456166e10; frontier ratio C / 1e25 = 4.821920928e-3.
  CHECK(v(2024, Metric::kComputeLargestRunFlop) == near(4.821920928e22));
  CHECK(v(2024, Metric::kComputeOptimalParams) == near(2.0045616578e10));
  CHECK(v(2024, Metric::kComputeFrontierRatio) == near(4.821920928e-3));

  // 2025. Available 5M + 1,730,624.31425 = 6,730,624.31425 (all at 50%); compute 2,019,187.2942750.
  //   Committed 33 x 4,080.4785 x 1.5 = 201,983.68575; free 1,817,203.608525 / 61,224.71775
  //   = 29.68 -> 29 bought, capex 1,598,016; opex 62 x 4,080.4785 = 252,989.667.
  //   Spent 1.8M + 1,598,016 + 252,989.667 x 1.5 = 3,777,500.5005; carried 2,953,123.81375.
  CHECK(v(2025, Metric::kFleetPurchased) == 29);
  CHECK(v(2025, Metric::kFleetGpus) == 62);
  CHECK(v(2025, Metric::kBudgetComputeCapex) == near(1598016));
  CHECK(v(2025, Metric::kBudgetComputeOpex) == near(252989.667));
  CHECK(v(2025, Metric::kBudgetCarryover) == near(2953123.81375));
}

TEST_CASE("money balances every year in every scenario", "[engine]") {
  // revenue + carry-in + reserves drawn = personnel + capex + opex + cloud + indirect + carry-out
  // + lapsed, and reserves fall by what is drawn, never below 0.
  for (const auto& [name, scenario] : all_scenarios()) {
    Trajectory t;
    REQUIRE_NOTHROW(t = labsim::run(scenario));
    for (size_t i = 0; i < t.institutions.size(); ++i) {
      const InstitutionSeries& s = t.institutions[i];
      double carry_in = 0, reserves = scenario.institutions[i].reserves_usd * s.replicas;
      for (int yi = 0; yi < t.year_count(); ++yi) {
        INFO(name << ": " << s.id << " in " << t.first_year + yi);
        double drawn = s.at(yi, Metric::kBudgetReservesDrawn);
        // Reserves below a cent are 0, like leftover funds.
        CHECK(s.at(yi, Metric::kBudgetReserves) == Approx(reserves - drawn).epsilon(1e-9).margin(0.01));
        reserves = s.at(yi, Metric::kBudgetReserves);
        double in = s.at(yi, Metric::kBudgetRevenue) + carry_in + drawn;
        double out = s.at(yi, Metric::kBudgetPersonnelSpend) + s.at(yi, Metric::kBudgetComputeCapex) +
                     s.at(yi, Metric::kBudgetComputeOpex) + s.at(yi, Metric::kBudgetCloudSpend) +
                     s.at(yi, Metric::kBudgetIndirect) + s.at(yi, Metric::kBudgetCarryover) +
                     s.at(yi, Metric::kBudgetLapsed);
        CHECK(in == Approx(out).epsilon(1e-9).margin(1e-3));
        for (Metric m : {Metric::kBudgetRevenue, Metric::kBudgetPersonnelSpend, Metric::kBudgetComputeCapex,
                         Metric::kBudgetComputeOpex, Metric::kBudgetCloudSpend, Metric::kBudgetIndirect,
                         Metric::kBudgetCarryover, Metric::kBudgetLapsed, Metric::kBudgetReservesDrawn,
                         Metric::kBudgetReserves, Metric::kBudgetUnfunded})
          CHECK(s.at(yi, m) >= 0);
        carry_in = s.at(yi, Metric::kBudgetCarryover);
      }
    }
  }
}

TEST_CASE("the inline scenarios reach the cases they are meant to", "[engine]") {
  // The money-balance check above is only as strong as the cases it meets.
  Trajectory t = labsim::run(labsim::load_scenario_string(kStress, "stress.yaml"));
  double drawn = 0, unfunded = 0, posts = 0, gpus = 0, lapsed = 0, cloud = 0;
  for (int year = 2024; year <= 2028; ++year) {
    drawn += value(t, "poor", year, Metric::kBudgetReservesDrawn);
    unfunded += value(t, "poor", year, Metric::kBudgetUnfunded);
    posts += value(t, "poor", year, Metric::kTalentPostsCut);
    gpus += value(t, "poor", year, Metric::kFleetGpusRetiredEarly) + value(t, "poor", year, Metric::kFleetGpusIdle);
    lapsed += value(t, "poor", year, Metric::kBudgetLapsed);
    cloud += value(t, "renter", year, Metric::kBudgetCloudSpend);
  }
  CHECK(drawn == Approx(1e6));  // all of its reserves
  CHECK(unfunded > 0);
  CHECK(posts > 0);
  CHECK(gpus > 0);
  CHECK(lapsed > 0);
  CHECK(cloud > 0);
}

TEST_CASE("headcount_t = headcount_{t-1} + hires - departures - graduates - posts cut", "[engine]") {
  for (const auto& [name, scenario] : all_scenarios()) {
    Trajectory t = labsim::run(scenario);
    for (size_t i = 0; i < t.institutions.size(); ++i) {
      const InstitutionSeries& s = t.institutions[i];
      double previous = 0;
      for (const labsim::RolePlan& p : scenario.institutions[i].people) previous += p.count;
      previous *= scenario.institutions[i].replicas;
      for (int yi = 0; yi < t.year_count(); ++yi) {
        INFO(name << ": " << s.id << " in " << t.first_year + yi);
        double head = s.at(yi, Metric::kTalentHeadcount);
        CHECK(head == Approx(previous + s.at(yi, Metric::kTalentHires) - s.at(yi, Metric::kTalentDepartures) -
                             s.at(yi, Metric::kTalentGraduates) - s.at(yi, Metric::kTalentPostsCut))
                          .epsilon(1e-9)
                          .margin(1e-6));
        double by_role = 0, hires = 0, moves = 0;
        for (int r = 0; r < labsim::kRoleCount; ++r) {
          auto role = static_cast<labsim::Role>(r);
          by_role += s.at(yi, labsim::headcount_metric(role));
          hires += s.at(yi, labsim::hires_metric(role));
          moves += s.at(yi, labsim::departures_to_industry_metric(role));
        }
        CHECK(head == Approx(by_role).epsilon(1e-12).margin(1e-9));
        // The per-role hires and moves add up to their totals.
        CHECK(s.at(yi, Metric::kTalentHires) == Approx(hires).epsilon(1e-12).margin(1e-9));
        CHECK(s.at(yi, Metric::kTalentDeparturesToIndustry) == Approx(moves).epsilon(1e-12).margin(1e-9));
        previous = head;
      }
    }
  }
}

namespace {

// Institution `i` of `many` must be `factor` x that of `one` in every extensive metric, and equal
// in every intensive one but the academic share, which weighs the universities against the
// others and so moves when one side is replicated.
void check_scaled(const Trajectory& one, const Trajectory& many, size_t i, double factor) {
  for (int yi = 0; yi < one.year_count(); ++yi) {
    for (int k = 0; k < labsim::kMetricCount; ++k) {
      auto m = static_cast<Metric>(k);
      INFO(one.institutions[i].id << " " << one.first_year + yi << " " << labsim::metric_info(m).name);
      double a = one.institutions[i].at(yi, m), b = many.institutions[i].at(yi, m);
      if (m == Metric::kOutputAcademicShare) continue;
      if (std::isnan(a)) CHECK(std::isnan(b));
      else if (labsim::metric_info(m).extensive) CHECK(b == Approx(factor * a).epsilon(1e-12).margin(1e-9));
      else CHECK(b == Approx(a).epsilon(1e-12).margin(1e-12));
    }
  }
}

}  // namespace

TEST_CASE("replicas: 7 gives 7x the extensive metrics and the same intensive ones", "[engine]") {
  Trajectory one = labsim::run(pair(1, 1));
  REQUIRE(one.institutions.size() == 2);
  // The check must not pass vacuously: people move, GPUs are bought.
  CHECK(one.institutions[0].at(0, Metric::kTalentDeparturesToIndustry) > 0);
  CHECK(one.institutions[0].at(0, Metric::kFleetPurchased) > 0);
  SECTION("the university alone") {
    Trajectory seven = labsim::run(pair(7, 1));
    check_scaled(one, seven, 0, 7);
    check_scaled(one, seven, 1, 1);
  }
  SECTION("the industry lab alone: industry compute per researcher is a headcount-weighted mean") {
    Trajectory seven = labsim::run(pair(1, 7));
    check_scaled(one, seven, 0, 1);
    check_scaled(one, seven, 1, 7);
  }
  SECTION("both") {
    Trajectory seven = labsim::run(pair(7, 7));
    check_scaled(one, seven, 0, 7);
    check_scaled(one, seven, 1, 7);
  }
}

TEST_CASE("an allocation of 50% adds exactly half the resource's hours to the recipient", "[engine]") {
  // The resource has 2 replicas and the university 3: what arrives in total is half of the
  // resource's total. The compute term of the choice model is off so that the extra hours do not
  // change who leaves (and through salaries, the money for hardware) in later years.
  SECTION("every year, with the compute term of the choice model off") {
    Trajectory with = labsim::run(national(true, 0));
    Trajectory without = labsim::run(national(false, 0));
    for (int year = with.first_year; year <= with.last_year; ++year) {
      INFO(year);
      double given = 0.5 * value(with, "nr", year, Metric::kComputeH100Hours);
      REQUIRE(given > 0);
      CHECK(value(with, "uni", year, Metric::kComputeH100Hours) ==
            near(value(without, "uni", year, Metric::kComputeH100Hours) + given));
      CHECK(value(with, "nr", year, Metric::kComputeH100Hours) ==
            near(value(without, "nr", year, Metric::kComputeH100Hours)));
      // Per researcher: the same hours over the same people.
      double people = value(with, "uni", year, Metric::kTalentHeadcount);
      CHECK(value(with, "uni", year, Metric::kComputeH100HoursPerResearcher) ==
            near(value(without, "uni", year, Metric::kComputeH100HoursPerResearcher) + given / people));
      CHECK(value(with, "uni", year, Metric::kComputeLargestRunFlop) >
            value(without, "uni", year, Metric::kComputeLargestRunFlop));
    }
  }
  SECTION("the first year, with the default choice model") {
    Trajectory with = labsim::run(national(true, 0.15));
    Trajectory without = labsim::run(national(false, 0.15));
    double given = 0.5 * value(with, "nr", 2024, Metric::kComputeH100Hours);
    CHECK(value(with, "uni", 2024, Metric::kComputeH100Hours) ==
          near(value(without, "uni", 2024, Metric::kComputeH100Hours) + given));
  }
}

TEST_CASE("runs are deterministic", "[engine]") {
  for (const auto& [name, scenario] : all_scenarios()) {
    INFO(name);
    Trajectory a = labsim::run(scenario);
    Trajectory b = labsim::run(scenario);
    labsim::run_into(scenario, b);  // reusing storage gives the same values too
    REQUIRE(a.institutions.size() == b.institutions.size());
    for (size_t i = 0; i < a.institutions.size(); ++i) {
      const auto& va = a.institutions[i].values;
      const auto& vb = b.institutions[i].values;
      REQUIRE(va.size() == vb.size());
      CHECK(std::equal(va.begin(), va.end(), vb.begin(), same));
    }
  }
}

namespace {

// Same institutions, same values bit for bit (NaN included).
bool identical(const Trajectory& a, const Trajectory& b) {
  if (a.institutions.size() != b.institutions.size()) return false;
  for (size_t i = 0; i < a.institutions.size(); ++i) {
    const auto& va = a.institutions[i].values;
    const auto& vb = b.institutions[i].values;
    if (a.institutions[i].id != b.institutions[i].id || va.size() != vb.size() ||
        std::memcmp(va.data(), vb.data(), va.size() * sizeof(double)) != 0)
      return false;
  }
  return true;
}

}  // namespace

TEST_CASE("a workspace carries no values from one run into the next", "[engine]") {
  std::vector<std::pair<std::string, Scenario>> scenarios = all_scenarios();
  std::vector<Trajectory> fresh;
  for (const auto& named : scenarios) fresh.push_back(labsim::run(named.second));
  // Scenarios of every shape through one workspace and one trajectory, forwards then backwards:
  // each run must match a run with fresh storage, whatever ran before it.
  labsim::EngineWorkspace workspace;
  Trajectory t;
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t k = 0; k < scenarios.size(); ++k) {
      size_t i = pass == 0 ? k : scenarios.size() - 1 - k;
      INFO(scenarios[i].first << ", pass " << pass);
      labsim::run_into(scenarios[i].second, t, workspace);
      CHECK(identical(t, fresh[i]));
    }
  }
}

TEST_CASE("a moved-from workspace still runs", "[engine]") {
  Scenario s = tiny();
  labsim::EngineWorkspace a;
  Trajectory t;
  labsim::run_into(s, t, a);
  labsim::EngineWorkspace b = std::move(a);
  labsim::run_into(s, t, b);
  CHECK(identical(t, labsim::run(s)));
  labsim::run_into(s, t, a);  // NOLINT(bugprone-use-after-move): moved-from workspaces are usable
  CHECK(identical(t, labsim::run(s)));
}
