// Fleet stage (DESIGN §4.2): what `best` buys, price-performance after the newest part, whole-GPU
// purchases, retirement, running costs, cloud hours and the F&A effect. Catalog figures are those
// of sim/catalog/accelerators.yaml; every expected value is worked out by hand in the comments.
#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

#include "fleet_helpers.hpp"
#include "labsim/loader.hpp"
#include "model/fleet.hpp"

namespace {

using labsim::Institution;
using labsim::InstitutionKind;
using labsim::Ownership;
using labsim::ProcurementMode;
using labsim::Scenario;
namespace model = labsim::model;

Approx near(double v) { return Approx(v).epsilon(1e-9); }

// The built-in catalog with round economy figures: 0.10 USD/kWh, PUE 1.25, server factor 1.82,
// no inflation. Per H100-SXM (700 W, 33,600 USD, 989 TFLOP/s):
//   unit cost   = 33,600 x 1.64 = 55,104
//   power       = 0.7 kW x 1.82 x 1.25 x 8,760 h x 0.95 x 0.10 = 1.5925 x 8,322 x 0.10 = 1,325.2785
//   maintenance = 5% x 55,104 = 2,755.2
constexpr double kUnit = 55104;
constexpr double kPower = 1325.2785;
constexpr double kMaintenance = 2755.2;

Scenario scenario() { return labsim::test::round_economy_scenario(); }

int part(const Scenario& s, const char* name) {
  int i = s.catalog.find(name);
  REQUIRE(i >= 0);
  return i;
}

const char* part_name(const Scenario& s, const model::Offer& o) {
  return o.part < 0 ? "(none)" : s.catalog.parts[static_cast<size_t>(o.part)].name.c_str();
}

Institution institution(const Scenario& s, InstitutionKind kind, const char* gpu) {
  Institution inst;
  inst.kind = kind;
  inst.procurement.gpu = gpu ? part(s, gpu) : -1;
  inst.procurement.mode = ProcurementMode::kOwned;
  inst.procurement.lifetime_years = 5;
  inst.procurement.server_overhead = 0.64;
  inst.procurement.maintenance_rate = 0.05;
  inst.operations = {0.95, 0.60, 0.40};
  return inst;
}

labsim::Cohort cohort(const Scenario& s, const char* gpu, double count, int acquired,
                      Ownership own = Ownership::kOwned, double lifetime = 0) {
  return labsim::Cohort{part(s, gpu), count, acquired, own, lifetime};
}

}  // namespace

