// Buying on delivered compute (issue 13, item 4): a part's training_efficiency f scales what its
// GPU-hours deliver (H100-hours, effective FLOP, the largest run) but not the peak counts, and
// `best` ranks parts on delivered FLOP per dollar over the years a purchase serves. Expected
// values are worked out by hand in the comments from the catalog figures.
#include <catch2/catch.hpp>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

#include "cli_helpers.hpp"
#include "fleet_helpers.hpp"
#include "labsim/engine.hpp"
#include "labsim/loader.hpp"
#include "loader_helpers.hpp"
#include "model/fleet.hpp"
#include "model/throughput.hpp"

namespace {

using labsim::Accelerator;
using labsim::Institution;
using labsim::InstitutionKind;
using labsim::Metric;
using labsim::ProcurementMode;
using labsim::Scenario;
namespace model = labsim::model;

Approx near(double v) { return Approx(v).epsilon(1e-9); }

// The built-in catalog with round economy figures (as tests/test_fleet.cpp): 0.10 USD/kWh, PUE
// 1.25, server factor 1.82, no inflation. Power of one GPU-watt for a year at availability 95 %:
// 1.82 x 1.25 x 8,760 x 0.95 x 0.10 / 1,000 = 1.893255 USD.
Scenario scenario() { return labsim::test::round_economy_scenario(); }

// Only the parts added here are datacenter parts: `best` chooses between them alone.
Scenario two_parts(const Accelerator& first, const Accelerator& second) {
  Scenario s = scenario();
  for (Accelerator& a : s.catalog.parts) a.part_class = labsim::PartClass::kConsumer;
  s.catalog.parts.push_back(first);
  s.catalog.parts.push_back(second);
  return s;
}

Accelerator part(const char* name, double tflops, double tdp_w, double price_usd, double efficiency = 1) {
  Accelerator a;
  a.name = name;
  a.release_year = 2024;
  a.bf16_flops = tflops * 1e12;
  a.tdp_w = tdp_w;
  a.price_usd = labsim::Series::constant(price_usd);
  a.training_efficiency = efficiency;
  return a;
}

Institution buyer(InstitutionKind kind, int gpu = -1) {
  Institution inst;
  inst.kind = kind;
  inst.procurement.gpu = gpu;
  inst.procurement.mode = ProcurementMode::kOwned;
  inst.procurement.lifetime_years = 5;
  inst.procurement.server_overhead = 0.64;
  inst.procurement.maintenance_rate = 0.05;
  inst.operations = {0.95, 0.60, 0.40};
  inst.largest_run.share = 0.5;
  inst.largest_run.days = 90;
  return inst;
}

std::string chosen(const Scenario& s, const model::Offer& o) {
  return o.part < 0 ? "(none)" : s.catalog.parts[static_cast<size_t>(o.part)].name;
}

int index_of(const Scenario& s, const char* name) {
  int i = s.catalog.find(name);
  REQUIRE(i >= 0);
  return i;
}

}  // namespace

