// Throughput stage (DESIGN §4.3): effective FLOP, H100-hours, per-researcher compute, the largest
// run, the compute-optimal model and the frontier ratio. Expected values are worked out by hand.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "labsim/loader.hpp"
#include "labsim/trajectory.hpp"
#include "labsim/training.hpp"
#include "model/throughput.hpp"

namespace {

using labsim::Institution;
using labsim::Scenario;
namespace model = labsim::model;

Approx near(double v) { return Approx(v).epsilon(1e-9); }

constexpr double kH100 = 989e12;  // reference peak, bf16 dense [FLOP/s]

Scenario scenario() {
  Scenario s = labsim::default_scenario();  // reference H100-SXM; frontier 2.1e25 in 2023, 4.1x/yr
  s.first_year = 2024;
  return s;
}

Institution institution() {
  Institution inst;
  inst.operations = {0.95, 0.60, 0.40};
  inst.largest_run.share = 0.5;
  inst.largest_run.days = 90;
  return inst;
}

}  // namespace

TEST_CASE("effective FLOP = H100-hours x reference peak x 3,600 x MFU", "[throughput]") {
  Scenario s = scenario();
  model::FleetYear f;
  f.owned_gpu_hours = 1000;
  f.owned_h100_hours = 1000;
  f.rented_gpu_hours = 500;
  f.rented_h100_hours = 500;
  // Allocated 250 H100-hours: 1,000 + 500 + 250 = 1,750 H100-hours;
  // 1,750 x 989e12 x 3,600 x 0.40 = 2.49228e21 FLOP.
  model::Throughput t = model::throughput(s, institution(), f, 250, 10, 2024);
  CHECK(t.h100_hours == near(1750));
  CHECK(t.gpu_hours == near(1750));
  CHECK(t.effective_flop == near(2.49228e21));
  // Per researcher: 1,750 / 10 = 175.
  CHECK(t.h100_hours_per_researcher == near(175));
}

TEST_CASE("effective FLOP of a non-reference fleet follows the design's sum over cohorts", "[throughput]") {
  // 10 A100s (312 TFLOP/s) owned all year:
  //   FLOP = 10 x 312e12 x 3,600 x 8,760 x 0.95 x 0.60 x 0.40 = 2.243344896e22
  //   H100-hours = 10 x 8,760 x 0.95 x 0.60 x 312 / 989 = 49,932 x 0.315470 = 15,752.0566
  Scenario s = scenario();
  Institution inst = institution();
  inst.fleet = {labsim::Cohort{s.catalog.find("A100-80GB"), 10, 2024, labsim::Ownership::kOwned, 0}};
  std::vector<model::LiveCohort> cohorts;
  model::initial_cohorts(inst, s, cohorts);
  model::FleetYear f = model::measure_fleet(inst, s, 2024, cohorts);
  model::Throughput t = model::throughput(s, inst, f, 0, 4, 2024);
  CHECK(t.gpu_hours == near(49932));
  CHECK(t.h100_hours == near(15752.056622851));
  CHECK(t.effective_flop == near(2.243344896e22));
  // Largest run, 30 days: 0.5 x 10 x 312e12 x 0.40 x 0.95 x 30 x 86,400 = 1.5365376e21.
  inst.largest_run.days = 30;
  CHECK(model::throughput(s, inst, f, 0, 4, 2024).largest_run_flop == near(1.5365376e21));
}

TEST_CASE("per-researcher compute is undefined with no researchers", "[throughput]") {
  Scenario s = scenario();
  model::FleetYear f;
  f.owned_h100_hours = 1000;
  model::Throughput t = model::throughput(s, institution(), f, 0, 0, 2024);
  CHECK(std::isnan(t.h100_hours_per_researcher));
  CHECK_FALSE(labsim::is_defined(t.h100_hours_per_researcher));
  CHECK(t.h100_hours == near(1000));
}

TEST_CASE("largest run C = share x peak x mfu x availability x days x 86,400", "[throughput]") {
  Scenario s = scenario();
  model::FleetYear f;
  // 100 H100s at 95% availability: 100 x 989e12 x 0.95 = 9.3955e16 FLOP/s.
  f.owned_run_peak_flops = 100 * kH100 * 0.95;
  // 0.5 x 9.3955e16 x 0.40 x 90 x 86,400 = 1.8791e16 x 7,776,000 = 1.46118816e23.
  CHECK(model::throughput(s, institution(), f, 0, 1, 2024).largest_run_flop == near(1.46118816e23));
  SECTION("rented and allocated hours count as GPUs running all year") {
    // 8,760 allocated H100-hours = one H100 all year: (9.3955e16 + 989e12) x 0.2 x 7,776,000
    // = 1.476569088e23.
    CHECK(model::throughput(s, institution(), f, 8760, 1, 2024).largest_run_flop == near(1.476569088e23));
    f.rented_h100_hours = 8760;
    CHECK(model::throughput(s, institution(), f, 0, 1, 2024).largest_run_flop == near(1.476569088e23));
  }
}