// `best` for a university that does not pay its power: a purchase costs unit x (1 + 5 x 5% x
// (1 + r)) over its 5 years, the same multiple of the price for every part, so the ranking is
// delivered TFLOP/s (peak x training efficiency) per 1,000 USD of price. From the catalog:
//   V100 125/11.5 = 10.87; A100-40GB 312/15 = 20.80; A100-80GB (2021: 17,469.8) 312/17.4698 = 17.86;
//   MI250X 383/14.5 x 0.66 = 26.41 x 0.66 = 17.43 (2021); H100-SXM 989/33.6 = 29.43,
//   H100-PCIe 756/30 = 25.20 (2022); MI300X 1307/25.734 x 0.69 = 50.79 x 0.69 = 35.04 (2023);
//   H200 989/33.821 x 1.15 = 29.24 x 1.15 = 33.63, B200 2250/47.409 x 1.03 = 47.46 x 1.03 = 48.88
//   (2024). RTX-4090 165/1.599 = 103.2 is a consumer part and is never bought.
TEST_CASE("`best` buys the datacenter part with the most delivered FLOP per dollar", "[fleet]") {
  Scenario s = scenario();
  Institution uni = institution(s, InstitutionKind::kUniversity, nullptr);
  auto best = [&](int year, bool cloud) { return model::offer(uni, s, year, 0.5, cloud); };
  SECTION("2021: A100-40GB (20.80) beats MI250X (17.43, 26.41 on paper)") {
    model::Offer o = best(2021, false);
    CHECK(std::string(part_name(s, o)) == "A100-40GB");
    CHECK(o.price_usd == near(15000));
    CHECK(o.peak_flops == near(312e12));
    CHECK(o.training_efficiency == 1);
  }
  SECTION("2022: H100-SXM (29.43) beats H100-PCIe (25.20) and A100-40GB (20.80)") {
    model::Offer o = best(2022, false);
    CHECK(std::string(part_name(s, o)) == "H100-SXM");
    CHECK(o.price_usd == near(33600));
  }
  SECTION("2023: MI300X (35.04) beats H100-SXM (29.43)") {
    CHECK(std::string(part_name(s, best(2023, false))) == "MI300X");
  }
  SECTION("2024: B200 (48.88) beats MI300X (35.04, 50.79 on paper) and H200 (33.63)") {
    model::Offer o = best(2024, false);
    CHECK(std::string(part_name(s, o)) == "B200");
    CHECK(o.price_usd == near(47409));
    CHECK(o.peak_flops == near(2250e12));  // 2024 is the newest priced part's year: no gain yet
    CHECK(o.training_efficiency == near(1.03));
    CHECK(o.delivered_flops() == near(2317.5e12));
  }
  SECTION("cloud, 2022: H100-PCIe 756/2.49 = 303.6 beats H100-SXM 989/3.90 = 253.6 (TFLOP/s per USD/h)") {
    model::Offer o = best(2022, true);
    CHECK(std::string(part_name(s, o)) == "H100-PCIe");
    CHECK(o.price_usd == near(2.49));
  }
  SECTION("cloud, 2025: B200 2250 x 1.03/4.6 = 503.8 beats MI300X 1307 x 0.69/1.85 = 487.5") {
    // One year after 2024. On paper MI300X 1307/1.85 = 706.5 would beat B200 2250/4.6 = 489.1.
    model::Offer o = best(2025, true);
    CHECK(std::string(part_name(s, o)) == "B200");
    CHECK(o.price_usd == near(4.6));
    // 2^(1 / 2.5) = 1.3195079; the part keeps its factor.
    CHECK(o.peak_flops == near(2250e12 * 1.3195079107729));
    CHECK(o.training_efficiency == near(1.03));
  }
}

TEST_CASE("after the newest priced part, `best` improves with the doubling time", "[fleet]") {
  Scenario s = scenario();
  Institution uni = institution(s, InstitutionKind::kUniversity, nullptr);
  auto best = [&](int year) { return model::offer(uni, s, year, 0.5, false); };
  // Newest priced datacenter parts: H200 and B200 (2024). GB200 (2025) has no price, so it does
  // not count: 2025 is already one year after the newest part.
  CHECK(best(2025).peak_flops == near(2250e12 * 1.3195079107729));
  // 2029: 2^((2029 - 2024) / 2.5) = 2^2 = 4.
  CHECK(best(2029).peak_flops == near(4 * 2250e12));
  CHECK(best(2029).price_usd == near(47409));
  CHECK(best(2029).training_efficiency == near(1.03));
  // Doubling every 2 years, 2027: 2^(3/2) = 2.8284271.
  s.hardware.price_performance_doubling_years = 2;
  CHECK(best(2027).peak_flops == near(2250e12 * 2.8284271247462));

  SECTION("a scenario part released later moves `newest`") {
    labsim::Accelerator future;
    future.name = "Future";
    future.release_year = 2028;
    future.bf16_flops = 10e15;
    future.tdp_w = 1000;
    future.price_usd = labsim::Series::constant(20000);
    s.catalog.parts.push_back(future);
    s.hardware.price_performance_doubling_years = 2.5;
    // 2027: Future is not out yet, but it is the newest priced part: B200 without any gain.
    model::Offer o2027 = best(2027);
    CHECK(std::string(part_name(s, o2027)) == "B200");
    CHECK(o2027.peak_flops == near(2250e12));
    // 2030: Future, 10,000 TFLOP/s / 20k = 500 per 1,000 USD, times 2^(2/2.5) = 1.7411011.
    model::Offer o2030 = best(2030);
    CHECK(std::string(part_name(s, o2030)) == "Future");
    CHECK(o2030.peak_flops == near(10e15 * 1.7411011265922));
  }
}

