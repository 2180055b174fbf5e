// Loader behaviour added after the first round of tests: overrides replace whole values,
// unit words in any case, clearer hints, and checks of the initial fleet and allocations.
#include <catch2/catch.hpp>

#include <algorithm>

#include <string>

#include "labsim/diagnostics.hpp"
#include "labsim/loader.hpp"
#include "loader_helpers.hpp"

namespace {

using labsim::test::report_of;

const std::string kHead = "scenario: {name: t, years: 2024-2026}\n";

}  // namespace

TEST_CASE("an overriding series replaces the base series instead of adding points", "[loader][compose]") {
  // Base: 256k (2020), 335,250 (2023), +4%/yr. The override has one point, 400k in 2025: alone it
  // is a constant series, so 2020 also reads 400k (merged, 2020 would still read 256k).
  labsim::Scenario s = labsim::load_scenario_string(
      kHead + "market: {industry_comp: {2025: 400k}}\ninstitutions: [{id: u, kind: university}]\n", "t.yaml");
  REQUIRE(s.market.industry_comp_usd.points.size() == 1);
  CHECK(s.market.industry_comp_usd.at(2020) == Approx(400e3));
  // The --set of a built-in part's price replaces its whole price series: 25k in every year.
  labsim::Scenario c = labsim::load_scenario_string(
      kHead + "hardware: {catalog: [{name: A100-80GB, price_usd: {2024: 25k}}]}\n"
              "institutions: [{id: u, kind: university}]\n",
      "t.yaml");
  const labsim::Accelerator& a = c.catalog.parts[static_cast<size_t>(c.catalog.find("A100-80GB"))];
  REQUIRE(a.price_usd->points.size() == 1);
  CHECK(a.price_usd->at(2020) == Approx(25e3));
}

TEST_CASE("a value given without a source drops the base's source", "[loader][compose]") {
  std::string base = kHead +
                     "institutions:\n"
                     "  - id: u\n"
                     "    kind: university\n"
                     "    funding: [{name: g, amount: {value: 20M, source: \"NSF 2023\"}, years: 2024-2025}]\n";
  labsim::Scenario s = labsim::load_scenario_string(base, "t.yaml", {"institutions.u.funding.g.amount={value: 40M}"});
  REQUIRE(s.institutions[0].funding[0].amount_usd == Approx(40e6));
  bool found = false;
  for (const auto& a : s.assumptions)
    if (a.path == "institutions.u.funding.g.amount") {
      found = true;
      CHECK(a.value == "40M");
      CHECK(a.source.empty());
    }
  CHECK(found);
}

TEST_CASE("unit words in any case; scale letters only standing alone", "[loader]") {
  labsim::Scenario s = labsim::load_scenario_string(
      kHead + "institutions: [{id: u, kind: university, procurement: {commissioning: 6 Months, lifetime: 4 Years}}]\n",
      "t.yaml");
  CHECK(s.institutions[0].procurement.commissioning_months == Approx(6));
  CHECK(s.institutions[0].procurement.lifetime_years == Approx(4));
  CHECK(report_of(kHead + "institutions: [{id: u, kind: university, fleet: [{gpu: A100-80GB, count: 200K, "
                          "acquired: 2024}]}]\n") ==
        "t.yaml:2:74: error: institutions.u.fleet[0].count: expected a count, found \"200K\" (unknown scale "
        "suffix 'K')\n"
        "    institutions: [{id: u, kind: university, fleet: [{gpu: A100-80GB, count: 200K, acquired: 2024}]}]\n"
        "                                                                             ^\n"
        "hint: write k for thousand (1e3)\n");
}

TEST_CASE("a fraction above 1 gets a hint that does not turn 1.64 into 1.64%", "[loader]") {
  CHECK(report_of(kHead + "institutions: [{id: u, kind: university, procurement: {server_overhead: 1.64}}]\n") ==
        "t.yaml:2:73: error: institutions.u.procurement.server_overhead: expected a percentage, found \"1.64\" "
        "(a bare number above 1 is not a fraction)\n"
        "    institutions: [{id: u, kind: university, procurement: {server_overhead: 1.64}}]\n"
        "                                                                            ^\n"
        "hint: write a percentage such as 64% or a fraction such as 0.64; 164% if you mean more than the whole\n");
}

TEST_CASE("a name the word begins is suggested first", "[loader]") {
  // Columns above are 1-based positions of the value in its line.
  // "H100" is closer to "B200" by edit distance (2) than to "H100-SXM" (4), but it is the start of
  // "H100-SXM".
  std::string r = report_of(kHead + "institutions: [{id: u, kind: university, fleet: [{gpu: H100, count: 8, "
                                    "acquired: 2024}]}]\n");
  CHECK(r.find("hint: did you mean 'H100-SXM'?\n") != std::string::npos);
}

