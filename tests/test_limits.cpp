// The limits of docs/scenario-format.md ("Limits"): each is hit here, just past its value, with
// the whole message compared, and the value itself is shown to pass. Alias bombs and 10,000-deep
// nesting are in test_hostile.cpp; these are the boundaries.
#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "cli_helpers.hpp"
#include "labsim/diagnostics.hpp"
#include "labsim/explore.hpp"
#include "labsim/loader.hpp"
#include "loader_helpers.hpp"

namespace {

using labsim::test::report_of;

std::string first_line(const std::string& report) { return report.substr(0, report.find('\n')); }

// A scenario with `n` minimal industry labs.
std::string institutions(int n) {
  std::string text = "scenario: {name: t, years: 2024-2026}\ninstitutions:\n";
  for (int i = 0; i < n; ++i) text.append(fmt::format("  - {{id: lab{}, kind: industry}}\n", i));
  return text;
}

// A scenario with one lab whose initial fleet has `n` cohorts.
std::string cohorts(int n) {
  std::string text = "scenario: {name: t, years: 2024-2026}\ninstitutions:\n  - id: lab\n    kind: industry\n    fleet:\n";
  for (int i = 0; i < n; ++i) text.append("      - {gpu: H100-SXM, count: 8, acquired: 2023}\n");
  return text;
}

// `depth` nested flow lists around a scalar.
std::string nested(int depth) {
  std::string text = "x: ";
  text.append(static_cast<size_t>(depth - 1), '[');
  text.append("1");
  text.append(static_cast<size_t>(depth - 1), ']');
  return text.append("\n");
}

}  // namespace

TEST_CASE("a scenario of more than 8 MiB is refused, from a string or a file", "[limits]") {
  const size_t limit = 8u << 20;
  std::string padding = "# padding\n";
  std::string text = "scenario: {name: t, years: 2024-2026}\ninstitutions: [{id: lab, kind: industry}]\n";
  while (text.size() + padding.size() <= limit) text += padding;
  text.append(limit - text.size(), '#');
  REQUIRE(text.size() == limit);
  CHECK(report_of(text) == "(loaded)");
  text += "#";
  CHECK(report_of(text) == "t.yaml: error: the file is larger than 8388608 bytes, the most a scenario may be\n");

  labsim::test::TempDir dir("limits");
  std::ofstream(dir.file("big.yaml"), std::ios::binary) << text;
  try {
    labsim::load_scenario_file(dir.file("big.yaml"));
    FAIL("no InputError");
  } catch (const labsim::InputError& e) {
    CHECK(e.report() == dir.file("big.yaml") +
                            ": error: the file is larger than 8388608 bytes, the most a scenario may be\n");
  }
}

TEST_CASE("nesting stops past 64 levels", "[limits]") {
  CHECK(first_line(report_of(nested(64))).find("nesting") == std::string::npos);
  CHECK(first_line(report_of(nested(65))) == "t.yaml:1:67: error: nesting deeper than 64 levels");
}

TEST_CASE("a document of more than 200,000 values is refused without any alias", "[limits]") {
  std::string text = "x: [";
  for (int i = 0; i < 200'000; ++i) text.append("1,");
  text.append("1]\n");
  // The root, the key x, its list and 199,997 items make 200,000; the 199,998th item is one more.
  CHECK(first_line(report_of(text)) ==
        fmt::format("t.yaml:1:{}: error: the document expands to more than 200000 values "
                    "(aliases repeated too often?)",
                    5 + 2 * 199'997));
}

TEST_CASE("at most 1000 institutions", "[limits]") {
  CHECK(report_of(institutions(1000)) == "(loaded)");
  CHECK(report_of(institutions(1001)) ==
        "t.yaml:3:3: error: institutions: 1001 institutions is more than labsim models; at most 1000\n"
        "      - {id: lab0, kind: industry}\n"
        "      ^\n"
        "hint: model identical institutions as one with `replicas: N`\n");
}

TEST_CASE("at most 1000 fleet cohorts per institution", "[limits]") {
  CHECK(report_of(cohorts(1000)) == "(loaded)");
  CHECK(report_of(cohorts(1001)) ==
        "t.yaml:6:7: error: institutions.lab.fleet: 1001 cohorts is more than labsim models; at most 1000\n"
        "          - {gpu: H100-SXM, count: 8, acquired: 2023}\n"
        "          ^\n"
        "hint: merge cohorts of the same part and year\n");
}

TEST_CASE("a horizon of 200 years loads; 201 is refused", "[limits]") {
  CHECK(report_of("scenario: {name: t, years: 2000-2199}\ninstitutions: [{id: lab, kind: industry}]\n") ==
        "(loaded)");
  CHECK(first_line(report_of("scenario: {name: t, years: 2000-2200}\ninstitutions: [{id: lab, kind: industry}]\n")) ==
        "t.yaml:1:28: error: scenario.years: a horizon of 201 years is not plausible; at most 200");
}

TEST_CASE("Monte Carlo takes at most 1e9 samples, in the library and on the command line", "[limits]") {
  labsim::Scenario s = labsim::load_scenario_file(labsim::test::source_path("scenarios/compute-divide.yaml"));
  labsim::MonteCarloOptions o;
  o.samples = 1'000'000'001;
  try {
    labsim::monte_carlo(s, o);
    FAIL("no InputError");
  } catch (const labsim::InputError& e) {
    CHECK(e.report() == "error: -n: 1000000001 samples is more than labsim runs; at most 1000000000\n"
                        "hint: a few thousand samples give percentiles to about 1%\n");
  }
  auto r = labsim::test::run_cli("mc scenarios/compute-divide.yaml -n 1000000001");
  CHECK(r.status == 2);
  CHECK(r.out.empty());
}