TEST_CASE("a training efficiency flips `best` between two parts", "[fleet][delivered]") {
  // A university that does not pay its power: each part costs unit x (1 + 5 x 5% x 1.5) over its
  // five years, the same multiple of its price, so the ranking is delivered TFLOP/s per 1,000 USD.
  // Paper: 1,500 TFLOP/s at 25k = 60 beats Steady: 1,000 at 20k = 50.
  Institution uni = buyer(InstitutionKind::kUniversity);
  SECTION("Paper at f = 1: 60 > 50") {
    Scenario s = two_parts(part("Paper", 1500, 700, 25000), part("Steady", 1000, 700, 20000));
    CHECK(chosen(s, model::offer(uni, s, 2024, 0.5, false)) == "Paper");
  }
  SECTION("Paper at f = 0.75: 1,500 x 0.75 / 25 = 45 < 50, Steady") {
    Scenario s = two_parts(part("Paper", 1500, 700, 25000, 0.75), part("Steady", 1000, 700, 20000));
    model::Offer o = model::offer(uni, s, 2024, 0.5, false);
    CHECK(chosen(s, o) == "Steady");
    CHECK(o.training_efficiency == 1);
  }
  SECTION("cloud: 1,500 x 0.75 / 2.5 USD/h = 450 < 1,000 / 2.0 = 500, Steady") {
    Accelerator paper = part("Paper", 1500, 700, 25000, 0.75), steady = part("Steady", 1000, 700, 20000);
    paper.cloud_usd_per_hour = labsim::Series::constant(2.5);
    steady.cloud_usd_per_hour = labsim::Series::constant(2.0);
    Scenario s = two_parts(paper, steady);
    CHECK(chosen(s, model::offer(uni, s, 2024, 0.5, true)) == "Steady");
    s.catalog.parts[s.catalog.parts.size() - 2].training_efficiency = 1;  // 1,500 / 2.5 = 600 > 500
    CHECK(chosen(s, model::offer(uni, s, 2024, 0.5, true)) == "Paper");
  }
  SECTION("two identical parts tie: the one listed first wins") {
    Scenario s = two_parts(part("First", 1000, 700, 20000), part("Second", 1000, 700, 20000));
    CHECK(chosen(s, model::offer(uni, s, 2024, 0.5, false)) == "First");
  }
}

TEST_CASE("`best` ranks owned parts over the years a purchase serves with running costs and F&A",
          "[fleet][delivered]") {
  // Same delivered FLOP/s; Hungry: 10k, 2,000 W; Frugal: 12k, 500 W. Per GPU and year:
  //   Hungry: unit 16,400; opex 2,000 x 1.893255 + 5% x 16,400 = 3,786.51 + 820 = 4,606.51
  //   Frugal: unit 19,680; opex   500 x 1.893255 + 5% x 19,680 =   946.6275 + 984 = 1,930.6275
  // Over Y years at F&A r: Hungry 16,400 + 4,606.51 Y (1 + r), Frugal 19,680 + 1,930.6275 Y (1 + r);
  // they cost the same at Y (1 + r) = 3,280 / 2,675.8825 = 1.2258.
  Scenario s = two_parts(part("Hungry", 1000, 2000, 10000), part("Frugal", 1000, 500, 12000));
  Institution lab = buyer(InstitutionKind::kIndustry);
  auto pick = [&](const Institution& inst, double rate) {
    return chosen(s, model::offer(inst, s, 2024, rate, false));
  };
  SECTION("five years: 39,432.55 against 29,333.14, Frugal") { CHECK(pick(lab, 0) == "Frugal"); }
  SECTION("one year: 21,006.51 against 21,610.63, Hungry") {
    lab.procurement.lifetime_years = 1;
    CHECK(pick(lab, 0) == "Hungry");
  }
  SECTION("commissioning: two years commissioned 12 months serve 1 (Hungry), 6 months serve 1.5 (Frugal)") {
    // Y = 1.5: 23,309.77 against 22,575.94.
    lab.procurement.lifetime_years = 2;
    lab.procurement.commissioning_months = 12;
    CHECK(pick(lab, 0) == "Hungry");
    lab.procurement.commissioning_months = 6;
    CHECK(pick(lab, 0) == "Frugal");
  }
  SECTION("a university that pays its power, one year: Hungry at F&A 0, Frugal at 50 %") {
    // At 50 %: Y (1 + r) = 1.5, as for 1.5 years above.
    Institution uni = buyer(InstitutionKind::kUniversity);
    uni.procurement.power_paid_by_lab = true;
    uni.procurement.lifetime_years = 1;
    CHECK(pick(uni, 0) == "Hungry");
    CHECK(pick(uni, 0.5) == "Frugal");
  }
  SECTION("a purchase that serves no time (one year, commissioned 12 months): `best` buys nothing") {
    lab.procurement.lifetime_years = 1;
    lab.procurement.commissioning_months = 12;
    CHECK(pick(lab, 0) == "(none)");
    std::vector<model::LiveCohort> cohorts;
    model::FleetYear y = model::step_fleet(lab, s, 2024, 1e6, 0, cohorts);
    CHECK(y.purchased == 0);
    CHECK(y.capex_usd == 0);
    CHECK(cohorts.empty());
  }
}