TEST_CASE("a misspelt built-in part under hardware.catalog is named, not taken for a new part", "[loader]") {
  CHECK(report_of(kHead + "hardware: {catalog: [{name: H100-SXN, price_usd: 25k}]}\n"
                          "institutions: [{id: u, kind: university}]\n") ==
        "t.yaml:2:29: error: hardware.catalog: unknown part \"H100-SXN\": a new part needs year, bf16_tflops and "
        "tdp_w\n"
        "    hardware: {catalog: [{name: H100-SXN, price_usd: 25k}]}\n"
        "                                ^\n"
        "hint: did you mean 'H100-SXM'? To change a built-in part, use its exact name\n");
}

TEST_CASE("the initial fleet must be in service by the first year", "[loader]") {
  CHECK(report_of(kHead + "institutions: [{id: u, kind: university, fleet: [{gpu: A100-80GB, count: 2, "
                          "acquired: 2026}]}]\n") ==
        "t.yaml:2:87: error: institutions.u.fleet[0].acquired: the initial fleet must be in service by the first "
        "year (2024), found 2026\n"
        "    institutions: [{id: u, kind: university, fleet: [{gpu: A100-80GB, count: 2, acquired: 2026}]}]\n"
        "                                                                                          ^\n"
        "hint: later purchases come from `procurement:` and the budget\n");
}

TEST_CASE("an allocation to an unknown institution is one error, not two", "[loader]") {
  std::string r = report_of(kHead +
                            "institutions:\n"
                            "  - {id: u, kind: university}\n"
                            "  - id: n\n"
                            "    kind: national_resource\n"
                            "    funding: [{name: g, amount: 1M, years: 2024-2026}]\n"
                            "    allocates: [{institution: uu, share: 60%}, {institution: u, share: 60%}]\n");
  // Only the unknown name: the two 60% shares would exceed 100% only if both counted.
  CHECK(r.find("unknown institution \"uu\"") != std::string::npos);
  CHECK(r.find("more than 100%") == std::string::npos);
  // One diagnostic in all: a report of several ends with its count ("2 errors").
  CHECK(r.find(" errors\n") == std::string::npos);
  CHECK(std::count(r.begin(), r.end(), '^') == 1);
}

TEST_CASE("a catalog entry without a name is reported, not a crash", "[loader][hostile]") {
  std::string r = report_of(kHead + "hardware: {catalog: [{year: 2025}, {name: H100-SXM, price_usd: 30k}]}\n"
                                    "institutions: [{id: u, kind: university}]\n");
  CHECK(r.find("missing required key 'name'") != std::string::npos);
}

TEST_CASE("prices must be above zero", "[loader]") {
  // A free part would be bought without limit (budget / 0).
  CHECK(report_of(kHead + "hardware: {catalog: [{name: Free, year: 2024, bf16_tflops: 500, tdp_w: 500, "
                          "price_usd: 0}]}\ninstitutions: [{id: u, kind: university}]\n") ==
        "t.yaml:2:88: error: hardware.catalog.Free.price_usd: expected an amount of money above 0 and at most "
        "1e15, found 0\n"
        "    hardware: {catalog: [{name: Free, year: 2024, bf16_tflops: 500, tdp_w: 500, price_usd: 0}]}\n"
        "                                                                                           ^\n"
        "hint: leave the key out if the part cannot be bought\n");
  // A point of a series is reported where it is written (column 113: the 0), under its year.
  std::string r = report_of(kHead + "hardware: {catalog: [{name: Free, year: 2024, bf16_tflops: 500, tdp_w: 500, "
                                    "cloud_usd_per_hour: {2024: 2, 2026: 0}}]}\ninstitutions: [{id: u, kind: university}]\n");
  CHECK(r.starts_with("t.yaml:2:113: error: hardware.catalog.Free.cloud_usd_per_hour.2026: expected an amount of "
                      "money above 0 and at most 1e15, found 0\n"));
  CHECK(r.ends_with("hint: leave the key out if the part cannot be rented\n"));
}

TEST_CASE("growth that overflows over the horizon is refused where it is written", "[loader]") {
  // 185k x 100^(2200 - 2024) is far beyond 1e15 (and beyond a double).
  std::string r = report_of(
      "scenario: {name: t, years: 2024-2200}\n"
      "institutions: [{id: u, kind: university, people: [{role: faculty, count: 1, salary: 185k, "
      "salary_growth: 100x/yr}]}]\n");
  CHECK(r.find("institutions.u.people.faculty.salary_growth: this grows to inf by 2200") != std::string::npos);
  std::string stream = report_of(
      "scenario: {name: t, years: 2024-2200}\n"
      "institutions: [{id: u, kind: university, funding: [{name: g, amount: 1M/yr, years: 2024-2100, "
      "growth: 50%/yr}]}]\n");
  // 1e6 x 1.5^76 = 2.415e19 > 1e15.
  CHECK(stream.find("institutions.u.funding.g.growth: this grows to 2.42e+19 by 2100") != std::string::npos);
}