TEST_CASE("a named part keeps its catalog price, from its release year", "[fleet]") {
  Scenario s = scenario();
  Institution inst = institution(s, InstitutionKind::kUniversity, "H100-SXM");
  auto named = [&](int year, bool cloud) { return model::offer(inst, s, year, 0.5, cloud); };
  CHECK(named(2021, false).part == -1);  // released 2022
  model::Offer o = named(2030, false);
  CHECK(o.price_usd == near(33600));
  CHECK(o.peak_flops == near(989e12));  // no price-performance gain for a named part
  // A100-80GB has a price series {2020: 17,500, 2025: 17,349}, log-linear between (prices grow
  // multiplicatively): 2024 = 17,500 x (17,349 / 17,500)^(4/5) = 17,379.095.
  inst.procurement.gpu = part(s, "A100-80GB");
  CHECK(named(2024, false).price_usd == near(17500 * std::pow(17349.0 / 17500, 0.8)));
  CHECK(named(2024, false).price_usd == Approx(17379.095).epsilon(1e-7));
  // A named MI300X is bought whatever its factor, and carries it.
  inst.procurement.gpu = part(s, "MI300X");
  CHECK(named(2024, false).training_efficiency == near(0.69));
  // GB200-per-GPU has no price: nothing to buy, nothing to rent.
  inst.procurement.gpu = part(s, "GB200-per-GPU");
  CHECK(named(2026, false).part == -1);
  CHECK(named(2026, true).part == -1);
}

TEST_CASE("purchases buy whole GPUs: floor(budget / (unit + first-year opex x (1 + rate)))", "[fleet]") {
  Scenario s = scenario();
  std::vector<model::LiveCohort> cohorts;
  SECTION("a university that pays its power, F&A 50%") {
    // 55,104 + (1,325.2785 + 2,755.2) x 1.5 = 55,104 + 6,120.71775 = 61,224.71775 per GPU;
    // 2M / 61,224.71775 = 32.67 -> 32 GPUs.
    Institution inst = institution(s, InstitutionKind::kUniversity, "H100-SXM");
    inst.procurement.power_paid_by_lab = true;
    model::FleetYear y = model::step_fleet(inst, s, 2024, 2e6, 0.5, cohorts);
    CHECK(y.purchased == 32);
    CHECK(y.capex_usd == near(32 * kUnit));                      // 1,763,328
    CHECK(y.opex_usd == near(32 * (kPower + kMaintenance)));     // 130,575.312
    CHECK(y.indirect_usd == near(32 * (kPower + kMaintenance) * 0.5));
    CHECK(y.gpus == 32);
    REQUIRE(cohorts.size() == 1);
    CHECK(cohorts[0].retire_year == 2029);
    CHECK(y.capex_usd + y.opex_usd + y.indirect_usd <= 2e6);
  }
  SECTION("a university whose power the institution pays: maintenance only") {
    // 55,104 + 2,755.2 x 1.5 = 59,236.8; 2M / 59,236.8 = 33.76 -> 33 GPUs.
    Institution inst = institution(s, InstitutionKind::kUniversity, "H100-SXM");
    model::FleetYear y = model::step_fleet(inst, s, 2024, 2e6, 0.5, cohorts);
    CHECK(y.purchased == 33);
    CHECK(y.opex_usd == near(33 * kMaintenance));  // 90,921.6
  }
  SECTION("industry pays its power and no F&A") {
    // 55,104 + 4,080.4785 = 59,184.4785; 2M / 59,184.4785 = 33.79 -> 33 GPUs.
    Institution inst = institution(s, InstitutionKind::kIndustry, "H100-SXM");
    model::FleetYear y = model::step_fleet(inst, s, 2024, 2e6, 0, cohorts);
    CHECK(y.purchased == 33);
    CHECK(y.opex_usd == near(33 * (kPower + kMaintenance)));
    CHECK(y.indirect_usd == 0);
  }
  SECTION("commissioning: a purchase delivers and costs for part of its first year") {
    // 6 months: first-year opex x 0.5. Industry: 55,104 + 4,080.4785 / 2 = 57,144.23925;
    // 2M / 57,144.23925 = 34.999 -> 34 GPUs. Hours: 34 x 8,760 x 0.95 x 0.60 x 0.5 = 84,884.4.
    Institution inst = institution(s, InstitutionKind::kIndustry, "H100-SXM");
    inst.procurement.commissioning_months = 6;
    model::FleetYear y = model::step_fleet(inst, s, 2024, 2e6, 0, cohorts);
    CHECK(y.purchased == 34);
    CHECK(y.opex_usd == near(34 * (kPower + kMaintenance) / 2));
    CHECK(y.owned_gpu_hours == near(84884.4));
    // The next year it runs in full: 34 x 4,993.2 = 169,768.8 hours.
    CHECK(model::measure_fleet(inst, s, 2025, cohorts).owned_gpu_hours == near(169768.8));
  }
}