TEST_CASE("H100-hours and the largest run count delivered compute while H100-equivalents count peak",
          "[fleet][throughput][delivered]") {
  // 10 MI300X (1,307 TFLOP/s, f = 0.69) owned all of 2024 by a lab: 10 x 8,760 x 0.95 x 0.60 =
  // 49,932 GPU-hours, each 1,307 x 0.69 / 989 = 901.83 / 989 = 0.91186 H100-hours.
  Scenario s = scenario();
  const int mi300x = index_of(s, "MI300X");
  REQUIRE(s.catalog.parts[static_cast<size_t>(mi300x)].training_efficiency == 0.69);
  Institution lab = buyer(InstitutionKind::kIndustry, mi300x);
  lab.fleet = {labsim::Cohort{mi300x, 10, 2024, labsim::Ownership::kOwned, 0}};
  std::vector<model::LiveCohort> cohorts;
  model::initial_cohorts(lab, s, cohorts);
  model::FleetYear f = model::measure_fleet(lab, s, 2024, cohorts);
  CHECK(f.owned_gpu_hours == near(49932));
  CHECK(f.owned_h100_hours == near(45531.016744186));          // 49,932 x 0.911860465
  CHECK(f.h100_equivalents == near(13.215369059656));         // 10 x 1,307 / 989, no f
  CHECK(f.peak_flops == near(1.307e16));                       // 10 x 1,307e12, no f
  CHECK(f.owned_run_peak_flops == near(8.567385e15));          // 10 x 901.83e12 x 0.95
  model::Throughput t = model::throughput(s, lab, f, 0, 10, 2024);
  CHECK(t.h100_hours == near(45531.016744186));
  // 45,531.0167 x 989e12 x 3,600 x 0.40 = 49,932 x 901.83e12 x 3,600 x 0.40 = 6.48434528064e22.
  CHECK(t.effective_flop == near(6.48434528064e22));
  // 0.5 x 8.567385e15 x 0.40 x 90 x 86,400 = 1.3323997152e22.
  CHECK(t.largest_run_flop == near(1.3323997152e22));

  SECTION("at f = 1 the same fleet counts its peak: H100-hours 49,932 x 1,307 / 989, runs / 0.69") {
    s.catalog.parts[static_cast<size_t>(mi300x)].training_efficiency = 1;
    model::FleetYear g = model::measure_fleet(lab, s, 2024, cohorts);
    CHECK(g.owned_h100_hours == near(65986.980788675));
    CHECK(g.h100_equivalents == near(f.h100_equivalents));
    CHECK(model::throughput(s, lab, g, 0, 10, 2024).largest_run_flop == near(1.3323997152e22 / 0.69));
  }
  SECTION("rented hours: 1M at F&A 50 % and 1.85 USD/h, 360,360.36 hours x 0.91186") {
    Institution uni = buyer(InstitutionKind::kUniversity, mi300x);
    uni.procurement.mode = ProcurementMode::kCloud;
    std::vector<model::LiveCohort> none;
    model::FleetYear r = model::step_fleet(uni, s, 2025, 1e6, 0.5, none);
    CHECK(r.rented_gpu_hours == near(360360.36036036));  // 1M / (1.5 x 1.85)
    CHECK(r.rented_h100_hours == near(328598.36580767));
    CHECK(r.h100_equivalents == 0);
  }
  SECTION("a reserved cloud cohort: 4 x 8,760 = 35,040 hours x 0.91186 = 31,951.59 H100-hours") {
    Institution uni = buyer(InstitutionKind::kUniversity, mi300x);
    uni.fleet = {labsim::Cohort{mi300x, 4, 2025, labsim::Ownership::kCloud, 0}};
    std::vector<model::LiveCohort> reserved;
    model::initial_cohorts(uni, s, reserved);
    model::FleetYear r = model::measure_fleet(uni, s, 2025, reserved);
    CHECK(r.rented_h100_hours == near(31951.590697674));
    CHECK(r.h100_equivalents == near(4 * 1307.0 / 989));
  }
}

