// Amounts read as written (docs/cli.md, "validate"): `labsim validate` says how it read every
// funding stream — a total spread over its years, or a yearly amount — and notes a total that
// pays much less a year than the institution's other money; nominal values of uncertain inputs
// are printed in their keys' units. The expected lines are worked out by hand.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "cli_helpers.hpp"
#include "labsim/keys.hpp"
#include "labsim/loader.hpp"

TEST_CASE("validate says how each funding stream was read", "[io][amounts]") {
  const labsim::Scenario s = labsim::load_scenario_string(
      "scenario: {name: t, years: 2024-2032}\n"
      "institutions:\n"
      "  - id: stateu\n"
      "    kind: university\n"
      "    funding:\n"
      "      - {name: rc-budget, amount: 4M/yr, years: 2024-2032, growth: 3%/yr}\n"
      "      - {name: topup, purpose: people, amount: 4M, years: 2025-2032}\n"
      "      - {name: award, amount: 20M, years: 2024-2028, indirect_rate: 55%}\n"
      "      - {name: one-off, amount: 250k, years: 2026-2026}\n"
      "      - {name: equipment, purpose: compute, amount: 3M, years: 2024-2026, schedule: [50%, 30%, 20%]}\n",
      "t.yaml");
  const std::vector<std::string> lines = labsim::funding_as_read(s);
  // The top-up pays 4M / 8 = $500,000 a year; the institution's other money in 2025 is
  // 4M x 1.03 + 4M (the award) + 0.9M (equipment's 30%) = $9.02 million: a fifth of it is
  // $1.8 million, more than $500,000, so a note follows. The one-off year is not spread.
  CHECK(lines == std::vector<std::string>{
                     "institutions.stateu.funding.rc-budget: $4 million a year over 2024-2032, growing 3 %/yr",
                     "institutions.stateu.funding.topup: $4 million over 2025-2032 = $500,000 a year, for people only",
                     "  note: read as a total spread over 8 years; for $4 million a year write 4M/yr",
                     "institutions.stateu.funding.award: $20 million over 2024-2028 = $4 million a year (F&A 55 %)",
                     "institutions.stateu.funding.one-off: $250,000 in 2026",
                     "institutions.stateu.funding.equipment: $3 million over 2024-2026, paid by its schedule, for "
                     "compute only"});
}

TEST_CASE("a total is not noted when it is the institution's main money", "[io][amounts]") {
  // 4M over 2025-2032 beside 1M a year: $500,000 a year is half the other money, not under a fifth.
  const labsim::Scenario s = labsim::load_scenario_string(
      "scenario: {name: t, years: 2024-2032}\n"
      "institutions:\n"
      "  - id: u\n"
      "    kind: university\n"
      "    funding:\n"
      "      - {name: base, amount: 1M/yr, years: 2024-2032}\n"
      "      - {name: grant, amount: 4M, years: 2025-2032}\n",
      "t.yaml");
  const std::vector<std::string> lines = labsim::funding_as_read(s);
  REQUIRE(lines.size() == 2);
  CHECK(lines[1] == "institutions.u.funding.grant: $4 million over 2025-2032 = $500,000 a year");
}

TEST_CASE("nominal values of uncertain inputs are written in their keys' units", "[cli][amounts]") {
  auto r = labsim::test::run_cli("validate scenarios/compute-divide.yaml");
  REQUIRE(r.status == 0);
  // 4%/yr is a growth factor of 1.04 inside; the reader sees 4 %/yr, a share as a percentage.
  CHECK(r.out.find("market.industry_comp.growth: triangular: [2%/yr, 4%/yr, 9.4%/yr] (nominal 4 %/yr)") !=
        std::string::npos);
  CHECK(r.out.find("institutions.institute.operations.mfu: pert: [20%, 37.5%, 52%] (nominal 37.5 %)") !=
        std::string::npos);
  CHECK(r.out.find("(nominal 1.04)") == std::string::npos);
}

TEST_CASE("input_words names an input in plain words, its institution by short name", "[io][amounts]") {
  const labsim::Scenario s = labsim::load_scenario_file(labsim::test::source_path("scenarios/compute-divide.yaml"));
  CHECK(labsim::input_words(s, "institutions.institute.operations.mfu") == "model FLOPs utilization at the institute");
  CHECK(labsim::input_words(s, "institutions.institute.operations.mfu", true) == "the institute: model FLOPs utilization");
  // The parenthetical of the key's label is left out; a series' growth is its yearly growth.
  CHECK(labsim::input_words(s, "hardware.price_performance_doubling") ==
        "doubling time of FLOP/s per dollar after the newest catalog part");
  CHECK(labsim::input_words(s, "market.industry_comp.growth") ==
        "yearly growth of median total pay of an industry AI research scientist");
  CHECK(labsim::input_words(s, "institutions.industry-lab.funding.capex.growth") ==
        "yearly growth of the industry lab's capex funding");
  CHECK(labsim::input_words(s, "no.such.key") == "no.such.key");
}