TEST_CASE("running costs of the fleet in service are paid before any purchase", "[fleet]") {
  Scenario s = scenario();
  Institution inst = institution(s, InstitutionKind::kUniversity, "H100-SXM");
  inst.procurement.power_paid_by_lab = true;
  inst.fleet = {cohort(s, "H100-SXM", 10, 2024)};
  std::vector<model::LiveCohort> cohorts;
  model::initial_cohorts(inst, s, cohorts);
  // Committed: 10 x 4,080.4785 x 1.5 = 61,207.1775.
  const double committed = 10 * (kPower + kMaintenance) * 1.5;
  SECTION("an envelope of 50k and reserves of 10k pay them: reserves pay 7,471.45 without F&A") {
    // Direct running cost 40,804.785; 50k at 50% F&A pays 50,000 / 1.5 = 33,333.333 of it and
    // 16,666.667 of F&A. Reserves pay the rest, 40,804.785 - 33,333.333 = 7,471.452. Nothing is bought.
    model::FleetYear running = model::measure_fleet(inst, s, 2024, cohorts);
    model::FleetYear y = model::finish_fleet(inst, s, model::fleet_prices(s, 2024, 1, {}), running, {50e3, 10e3}, 0.5,
                                             cohorts);
    CHECK(y.reserves_usd == near(committed / 1.5 - 50e3 / 1.5));
    CHECK(y.reserves_usd == Approx(7471.452).epsilon(1e-6));
    CHECK(y.indirect_usd == Approx(16666.667).epsilon(1e-6));
    CHECK(y.purchased == 0);
    CHECK(y.capex_usd == 0);
    CHECK(y.opex_usd == near(10 * (kPower + kMaintenance)));
    CHECK(y.unfunded_usd == 0);
    CHECK(y.gpus_retired_early == 0);
  }
  SECTION("an envelope of 50k and no reserves: 2 GPUs retire, the rest run within the envelope") {
    // 7,471.452 must be cut. Retiring one GPU saves 4,080.4785 (power and maintenance): one is
    // not enough (3,390.9735 left, more than the 1,325.2785 that idling one more would save), so
    // two retire, saving 8,160.957. The 8 left cost 32,643.828 + F&A 16,321.914 = 48,965.742,
    // within the 50k; what the retirement saved beyond the need stays in the funds.
    model::FleetYear y = model::step_fleet(inst, s, 2024, 50e3, 0.5, cohorts);
    CHECK(y.gpus_retired_early == 2);
    CHECK(y.gpus_idle == 0);
    CHECK(y.gpus == 8);
    CHECK(y.unfunded_usd == near(2 * (kPower + kMaintenance)));
    CHECK(y.opex_usd == near(8 * (kPower + kMaintenance)));
    CHECK(y.indirect_usd == near(8 * (kPower + kMaintenance) * 0.5));
    CHECK(y.reserves_usd == 0);
    CHECK(y.purchased == 0);
    CHECK(y.owned_gpu_hours == near(8 * 4993.2));  // 8 x 8,760 x 0.95 x 0.60
    // Retired for good: the next year has 8 GPUs.
    CHECK(model::measure_fleet(inst, s, 2025, cohorts).gpus == 8);
  }
  SECTION("1,000 short: one GPU idles, saving its power; it is kept for the next year") {
    // Envelope = 61,207.1775 - 1.5 x 1,000: 1,000 of direct cost to cut, less than one GPU's
    // power (1,325.2785): the oldest GPU idles. Opex 10 x 4,080.4785 - 1,325.2785 = 39,479.5065.
    model::FleetYear y = model::step_fleet(inst, s, 2024, committed - 1500, 0.5, cohorts);
    CHECK(y.gpus_idle == 1);
    CHECK(y.gpus_retired_early == 0);
    CHECK(y.gpus == 10);
    CHECK(y.unfunded_usd == near(kPower));
    CHECK(y.opex_usd == near(10 * (kPower + kMaintenance) - kPower));
    CHECK(y.owned_gpu_hours == near(9 * 4993.2));
    CHECK(y.owned_run_peak_flops == near(9 * 989e12 * 0.95));  // the idle GPU is not in the largest run
    CHECK(model::measure_fleet(inst, s, 2025, cohorts).gpus_idle == 0);
  }
  SECTION("what is left after the commitments buys 2 GPUs at 61,224.71775") {
    model::FleetYear y = model::step_fleet(inst, s, 2024, committed + 2 * 61224.71775 + 1, 0.5, cohorts);
    CHECK(y.unfunded_usd == 0);
    CHECK(y.reserves_usd == 0);
    CHECK(y.purchased == 2);
    CHECK(y.gpus == 12);
  }
}

