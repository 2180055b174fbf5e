// Reserves and cuts (docs/model.md, "Reserves and cuts") in running engines: a university whose
// award ends, followed by hand through three years; the shipped scenarios whose money ends; and
// the retired metric budget.shortfall, which names its replacements wherever a metric is named.
#include <catch2/catch.hpp>

#include <string>

#include "cli_helpers.hpp"
#include "labsim/calibrate.hpp"
#include "labsim/engine.hpp"
#include "labsim/explore.hpp"
#include "labsim/loader.hpp"
#include "labsim/metric.hpp"

namespace {

using labsim::Metric;

Approx near(double v) { return Approx(v).epsilon(1e-9); }

// One university, F&A 50%, no inflation, electricity 0.10 USD/kWh; the part it would buy is not
// released before 2030, so it never buys anything. Per H100 (33,600 USD, servers 64%: 55,104) and
// year: power paid by the lab 0.7 kW x 1.82 x 1.25 x 8,760 x 0.95 x 0.10 = 1,325.2785,
// maintenance 5% x 55,104 = 2,755.2; 4,080.4785 in all.
//   10 faculty at 100k, no fringe, nobody leaves: D_p = 1.0M, K_p = 1.5M with F&A.
//   10 H100s (6 from 2022, 4 from 2024): D_c = 40,804.785, K_c = 61,207.1775.
const char* kLean = R"(
scenario: {name: lean, years: 2024-2026}
economy: {inflation: 0%/yr, electricity_usd_per_kwh: 0.10}
hardware:
  catalog: [{name: Later, year: 2030, bf16_tflops: 2000, tdp_w: 1000, price_usd: 40000}]
talent: {mobility: {faculty: 0%/yr}}
institutions:
  - id: uni
    kind: university
    fleet:
      - {gpu: H100-SXM, count: 6, acquired: 2022}
      - {gpu: H100-SXM, count: 4, acquired: 2024}
    procurement: {gpu: Later, mode: owned, power_paid_by: lab}
    people: [{role: faculty, count: 10, salary: 100k, fringe: 0%, attrition: 0%/yr}]
    funding:
      - {name: award, amount: 3M, years: 2024-2024, indirect_rate: 50%}
      - {name: gift, amount: 300k/yr, years: 2025-2026, indirect_rate: 50%}
    spending: {compute_share: 10%, carryover: false}
    reserves: 1M
)";

constexpr double kGpu = 1325.2785 + 2755.2;  // one H100's running cost a year, direct

}  // namespace