TEST_CASE("a scenario overrides training_efficiency with its source and a bad value is a located error",
          "[loader][delivered]") {
  const std::string head = "scenario: {name: t, years: 2024-2026}\n";
  const std::string tail = "institutions: [{id: u, kind: university}]\n";
  Scenario s = labsim::load_scenario_string(head +
                                                "hardware: {catalog: [{name: MI300X, training_efficiency: "
                                                "{value: 0.9, source: \"own benchmark\"}}]}\n" +
                                                tail,
                                            "t.yaml");
  const Accelerator& a = s.catalog.parts[static_cast<size_t>(s.catalog.find("MI300X"))];
  CHECK(a.training_efficiency == 0.9);
  CHECK(a.bf16_flops == 1307e12);  // the rest of the built-in part is kept
  // --set reaches it too (the built-in catalog is not in the file: the list form), and a part
  // without the key keeps 1.
  Scenario set = labsim::load_scenario_string(head + tail, "t.yaml",
                                              {"hardware.catalog=[{name: B200, training_efficiency: 0.8}]"});
  CHECK(set.catalog.parts[static_cast<size_t>(set.catalog.find("B200"))].training_efficiency == 0.8);
  CHECK(set.catalog.parts[static_cast<size_t>(set.catalog.find("A100-40GB"))].training_efficiency == 1);

  const std::string bad = "hardware: {catalog: [{name: MI300X, training_efficiency: ";
  CHECK(labsim::test::report_of(head + bad + "0}]}\n" + tail) ==
        "t.yaml:2:58: error: hardware.catalog.MI300X.training_efficiency: expected a number above 0 and at "
        "most 2.5, found 0\n"
        "    hardware: {catalog: [{name: MI300X, training_efficiency: 0}]}\n"
        "                                                             ^\n");
  CHECK(labsim::test::report_of(head + bad + "3}]}\n" + tail) ==
        "t.yaml:2:58: error: hardware.catalog.MI300X.training_efficiency: expected a number above 0 and at "
        "most 2.5, found 3\n"
        "    hardware: {catalog: [{name: MI300X, training_efficiency: 3}]}\n"
        "                                                             ^\n");
}