TEST_CASE("cuts release rentals first, then stop owned GPUs oldest first, the last one idled if that is enough",
          "[fleet]") {
  // An industry lab (no F&A, pays its power) in 2024 with, per GPU and year:
  //   4 H100-SXM owned since 2023: 1,325.2785 power + 2,755.2 maintenance = 4,080.4785
  //   10 A100-80GB owned since 2020 (17,500 x 1.64 = 28,700): power 0.4 kW x 1.82 x 1.25 x 8,760
  //     x 0.95 x 0.10 = 757.302, maintenance 5% x 28,700 = 1,435; 2,192.302 in all
  //   2 H100-SXM rented (reserved) in 2024: 8,760 h x 3.90 = 34,164
  //   committed = 16,321.914 + 21,923.02 + 68,328 = 106,572.934
  // To cut: 2 x 34,164 + 3 x 2,192.302 + 500 = 75,404.906, so the envelope is 31,168.028.
  //   The rentals go first (68,328); then the oldest owned, the A100s: 3 retire (6,576.906) and
  //   the 500 left is less than an A100's power, so a fourth idles (757.302). The H100s run.
  Scenario s = scenario();
  Institution inst = institution(s, InstitutionKind::kIndustry, "H100-SXM");
  inst.fleet = {cohort(s, "H100-SXM", 4, 2023), cohort(s, "A100-80GB", 10, 2020),
                cohort(s, "H100-SXM", 2, 2024, Ownership::kCloud, 3)};
  std::vector<model::LiveCohort> cohorts;
  model::initial_cohorts(inst, s, cohorts);
  const double a100 = 757.302 + 1435, rent = 8760 * 3.90;
  const double committed = 4 * (kPower + kMaintenance) + 10 * a100 + 2 * rent;
  model::FleetYear before = model::measure_fleet(inst, s, 2024, cohorts);
  REQUIRE(before.opex_usd + before.cloud_usd == near(committed));
  model::FleetYear y = model::step_fleet(inst, s, 2024, committed - (2 * rent + 3 * a100 + 500), 0, cohorts);
  CHECK(y.gpus_retired_early == 5);  // 2 rentals released, 3 A100s retired
  CHECK(y.gpus_idle == 1);
  CHECK(y.gpus == 11);               // 4 H100s and 7 A100s, the idle one included
  CHECK(y.cloud_usd == 0);
  CHECK(y.rented_gpu_hours == 0);
  CHECK(y.unfunded_usd == near(2 * rent + 3 * a100 + 757.302));
  CHECK(y.opex_usd == near(4 * (kPower + kMaintenance) + 7 * a100 - 757.302));
  // Delivered: 4 H100s and 6 running A100s, 4,993.2 hours each.
  CHECK(y.owned_gpu_hours == near(10 * 4993.2));
  CHECK(y.owned_h100_hours == near(4 * 4993.2 + 6 * 4993.2 * 312 / 989));
  CHECK(cohorts[0].count == 4);
  CHECK(cohorts[1].count == 7);
  CHECK(cohorts[1].capex_usd == near(7 * 28700));  // maintenance per GPU unchanged
  CHECK(cohorts[2].count == 0);
}