TEST_CASE("an award ends: reserves pay the gap until they run out, then posts and GPUs are cut",
          "[reserves]") {
  labsim::Trajectory t = labsim::run(labsim::load_scenario_string(kLean, "lean.yaml"));
  const labsim::InstitutionSeries& u = t.institutions[0];
  auto v = [&](int year, Metric m) { return u.at(year - 2024, m); };

  // 2024: the award pays 3M; the commitments (1.5M + 61,207.1775) fit; nothing is drawn or cut,
  // and 3M - 1,561,207.1775 = 1,438,792.8225 lapses.
  CHECK(v(2024, Metric::kBudgetReservesDrawn) == 0);
  CHECK(v(2024, Metric::kBudgetReserves) == near(1e6));
  CHECK(v(2024, Metric::kBudgetUnfunded) == 0);
  CHECK(v(2024, Metric::kBudgetLapsed) == near(1438792.8225));

  // 2025: the gift's 300k at 50%: compute 30k, people 270k; both sides are short, so nothing is lent.
  //   The funds pay 270k / 1.5M = 18% of the people's costs: the gap is 1.0M x 82% = 820,000.
  //   And 30k / 61,207.1775 of the fleet's: the gap is 40,804.785 - 30,000 / 1.5 = 20,804.785.
  //   Reserves (1M) pay both gaps, 840,804.785, without F&A: nothing is cut, nobody hired.
  const double gap_p = 820e3, gap_c = 40804.785 - 20e3;
  CHECK(v(2025, Metric::kBudgetReservesDrawn) == near(gap_p + gap_c));
  CHECK(v(2025, Metric::kBudgetReserves) == near(1e6 - gap_p - gap_c));  // 159,195.215
  CHECK(v(2025, Metric::kBudgetUnfunded) == 0);
  CHECK(v(2025, Metric::kTalentHeadcount) == near(10));
  CHECK(v(2025, Metric::kTalentHires) == 0);
  CHECK(v(2025, Metric::kFleetGpus) == 10);
  // F&A only on what the funds pay: 270k / 3 + 30k / 3 = 100,000.
  CHECK(v(2025, Metric::kBudgetIndirect) == near(100e3));

  // 2026: the same gaps (840,804.785) against 159,195.215 of reserves: shared in proportion,
  //   s = 159,195.215 / 840,804.785 = 0.18933671: people 820,000 s = 155,256.105, compute
  //   20,804.785 s = 3,939.1096.
  const double left = 1e6 - gap_p - gap_c, s = left / (gap_p + gap_c);
  const double x_p = gap_p * s, x_c = gap_c * s;
  // People: every faculty post kept in the share k = 270k / 1.5M + x_p / 1.0M = 0.33525611;
  //   10 (1 - k) = 6.6474389 posts are cut, 3.3525611 stay.
  const double k = 0.18 + x_p / 1e6;
  CHECK(k == Approx(0.3352561).epsilon(1e-7));
  CHECK(v(2026, Metric::kTalentPostsCut) == near(10 * (1 - k)));
  CHECK(v(2026, Metric::kTalentHeadcount) == near(10 * k));
  CHECK(v(2026, Metric::kTalentHires) == 0);
  CHECK(v(2026, Metric::kBudgetPersonnelSpend) == near(1e6 * k));
  // Compute: 20,804.785 - 3,939.1096 = 16,865.6754 to cut. The 2022 cohort goes first: 4 GPUs
  //   retire (16,321.914), and the 543.76 left is less than a GPU's power (1,325.2785), so a
  //   fifth idles. The 2024 cohort is untouched: 6 GPUs held, 5 running.
  const double cut_c = gap_c - x_c;
  REQUIRE(cut_c > 4 * kGpu);
  REQUIRE(cut_c - 4 * kGpu < 1325.2785);
  CHECK(v(2026, Metric::kFleetGpusRetiredEarly) == 4);
  CHECK(v(2026, Metric::kFleetGpusIdle) == 1);
  CHECK(v(2026, Metric::kFleetGpus) == 6);
  CHECK(v(2026, Metric::kBudgetComputeOpex) == near(6 * kGpu - 1325.2785));  // 23,157.5925
  CHECK(v(2026, Metric::kComputeH100Hours) == near(5 * 8760 * 0.95 * 0.60));
  CHECK(v(2026, Metric::kComputeLargestRunFlop) == near(v(2025, Metric::kComputeLargestRunFlop) / 2));
  // Unfunded: the posts cut, 6.6474389 x 100k, and the GPUs stopped, 4 x 4,080.4785 + 1,325.2785.
  CHECK(v(2026, Metric::kBudgetUnfunded) == near(1e6 * (1 - k) + 4 * kGpu + 1325.2785));
  // Reserves: the people draw all of theirs; the fleet's kept costs, 23,157.5925, less the
  //   30k / 1.5 the funds pay, is 3,157.5925 < x_c: whole GPUs saved more than needed, and the
  //   rest, 781.517, stays in the reserves.
  CHECK(v(2026, Metric::kBudgetReservesDrawn) == near(x_p + 6 * kGpu - 1325.2785 - 20e3));
  CHECK(v(2026, Metric::kBudgetReserves) == near(x_c - (6 * kGpu - 1325.2785 - 20e3)));
  CHECK(v(2026, Metric::kBudgetReserves) == Approx(781.517).epsilon(1e-6));

  // Every year: revenue + carry-in + reserves drawn = spending + carry-out + lapsed, and the
  // reserves fall by exactly what is drawn.
  double reserves = 1e6;
  for (int year = 2024; year <= 2026; ++year) {
    INFO(year);
    double in = v(year, Metric::kBudgetRevenue) + v(year, Metric::kBudgetReservesDrawn);
    double out = v(year, Metric::kBudgetPersonnelSpend) + v(year, Metric::kBudgetComputeOpex) +
                 v(year, Metric::kBudgetIndirect) + v(year, Metric::kBudgetLapsed);
    CHECK(in == near(out));
    CHECK(v(year, Metric::kBudgetReserves) == near(reserves - v(year, Metric::kBudgetReservesDrawn)));
    reserves = v(year, Metric::kBudgetReserves);
  }
}

TEST_CASE("compute-divide: after the NSF award ends in 2028 the institute cuts, within its money",
          "[reserves]") {
  labsim::Scenario s = labsim::load_scenario_file(labsim::test::source_path("scenarios/compute-divide.yaml"));
  labsim::Trajectory t = labsim::run(s);
  const labsim::InstitutionSeries& u = t.institutions[0];
  REQUIRE(u.id == "institute");
  auto v = [&](int year, Metric m) { return u.at(year - t.first_year, m); };
  double unfunded_after = 0, posts_after = 0;
  for (int year = t.first_year; year <= t.last_year; ++year) {
    INFO(year);
    // No reserves are declared: nothing is drawn, and before 2029 nothing is cut.
    CHECK(v(year, Metric::kBudgetReservesDrawn) == 0);
    CHECK(v(year, Metric::kBudgetReserves) == 0);
    if (year <= 2028) CHECK(v(year, Metric::kBudgetUnfunded) == 0);
    if (year <= 2028) continue;
    unfunded_after += v(year, Metric::kBudgetUnfunded);
    posts_after += v(year, Metric::kTalentPostsCut);
  }
  // 2029: revenue falls from 5.1M to the university's 1.16M; 2029 needs more than that and the
  // 1.2M carried over, so posts are cut and nobody is hired.
  CHECK(v(2029, Metric::kBudgetRevenue) < 1.2e6);
  CHECK(v(2029, Metric::kBudgetUnfunded) > 0);
  CHECK(v(2029, Metric::kTalentPostsCut) > 0);
  CHECK(v(2029, Metric::kTalentHires) == 0);
  CHECK(unfunded_after > 0);
  CHECK(posts_after > 0);
}