TEST_CASE("compute-optimal model: N = sqrt(C / 6r), D = r N", "[throughput]") {
  // C = 6e24, r = 20: N = sqrt(6e24 / 120) = sqrt(5e22) = 2.2360680e11; D = 4.4721360e12.
  labsim::OptimalModel m = labsim::compute_optimal(6e24, 20);
  CHECK(m.params == near(2.2360679775e11));
  CHECK(m.tokens == near(4.472135955e12));
  // 6 N D gives C back.
  CHECK(labsim::training_flop(m.params, m.tokens) == near(6e24));
  // r = 5: N = sqrt(6e24 / 30) = sqrt(2e23) = 4.4721360e11.
  CHECK(labsim::compute_optimal(6e24, 5).params == near(4.472135955e11));
  CHECK(labsim::compute_optimal(0, 20).params == 0);
}

TEST_CASE("the optimal model of the largest run", "[throughput]") {
  Scenario s = scenario();
  model::FleetYear f;
  f.owned_run_peak_flops = 100 * kH100 * 0.95;
  // Half of 100 H100s for 90 days at 40%: 0.5 x 100 x 989e12 x 0.95 x 0.40 x 90 x 86,400
  // = 1.46118816e23 FLOP; its optimal size sqrt(1.46118816e23 / 120) = 3.4895e10 parameters.
  model::Throughput t = model::throughput(s, institution(), f, 0, 1, 2024);
  CHECK(t.largest_run_flop == near(1.46118816e23));
  CHECK(t.optimal_params == near(std::sqrt(1.46118816e23 / 120)));
}

TEST_CASE("the largest run grows in length by days_growth a year, up to 365 days", "[throughput]") {
  // 90 days growing 1.4x a year from 2024: 2025 126, 2026 176.4, 2027 246.96, 2028 345.744,
  // 2029 484.04 -> capped at 365.
  labsim::LargestRun run;
  run.share = 0.5;
  run.days = 90;
  run.days_growth = 1.4;
  CHECK(model::run_days(run, 2024, 2024) == near(90));
  CHECK(model::run_days(run, 2024, 2026) == near(176.4));
  CHECK(model::run_days(run, 2024, 2028) == near(345.744));
  CHECK(model::run_days(run, 2024, 2029) == 365);
  // The run's FLOP follow its length: one H100 owned all year, half of it for 176.4 days at
  // 40% MFU: 0.5 x 989e12 x 0.95 (availability) x 0.40 x 176.4 x 86,400 = 2.8641e21 FLOP.
  Scenario s = scenario();
  Institution inst = institution();
  inst.largest_run.days_growth = 1.4;
  model::FleetYear f;
  f.owned_run_peak_flops = kH100 * 0.95;
  CHECK(model::throughput(s, inst, f, 0, 1, 2026).largest_run_flop ==
        near(0.5 * 989e12 * 0.95 * 0.40 * 176.4 * 86400));
  // Without growth (the default) the length is the same every year.
  inst.largest_run.days_growth = 1;
  CHECK(model::throughput(s, inst, f, 0, 1, 2030).largest_run_flop ==
        near(0.5 * 989e12 * 0.95 * 0.40 * 90 * 86400));
}

TEST_CASE("a training run on a catalog part: hours at the peak times MFU, cost at the cloud rate", "[throughput]") {
  labsim::Accelerator part;
  part.name = "P";
  part.bf16_flops = 1e15;
  // 6 x 1e9 x 1.2e12 = 7.2e21 FLOP; at 1e15 x 50% a GPU-hour gives 1.8e18 FLOP: 4000 GPU-hours.
  labsim::TrainingRun run = labsim::training_run(part, 1e9, 1.2e12, 100, 0.5);
  CHECK(run.flop == near(7.2e21));
  CHECK(run.gpu_hours == near(4000));
  CHECK(run.days == near(4000.0 / 100 / 24));
  CHECK_FALSE(run.cost_usd.has_value());  // the part cannot be rented
  part.cloud_usd_per_hour = labsim::Series{{{2024, 2.0}, {2026, 4.0}}, 1};
  CHECK(*labsim::training_run(part, 1e9, 1.2e12, 100, 0.5).cost_usd == near(16000));  // the last year's rate
  CHECK(*labsim::training_run(part, 1e9, 1.2e12, 100, 0.5, 2025).cost_usd == near(12000));
  // 100 GPUs for a day at 50%: 100 x 1e15 x 0.5 x 86400.
  CHECK(labsim::cluster_flop(part, 100, 0.5, 1) == near(4.32e21));
}