TEST_CASE("owned cohorts retire after their lifetime", "[fleet]") {
  Scenario s = scenario();
  Institution inst = institution(s, InstitutionKind::kIndustry, "H100-SXM");
  // 10 A100-80GB bought in 2020 at 17,500: capex 10 x 17,500 x 1.64 = 287,000; in service
  // 2020-2024 (5 years). 4 more with their own 3-year lifetime: 2022-2024.
  inst.fleet = {cohort(s, "A100-80GB", 10, 2020), cohort(s, "A100-80GB", 4, 2022, Ownership::kOwned, 3)};
  std::vector<model::LiveCohort> cohorts;
  model::initial_cohorts(inst, s, cohorts);
  REQUIRE(cohorts.size() == 2);
  CHECK(cohorts[0].capex_usd == near(287000));
  CHECK(cohorts[0].retire_year == 2025);
  CHECK(cohorts[1].retire_year == 2025);
  CHECK(model::measure_fleet(inst, s, 2019, cohorts).gpus == 0);
  CHECK(model::measure_fleet(inst, s, 2021, cohorts).gpus == 10);
  CHECK(model::measure_fleet(inst, s, 2024, cohorts).gpus == 14);
  CHECK(model::measure_fleet(inst, s, 2025, cohorts).gpus == 0);
  inst.fleet[1].lifetime_years = 2;  // 2022-2023
  cohorts.clear();
  model::initial_cohorts(inst, s, cohorts);
  CHECK(model::measure_fleet(inst, s, 2023, cohorts).gpus == 14);
  CHECK(model::measure_fleet(inst, s, 2024, cohorts).gpus == 10);
}

TEST_CASE("power opex = n x tdp x server factor x PUE x 8,760 x availability x price", "[fleet]") {
  Scenario s = scenario();
  std::vector<model::LiveCohort> cohorts;
  Institution industry = institution(s, InstitutionKind::kIndustry, "H100-SXM");
  industry.fleet = {cohort(s, "H100-SXM", 10, 2024)};
  model::initial_cohorts(industry, s, cohorts);
  // Capex 10 x 55,104; power 10 x 1,325.2785 = 13,252.785; maintenance 27,552.
  model::FleetYear y = model::measure_fleet(industry, s, 2024, cohorts);
  CHECK(y.opex_usd == near(10 * (kPower + kMaintenance)));  // 40,804.785
  CHECK(y.power_w == near(15925));                           // 10 x 700 x 1.82 x 1.25
  CHECK(y.owned_gpu_hours == near(49932));                   // 10 x 8,760 x 0.95 x 0.60
  CHECK(y.owned_h100_hours == near(49932));
  CHECK(y.h100_equivalents == near(10));
  CHECK(y.peak_flops == near(9.89e15));

  SECTION("electricity grows with inflation from the first year: 2026 at 2.5%/yr") {
    // 1,325.2785 x 1.025^2 = 1,392.3707240625 per GPU.
    s.economy.inflation_rate = 0.025;
    CHECK(model::measure_fleet(industry, s, 2026, cohorts).opex_usd == near(10 * (1392.3707240625 + kMaintenance)));
  }
  SECTION("a university does not pay power unless power_paid_by: lab") {
    Institution uni = industry;
    uni.kind = InstitutionKind::kUniversity;
    model::FleetYear u = model::measure_fleet(uni, s, 2024, cohorts);
    CHECK(u.opex_usd == near(10 * kMaintenance));  // 27,552
    CHECK(u.power_w == near(15925));                // the power is drawn all the same
    uni.procurement.power_paid_by_lab = true;
    CHECK(model::measure_fleet(uni, s, 2024, cohorts).opex_usd == near(10 * (kPower + kMaintenance)));
  }
}