TEST_CASE("nairr: after its money ends in 2030 the resource retires its fleet", "[reserves]") {
  labsim::Scenario s = labsim::load_scenario_file(labsim::test::source_path("scenarios/nairr.yaml"));
  labsim::Trajectory t = labsim::run(s);
  const labsim::InstitutionSeries* r = nullptr;
  for (const auto& x : t.institutions)
    if (x.id == "nairr") r = &x;
  REQUIRE(r);
  auto v = [&](int year, Metric m) { return r->at(year - t.first_year, m); };
  for (int year = 2025; year <= 2030; ++year) CHECK(v(year, Metric::kBudgetUnfunded) == 0);
  // 2031: no revenue and a few thousand dollars carried over against about 90M of running
  // costs: it keeps only the GPUs the carry-over runs, and retires the rest for good.
  CHECK(v(2031, Metric::kBudgetRevenue) == 0);
  CHECK(v(2031, Metric::kBudgetUnfunded) > 50e6);
  CHECK(v(2031, Metric::kFleetGpusRetiredEarly) > 10000);  // 14,417 B200-class GPUs bought 2026-2030
  CHECK(v(2031, Metric::kFleetGpus) < 10);
  for (int year = 2031; year <= t.last_year; ++year) {
    INFO(year);
    CHECK(v(year, Metric::kBudgetReserves) >= 0);
    CHECK(v(year, Metric::kBudgetReservesDrawn) == 0);
    // Spending never exceeds the money: revenue + carry-in, there being no reserves.
    double spent = v(year, Metric::kBudgetComputeOpex) + v(year, Metric::kBudgetCloudSpend) +
                   v(year, Metric::kBudgetComputeCapex) + v(year, Metric::kBudgetIndirect);
    CHECK(spent <= v(year, Metric::kBudgetRevenue) + v(year - 1, Metric::kBudgetCarryover) + 1e-6);
  }
  CHECK(v(t.last_year, Metric::kComputeH100Hours) == 0);
}

TEST_CASE("the retired metric budget.shortfall names its replacements wherever a metric is named",
          "[reserves]") {
  const std::string hint =
      "budget.shortfall is retired: reserves now pay what the funds cannot (budget.reserves_drawn, "
      "budget.reserves), and what neither pays is cut (budget.unfunded, talent.posts_cut, fleet.gpus_idle, "
      "fleet.gpus_retired_early)";
  CHECK(labsim::unknown_metric_hint("budget.shortfall") == hint);
  CHECK(labsim::find_metric("budget.shortfall") == Metric::kCount);
  // A retired name is never a current one, and a misspelling still gets its nearest name.
  for (const labsim::RetiredMetric& r : labsim::kRetiredMetrics) CHECK(labsim::find_metric(r.name) == Metric::kCount);
  CHECK(labsim::unknown_metric_hint("budget.unfundd") == "did you mean 'budget.unfunded'?");
  CHECK(labsim::unknown_metric_hint("budget.shortfal") == hint);
  CHECK(labsim::unknown_metric_hint("zzzz") == "");

  auto mc = labsim::test::run_cli("mc scenarios/uncertain-divide.yaml -n 10 --metrics budget.shortfall");
  CHECK(mc.status == 1);
  CHECK(mc.err == "error: --metrics: unknown metric \"budget.shortfall\"\nhint: " + hint + "\n");
  auto sens = labsim::test::run_cli(
      "sensitivity scenarios/uncertain-divide.yaml --institution institute --metric budget.shortfall");
  CHECK(sens.status == 1);
  CHECK(sens.err.find("hint: " + hint) != std::string::npos);
  labsim::Scenario s = labsim::load_scenario_file(labsim::test::source_path("scenarios/compute-divide.yaml"));
  auto hint_of = [](auto&& f) -> std::string {
    try {
      f();
    } catch (const labsim::InputError& e) {
      REQUIRE(e.diagnostics().size() == 1);
      return e.diagnostics()[0].hint;
    }
    return "(no error)";
  };
  // solve's targets, and calibration targets (located at the metric's column).
  CHECK(hint_of([&] { labsim::parse_target(s, "budget.shortfall[institute,2030] <= 0"); }) == hint);
  CHECK(hint_of([&] {
          labsim::parse_targets("institution,year,metric,value\ninstitute,2030,budget.shortfall,0\n", "t.csv", s);
        }) == hint);
  try {
    labsim::parse_targets("institution,year,metric,value\ninstitute,2030,budget.shortfall,0\n", "t.csv", s);
  } catch (const labsim::InputError& e) {
    CHECK(e.report() ==
          "t.csv:2:16: error: metric: expected a metric name, found \"budget.shortfall\"\n"
          "    institute,2030,budget.shortfall,0\n"
          "                   ^\n"
          "hint: " + hint + "\n");
  }
}