// The done-when check of issue 13, item 4: in compute-divide, `best` never buys a part whose
// delivered FLOP per dollar over the served lifetime is below the H100-SXM's in the same year,
// and it buys the part with the most. Scores are computed here from the catalog figures:
//   score = P x f / (price x 1.64 x (1 + 5 x 5% x (1 + r)) + 5 x power x (1 + r))
// per GPU over Y = 5 years (availability and utilization are the same for every part and cancel).
// The institute (a university) does not pay its power, so its ranking is P x f / price whatever
// its F&A rate; the industry lab pays power and has no F&A. Both are checked at F&A 0 and 55 %,
// the least and the most of the institute's money.
TEST_CASE("compute-divide: `best` buys the most delivered FLOP per dollar and never less than the H100-SXM's",
          "[fleet][delivered][scenario]") {
  Scenario s = labsim::load_scenario_file(labsim::test::source_path("scenarios/compute-divide.yaml"));
  const int h100 = index_of(s, "H100-SXM");
  for (const Institution& inst : s.institutions) {
    REQUIRE(inst.procurement.gpu == -1);
    for (double rate : {0.0, 0.55}) {
      for (int year = s.first_year; year <= s.last_year; ++year) {
        // Electricity of the year: 0.0826 USD/kWh grown 2.5 %/yr; TDP x 1.82 x PUE 1.25 x 8,760 x 0.95.
        double kwh_usd = 0.0826 * std::pow(1.025, year - s.first_year);
        auto score = [&](int i) {
          const Accelerator& a = s.catalog.parts[static_cast<size_t>(i)];
          double price = a.price_usd->at(year);
          bool pays_power = inst.kind != InstitutionKind::kUniversity;
          double power = pays_power ? a.tdp_w / 1000 * 1.82 * 1.25 * 8760 * 0.95 * kwh_usd : 0;
          return a.bf16_flops * a.training_efficiency /
                 (price * 1.64 * (1 + 5 * 0.05 * (1 + rate)) + 5 * power * (1 + rate));
        };
        int top = -1;
        for (size_t i = 0; i < s.catalog.parts.size(); ++i) {
          const Accelerator& a = s.catalog.parts[i];
          bool on_offer =
              a.part_class == labsim::PartClass::kDatacenter && a.price_usd && a.release_year <= year;
          if (!on_offer) continue;
          if (top < 0 || score(static_cast<int>(i)) > score(top)) top = static_cast<int>(i);
        }
        model::Offer o = model::offer(inst, s, year, rate, false);
        INFO(inst.id << " " << year << " F&A " << rate << ": " << chosen(s, o));
        REQUIRE(o.part >= 0);
        CHECK(score(o.part) >= score(h100));
        CHECK(o.part == top);
      }
    }
  }
  // The same, seen in the run: the institute's 2024 purchase adds 2,250 / 989 H100-equivalents a
  // GPU (a B200; an MI300X would add 1,307 / 989).
  labsim::Trajectory t = labsim::run(s);
  const labsim::InstitutionSeries& institute = t.institutions[0];
  REQUIRE(institute.id == "institute");
  double bought = institute.at(0, Metric::kFleetPurchased);
  REQUIRE(bought > 0);
  // The initial 68 A100-80GB: 68 x 312 / 989 H100-equivalents.
  double added = institute.at(0, Metric::kFleetH100Equivalents) - 68 * 312.0 / 989;
  CHECK(added / bought == near(2250.0 / 989));
}

TEST_CASE("same_parts tells catalogs that differ in a part the search for best reads", "[fleet][delivered][block]") {
  // The batch engine searches lane 0's catalog for every lane with the same parts; a field the
  // search reads that differs must send the lane to its own search.
  const Scenario base = two_parts(part("Paper", 1500, 700, 25000), part("Steady", 1000, 700, 20000));
  CHECK(model::same_parts(base, base));
  Scenario cheaper = base;
  cheaper.catalog.parts.back().price_usd = labsim::Series::constant(15000);  // prices may differ
  CHECK(model::same_parts(base, cheaper));
  const std::vector<std::pair<const char*, std::function<void(Accelerator&)>>> changes = {
      {"peak", [](Accelerator& a) { a.bf16_flops *= 2; }},
      {"TDP", [](Accelerator& a) { a.tdp_w += 1; }},
      {"training efficiency", [](Accelerator& a) { a.training_efficiency = 0.9; }},
      {"release year", [](Accelerator& a) { a.release_year += 1; }},
      {"class", [](Accelerator& a) { a.part_class = labsim::PartClass::kWorkstation; }},
      {"no purchase price", [](Accelerator& a) { a.price_usd.reset(); }},
  };
  for (const auto& [what, change] : changes) {
    Scenario other = base;
    change(other.catalog.parts.back());
    INFO(what);
    CHECK_FALSE(model::same_parts(base, other));
    CHECK_FALSE(model::same_parts(other, base));
  }
  Scenario longer = base;
  longer.catalog.parts.push_back(part("Third", 100, 300, 5000));
  CHECK_FALSE(model::same_parts(base, longer));
}