TEST_CASE("cloud hours = budget / ((1 + rate) x rate per hour)", "[fleet]") {
  Scenario s = scenario();
  Institution inst = institution(s, InstitutionKind::kUniversity, "H100-SXM");
  inst.procurement.mode = ProcurementMode::kCloud;
  std::vector<model::LiveCohort> cohorts;
  // 1M at F&A 50%, 3.90 USD/h: 1M / (1.5 x 3.90) = 170,940.17 hours; spend 666,666.67 + F&A
  // 333,333.33.
  model::FleetYear y = model::step_fleet(inst, s, 2025, 1e6, 0.5, cohorts);
  CHECK(y.rented_gpu_hours == near(170940.17094017));
  CHECK(y.rented_h100_hours == near(170940.17094017));
  CHECK(y.cloud_usd == near(666666.66666667));
  CHECK(y.indirect_usd == near(333333.33333333));
  CHECK(y.purchased == 0);
  CHECK(cohorts.empty());
}

TEST_CASE("reserved cloud cohorts are committed rental for all 8,760 hours", "[fleet]") {
  Scenario s = scenario();
  Institution inst = institution(s, InstitutionKind::kUniversity, "H100-SXM");
  inst.fleet = {cohort(s, "H100-SXM", 4, 2024, Ownership::kCloud)};
  std::vector<model::LiveCohort> cohorts;
  model::initial_cohorts(inst, s, cohorts);
  // 4 x 8,760 = 35,040 hours x 3.90 = 136,656 USD, F&A 50%: 68,328; committed 204,984.
  model::FleetYear y = model::step_fleet(inst, s, 2025, 204984, 0.5, cohorts);
  CHECK(y.rented_gpu_hours == near(35040));
  CHECK(y.cloud_usd == near(136656));
  CHECK(y.indirect_usd == near(68328));
  CHECK(y.owned_gpu_hours == 0);
  CHECK(y.opex_usd == 0);
  CHECK(y.purchased == 0);
}

TEST_CASE("F&A: a university's cloud dollar buys less than its equipment dollar", "[fleet]") {
  Scenario s = scenario();
  std::vector<model::LiveCohort> none;
  auto cloud_hours = [&](double rate) {
    Institution inst = institution(s, InstitutionKind::kUniversity, "H100-SXM");
    inst.procurement.mode = ProcurementMode::kCloud;
    std::vector<model::LiveCohort> c;
    return model::step_fleet(inst, s, 2025, 1e6, rate, c).rented_gpu_hours;
  };
  auto gpus_bought = [&](double rate) {
    Institution inst = institution(s, InstitutionKind::kUniversity, "H100-SXM");
    inst.procurement.maintenance_rate = 0;  // no running cost charged to the lab
    std::vector<model::LiveCohort> c;
    return model::step_fleet(inst, s, 2025, 1e6, rate, c).purchased;
  };
  // Cloud: 1M / 3.90 = 256,410.26 hours without F&A; 1M / (1.55 x 3.90) = 165,425.97 at 55%.
  CHECK(cloud_hours(0) == near(256410.25641026));
  CHECK(cloud_hours(0.55) == near(165425.97187758));
  CHECK(cloud_hours(0.55) / cloud_hours(0) == near(1 / 1.55));
  // Equipment is outside the base: 1M / 55,104 = 18.15 -> 18 GPUs at either rate.
  CHECK(gpus_bought(0) == 18);
  CHECK(gpus_bought(0.55) == 18);
}

