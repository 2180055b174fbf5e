// The field table (sim/io/fields_table.cpp) is the one place a scenario key's limits live: the
// loader, distributions, sweep, solve and calibrate all refuse the same values, and the key
// tables of docs/scenario-format.md say what the table says.
#include <catch2/catch.hpp>

#include <fmt/format.h>

#include <map>
#include <regex>
#include <sstream>

#include "cli_helpers.hpp"
#include "io/fields.hpp"
#include "labsim/diagnostics.hpp"
#include "labsim/explore.hpp"
#include "labsim/keys.hpp"
#include "labsim/loader.hpp"
#include "loader_helpers.hpp"

namespace {

using labsim::test::report_of;
using labsim::test::run_cli;

const std::string kHead = "scenario: {name: t, years: 2024-2026}\n";
const std::string kUniversity =
    "institutions: [{id: u, kind: university, people: [{role: faculty, count: 2, salary: 100k}],\n"
    "                funding: [{name: g, amount: 1M/yr, years: 2024-2026}]}]\n";

// The first line of an error report: "t.yaml:L:C: error: PATH: MESSAGE".
std::string first_line(const std::string& report) { return report.substr(0, report.find('\n')); }

// The message of the one diagnostic an InputError carries, as "PATH: MESSAGE".
template <class F>
std::string input_error_of(F&& f) {
  try {
    f();
  } catch (const labsim::InputError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    return e.diagnostics()[0].path + ": " + e.diagnostics()[0].message;
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("a key's limits are checked where it is written, as a value or as a distribution", "[fields]") {
  // pue: facility over IT power, 1 to 5 (Epoch AI's non-hyperscale figure is 1.25).
  CHECK(first_line(report_of(kHead + "economy: {pue: 0.5}\n" + kUniversity)) ==
        "t.yaml:2:16: error: economy.pue: expected a number from 1 to 5, found 0.5");
  // A run lasts at most a year: a uniform draw up to 400 days would give runs the loader refuses.
  CHECK(first_line(report_of(kHead + "institutions: [{id: u, kind: university, largest_run: {days: {uniform: [300, 400]}}}]\n")) ==
        "t.yaml:2:62: error: institutions.u.largest_run.days: draws would reach 400 days; this key accepts a "
        "duration in days from 0 to 365 days");
  // Cut by max inside the limits, the same distribution is fine; its truncation is the cut.
  labsim::Scenario cut = labsim::load_scenario_string(
      kHead + "institutions: [{id: u, kind: university, largest_run: {days: {uniform: [300, 400], max: 365}}}]\n", "t.yaml");
  REQUIRE(cut.uncertain.size() == 1);
  CHECK(cut.uncertain[0].spec.max == 365);
  // Unbounded tails are truncated at the key's limits: pue draws stay within [1, 5].
  labsim::Scenario tails =
      labsim::load_scenario_string(kHead + "economy: {pue: {normal: [1.2, 0.5]}}\n" + kUniversity, "t.yaml");
  REQUIRE(tails.uncertain.size() == 1);
  CHECK(tails.uncertain[0].spec.min == 1);
  CHECK(tails.uncertain[0].spec.max == 5);
  // A share cannot be drawn above 100 %: the values themselves are refused as shares.
  CHECK(first_line(report_of(kHead + "institutions: [{id: u, kind: university, operations: {mfu: {uniform: [30%, 120%]}}}]\n"))
            .find("institutions.u.operations.mfu.uniform[1]: expected a share") != std::string::npos);
  // A price of 0 would buy without limit: above 0, as a value or as a choice.
  CHECK(first_line(report_of(kHead + "hardware: {catalog: [{name: H100-SXM, price_usd: {choice: [0, 30k]}}]}\n" + kUniversity)) ==
        "t.yaml:2:50: error: hardware.catalog.H100-SXM.price_usd: draws would reach 0; this key accepts an amount of "
        "money above 0 and at most 1e15");
}

TEST_CASE("sweep and solve refuse a range outside the key's limits, by the loader's check", "[fields]") {
  labsim::Scenario s = labsim::load_scenario_string(kHead + kUniversity, "t.yaml");
  CHECK(input_error_of([&] { labsim::parse_range(s, "economy.pue=0.5:1.5:3", true); }) ==
        "--vary economy.pue=0.5:1.5:3: economy.pue: expected a number from 1 to 5, found 0.5");
  CHECK(input_error_of([&] { labsim::parse_range(s, "institutions.u.largest_run.days=90:400", false); }) ==
        "--vary institutions.u.largest_run.days=90:400: institutions.u.largest_run.days: expected a duration in "
        "days from 0 to 365 days, found 400 days");
  CHECK(input_error_of([&] { labsim::parse_range(s, "hardware.catalog.H100-SXM.price_usd.2023=0:40k", false); }) ==
        "--vary hardware.catalog.H100-SXM.price_usd.2023=0:40k: hardware.catalog.H100-SXM.price_usd.2023: expected "
        "an amount of money above 0 and at most 1e15, found 0");
  CHECK(input_error_of([&] { labsim::parse_range(s, "economy.pue=1.1:1.6:3", true); }) == "(no error)");
  // Through the command line: solve names the option, exits 1 and runs nothing.
  labsim::test::Result r = run_cli(
      "solve scenarios/compute-divide.yaml --vary economy.pue=0.5:1.5 "
      "--target 'compute.h100_hours_per_researcher[institute,2030] >= 1000'");
  CHECK(r.status == 1);
  CHECK(r.err.find("error: --vary economy.pue=0.5:1.5: economy.pue: expected a number from 1 to 5, found 0.5") !=
        std::string::npos);
  CHECK(r.out.empty());
}

TEST_CASE("calibration searches within the key's limits", "[fields]") {
  labsim::test::Result r = run_cli(
      "calibrate scenarios/history.yaml --targets validation/history-targets.csv --fit economy.pue "
      "--bounds economy.pue=0.5:2");
  CHECK(r.status == 1);
  CHECK(r.err.find("\"economy.pue=0.5:2\" reaches outside what economy.pue accepts, [1, 5]") != std::string::npos);
}

// Drift check beside the checks above: the docs' key tables are today's field table.
TEST_CASE("docs/scenario-format.md gives every number the field table's type, default and limits", "[fields][docs]") {
  std::map<std::string, labsim::KeyInfo> keys;  // by path with <id>, [<i>] and the like removed: "institutions.fleet.count"
  auto plain = [](std::string path) {
    path = std::regex_replace(path, std::regex(R"(\[<i>\])"), "");
    return std::regex_replace(path, std::regex(R"(\.<[a-z]+>)"), "");
  };
  for (const labsim::KeyInfo& k : labsim::scenario_keys())
    if (!k.section.empty()) keys[plain(k.section + "." + k.key)] = k;
  std::istringstream doc(labsim::test::slurp(labsim::test::source_path("docs/scenario-format.md")));
  std::string h3, h4;
  bool in_keys = false, key_table = false;
  std::map<std::string, int> rows;
  for (std::string line; std::getline(doc, line);) {
    if (line.starts_with("## ")) in_keys = line.starts_with("## 7.");
    std::smatch m;
    if (!in_keys) continue;
    if (std::regex_search(line, m, std::regex("^### `([^`]*)`"))) h3 = m[1], h4.clear();
    else if (std::regex_search(line, m, std::regex("^#### `([^`]*)`"))) h4 = m[1];
    if (line.starts_with("| ") && !line.starts_with("| `")) key_table = line.starts_with("| key | type/unit |");
    if (!key_table) continue;
    if (!std::regex_search(line, m, std::regex(R"(^\| `([^`]*)` \| (.*?) \| (.*?) \| (.*?) \| )"))) continue;
    std::string base = h4.empty() ? h3 : h4.find('.') != std::string::npos ? h4 : h3 + "." + h4;
    std::string path = base + "." + std::string(m[1]);
    auto it = keys.find(path);
    INFO(path);
    REQUIRE(it != keys.end());
    ++rows[path];
    if (it->second.allowed == "see meaning" || path == "hardware.reference") continue;  // texts, choices, lists
    CHECK(std::string(m[2]) == it->second.type);
    CHECK(std::string(m[3]) == it->second.default_text);
    CHECK(std::string(m[4]) == it->second.allowed);
  }
  for (const auto& [path, k] : keys) {
    bool number = k.allowed != "see meaning" && path != "hardware.reference";
    INFO(path << " is a number of the field table: docs/scenario-format.md section 7 needs its row");
    if (number) CHECK(rows[path] == 1);
  }
}

TEST_CASE("a key that shapes the scenario cannot vary; a misspelt one is not mistaken for it", "[fields]") {
  labsim::Scenario s = labsim::load_scenario_string(kHead + kUniversity, "t.yaml");
  for (const char* fixed : {"scenario.years", "institutions.u.replicas", "institutions.u.funding.g.years",
                            "hardware.catalog.H100-SXM.year"}) {
    INFO(fixed);
    CHECK(input_error_of([&] { labsim::parse_range(s, std::string(fixed) + "=1:2", false); }) ==
          std::string(fixed) + ": this input shapes the scenario and cannot vary");
  }
  // `largest_run.share` can vary; with a misspelt institution it is an unknown path, not a fixed
  // one (an allocation's `share` is fixed, and only that).
  CHECK(input_error_of([&] { labsim::parse_range(s, "institutions.uu.largest_run.share=10%:20%", false); }) ==
        "institutions.uu.largest_run.share: no number of the scenario has this key path");
}

TEST_CASE("a distribution of money is per year on every value or on none", "[fields]") {
  const std::string head = kHead + "institutions: [{id: u, kind: university, funding: [{name: g, years: 2024-2026, amount: ";
  CHECK(first_line(report_of(head + "{uniform: [1M/yr, 2M]}}]}]\n")) ==
        "t.yaml:2:88: error: institutions.u.funding.g.amount: some values of the distribution are per year and some "
        "are totals");
  CHECK(first_line(report_of(head + "{uniform: [1M/yr, 2M/yr], max: 1.5M}}]}]\n"))
            .ends_with("some values of the distribution are per year and some are totals"));
  labsim::Scenario s = labsim::load_scenario_string(head + "{normal: [1M/yr, 200k], min: 500k/yr}}]}]\n", "t.yaml");
  CHECK(s.institutions[0].funding[0].per_year);  // a spread is neither: it follows the values
}

TEST_CASE("sweep and solve refuse a growth that compounds past the loader's limit by the last year", "[fields]") {
  labsim::Scenario s = labsim::load_scenario_file(labsim::test::source_path("scenarios/compute-divide.yaml"));
  // Industry pay: 335,250 USD in 2023 x 100^(2034 - 2023) = 3.35e27 > 1e15, as the loader says of
  // the same growth written in the file.
  CHECK(input_error_of([&] { labsim::parse_range(s, "market.industry_comp.growth=1x/yr:100x/yr:2", true); }) ==
        "--vary market.industry_comp.growth=1x/yr:100x/yr:2: market.industry_comp.growth: at 100x/yr this grows to "
        "3.35e+27 by 2034; more than 1e+15 is not plausible");
  CHECK(input_error_of([&] {
          labsim::load_scenario_file(labsim::test::source_path("scenarios/compute-divide.yaml"),
                                     {"market.industry_comp.growth=100x/yr"});
        }).find("market.industry_comp: this grows to 3.35e+27 by 2034") != std::string::npos);
  // A growth that stays within the limit is fine: 335,250 x 1.5^11 = 2.9e7.
  CHECK(input_error_of([&] { labsim::parse_range(s, "market.industry_comp.growth=1x/yr:1.5x/yr:2", true); }) ==
        "(no error)");
}

TEST_CASE("talent.mobility has one row per role, named as the role", "[fields]") {
  int rows = 0;
  for (const labsim::io::FieldSpec& f : labsim::io::field_specs()) {
    if (f.section != labsim::io::Section::kMobility) continue;
    ++rows;
    REQUIRE(f.role >= 0);
    REQUIRE(f.role < labsim::kRoleCount);
    CHECK(f.key == labsim::to_string(static_cast<labsim::Role>(f.role)));
  }
  CHECK(rows == labsim::kRoleCount);
}

TEST_CASE("a price that falls to almost nothing by the last year is refused, not left to overflow", "[fields]") {
  // 30k x 0.01^176 by 2200 is about 3e-348: purchases would overflow the fleet's FLOP (an internal
  // error before). The least a price may fall to is a millionth of a dollar.
  const std::string years = "scenario: {name: t, years: 2024-2200}\n";
  std::string r = report_of(years + "hardware: {catalog: [{name: P, year: 2024, bf16_tflops: 500, tdp_w: 500, "
                                    "price_usd: {2024: 30k, growth: -99%/yr}}]}\n" + kUniversity);
  CHECK(r.find("hardware.catalog.P.price_usd: this falls to 0 by 2200; less than 1e-06 is not plausible") !=
        std::string::npos);
  // 30k x 0.5^44 = 1.7e-9 by 2068 is refused too; halving for 30 years (2.8e-5) is fine.
  CHECK(report_of("scenario: {name: t, years: 2024-2068}\nhardware: {catalog: [{name: P, year: 2024, "
                  "bf16_tflops: 500, tdp_w: 500, price_usd: {2024: 30k, growth: -50%/yr}}]}\n" + kUniversity)
            .find("this falls to 1.71e-09 by 2068") != std::string::npos);
  CHECK(report_of("scenario: {name: t, years: 2024-2054}\nhardware: {catalog: [{name: P, year: 2024, "
                  "bf16_tflops: 500, tdp_w: 500, price_usd: {2024: 30k, growth: -50%/yr}}]}\n" + kUniversity) ==
        "(loaded)");
  // The same limit for sweep and solve.
  labsim::Scenario s = labsim::load_scenario_string(
      "scenario: {name: t, years: 2024-2068}\nhardware: {catalog: [{name: P, year: 2024, bf16_tflops: 500, "
      "tdp_w: 500, price_usd: {2024: 30k, growth: -10%/yr}}]}\n" + kUniversity, "t.yaml");
  CHECK(input_error_of([&] { labsim::parse_range(s, "hardware.catalog.P.price_usd.growth=-50%/yr:0%/yr", false); })
            .find("at -50 %/yr this falls to 1.71e-09 by 2068") != std::string::npos);
}