TEST_CASE("`cheapest` rents when owned hardware would sit idle", "[fleet]") {
  Scenario s = scenario();
  std::vector<model::LiveCohort> cohorts;
  Institution inst = institution(s, InstitutionKind::kIndustry, "H100-SXM");
  inst.procurement.mode = ProcurementMode::kCheapest;
  // Owned, per GPU over 5 years: 55,104 + 5 x 4,080.4785 = 75,506.39 USD for
  // 5 x 8,760 x 0.95 x u hours. Rented: 3.90 USD/h.
  SECTION("utilization 60%: 75,506.39 / 24,966 h = 3.02 USD/h < 3.90: buy") {
    model::FleetYear y = model::step_fleet(inst, s, 2025, 1e6, 0, cohorts);
    // A purchase reserves its first year of running costs: 1M / (55,104 + 4,080.4785) = 16.9,
    // so 16 whole GPUs.
    CHECK(y.purchased == 16);
    CHECK(y.cloud_usd == 0);
  }
  SECTION("utilization 20%: 75,506.39 / 8,322 h = 9.07 USD/h > 3.90: rent") {
    inst.operations.utilization = 0.2;
    model::FleetYear y = model::step_fleet(inst, s, 2025, 1e6, 0, cohorts);
    CHECK(y.purchased == 0);
    CHECK(y.rented_gpu_hours == near(256410.25641026));
  }
}

// Guards issue 13 (b): `cheapest` weighs owned hardware over the years a purchase actually serves,
// its lifetime rounded to whole years (retire_after) less commissioning, not over the lifetime as
// written. Before the fix a 2.6-year lifetime was costed over 2.6 years while the GPUs served 3,
// and commissioning was ignored.
TEST_CASE("`cheapest` costs owned hardware over the years it serves", "[fleet]") {
  Scenario s = scenario();
  std::vector<model::LiveCohort> cohorts;
  Institution inst = institution(s, InstitutionKind::kIndustry, "H100-SXM");
  inst.procurement.mode = ProcurementMode::kCheapest;
  inst.operations.utilization = 0.75;  // 8,760 x 0.95 x 0.75 = 6,241.5 hours a GPU-year
  // What 1M does in 2025 with the lifetime and commissioning given.
  auto step = [&](double lifetime_years, double commissioning_months) {
    inst.procurement.lifetime_years = lifetime_years;
    inst.procurement.commissioning_months = commissioning_months;
    return model::step_fleet(inst, s, 2025, 1e6, 0, cohorts);
  };
  SECTION("lifetime 2.6 years serves 3: (55,104 + 3 x 4,080.4785) / (3 x 6,241.5) = 3.597 < 3.90: buy") {
    // Over 2.6 years it would be (55,104 + 2.6 x 4,080.4785) / (2.6 x 6,241.5) = 4.049 > 3.90: rent.
    model::FleetYear y = step(2.6, 0);
    CHECK(y.purchased == 16);  // 1M / (55,104 + 4,080.4785) = 16.9
    CHECK(y.cloud_usd == 0);
    REQUIRE(cohorts.size() == 1);
    CHECK(cohorts[0].retire_year == 2028);  // 2025, 2026, 2027
  }
  SECTION("commissioning shortens the years served: rent") {
    struct Case {
      double lifetime_years, commissioning_months;
    };
    // 3 years with 6 months commissioning serve 2.5: 65,305.2 / 15,603.75 = 4.185 > 3.90 (over 3
    // full years it would be 3.597 < 3.90: buy). 1 year commissioned for all of it serves nothing.
    for (Case c : {Case{3, 6}, Case{1, 12}}) {
      INFO(c.lifetime_years << " years, " << c.commissioning_months << " months");
      model::FleetYear y = step(c.lifetime_years, c.commissioning_months);
      CHECK(y.purchased == 0);
      CHECK(y.rented_gpu_hours == near(1e6 / 3.90));
    }
  }
}
