// End-to-end tests of the labsim command line: exit codes, outputs, files on disk.
#include <catch2/catch.hpp>

#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli_helpers.hpp"
#include "labsim/trajectory.hpp"

using labsim::test::run_cli;
using labsim::test::Result;
using labsim::test::TempDir;

TEST_CASE("run prints the side-by-side table for the default scenario", "[cli]") {
  auto r = run_cli("run");
  REQUIRE(r.status == 0);
  CHECK(r.out.find("compute-divide: A university AI institute vs a large industry lab (2024-2034)") == 0);
  for (const char* year : {"\n2024\n", "\n2029\n", "\n2034\n"}) CHECK(r.out.find(year) != std::string::npos);
  CHECK(r.out.find("H100-hours per researcher") != std::string::npos);
  // Readable in 100 columns.
  std::istringstream lines(r.out);
  for (std::string line; std::getline(lines, line);) CHECK(line.size() <= 100);
}

TEST_CASE("every shipped scenario runs and validates", "[cli]") {
  for (const auto& entry : std::filesystem::directory_iterator(labsim::test::source_path("scenarios"))) {
    if (entry.path().extension() != ".yaml") continue;
    std::string file = "scenarios/" + entry.path().filename().string();
    INFO(file);
    CHECK(run_cli("validate " + file).status == 0);
    auto r = run_cli("run " + file + " --format csv");
    CHECK(r.status == 0);
    CHECK(r.err.empty());
  }
}

TEST_CASE("the CSV has every v1 metric, no nan or inf, and is byte-identical across runs", "[cli]") {
  auto a = run_cli("run scenarios/compute-divide.yaml --format csv");
  auto b = run_cli("run scenarios/compute-divide.yaml --format csv");
  REQUIRE(a.status == 0);
  CHECK(a.out == b.out);
  CHECK(a.out.rfind("scenario,institution,year,metric,value,unit\n", 0) == 0);
  std::set<std::string> metrics;
  std::istringstream lines(a.out);
  std::string line;
  std::getline(lines, line);
  size_t rows = 0;
  while (std::getline(lines, line)) {
    ++rows;
    std::vector<std::string> fields;
    std::stringstream ss(line);
    for (std::string f; std::getline(ss, f, ',');) fields.push_back(f);
    if (line.back() == ',') fields.emplace_back();
    REQUIRE(fields.size() == 6);
    metrics.insert(fields[3]);
    CHECK(fields[4].find("nan") == std::string::npos);
    CHECK(fields[4].find("inf") == std::string::npos);
  }
  for (int m = 0; m < labsim::kMetricCount; ++m) {
    std::string name = labsim::metric_info(static_cast<labsim::Metric>(m)).name;
    // Per-role metrics appear for the roles the scenario has (no engineers here).
    if (name.ends_with(".engineer")) continue;
    CHECK(metrics.count(name) == 1);
  }
  // 11 years; three per-role families (headcount, hires, moves to industry) of 5 roles each. The
  // institute has 3 roles (kMetricCount - 3 x 2 other-role metrics), the lab one (kMetricCount -
  // 3 x 4); kMetricCount is 62: 37 in model v1, then the largest run's power and power bound, the
  // frontier, its exogenous flag, power and capex; budget.shortfall replaced by reserves drawn,
  // reserves, unfunded, posts cut, GPUs idle and GPUs retired early; hires and moves by role;
  // researcher-years; large models; allocated hours and unserved grants (62).
  static_assert(labsim::kMetricCount == 62);
  CHECK(rows == 11 * (56 + 50));
}

TEST_CASE("undefined values are empty in CSV and null in JSON", "[cli]") {
  // The industry lab has no PhD graduates: its graduate industry share is undefined.
  auto csv = run_cli("run scenarios/compute-divide.yaml --format csv");
  CHECK(csv.out.find("compute-divide,industry-lab,2024,talent.graduates_to_industry_share,,share\n") !=
        std::string::npos);
  auto json = run_cli("run scenarios/compute-divide.yaml --format json");
  REQUIRE(json.status == 0);
  CHECK(json.out.find("\"talent.graduates_to_industry_share\": {\"unit\": \"share\", \"values\": [null, null") !=
        std::string::npos);
  CHECK(json.out.find("\"labsim_version\"") != std::string::npos);
  CHECK(json.out.find("\"scenario\": {\"scenario\":") != std::string::npos);
}

TEST_CASE("a value changed with --set; a bad --set is located", "[cli]") {
  auto base = run_cli("run --format csv");
  auto more = run_cli("run --format csv --set institutions.institute.funding.nsf-institute.amount=40M");
  REQUIRE(more.status == 0);
  // $20M over 2024-2028 pays $4M a year, plus $1M university money; $40M pays $8M.
  CHECK(base.out.find("compute-divide,institute,2024,budget.revenue,5000000,usd") != std::string::npos);
  CHECK(more.out.find("compute-divide,institute,2024,budget.revenue,9000000,usd") != std::string::npos);
  auto bad = run_cli("run --set institutions.institute.funding.nsf-institute.amount=40m");
  CHECK(bad.status == 1);
  CHECK(bad.err ==
        "--set #1:1:53: error: institutions.institute.funding.nsf-institute.amount: expected an amount of money, "
        "found \"40m\" (ambiguous scale suffix 'm')\n"
        "    institutions.institute.funding.nsf-institute.amount=40m\n"
        "                                                        ^\n"
        "hint: write M for million (1e6); a lower-case 'm' is ambiguous (milli? million?)\n");
}

TEST_CASE("exit codes: invalid input 1, usage 2, unreadable file 3", "[cli]") {
  TempDir dir("exit");
  std::ofstream(dir.file("bad.yaml")) << "scenario: {name: x, years: 2024-2030}\ninstitutions: [{id: a, kind: lab}]\n";
  auto invalid = run_cli("run " + dir.file("bad.yaml"));
  CHECK(invalid.status == 1);
  // "institutions: [{id: a, kind: " is 29 characters: the value starts in column 30.
  CHECK(invalid.err.find("bad.yaml:2:30: error: institutions.a.kind: unknown institution kind \"lab\"") !=
        std::string::npos);
  CHECK(run_cli("run --format xml").status == 2);
  CHECK(run_cli("frobnicate").status == 2);
  CHECK(run_cli("").status == 2);
  auto missing = run_cli("run " + dir.file("nope.yaml"));
  CHECK(missing.status == 3);
  CHECK(missing.err.find("nope.yaml: no such file") != std::string::npos);
  // A device is refused before it is read (/dev/zero would never end).
  auto device = run_cli("validate /dev/zero");
  CHECK(device.status == 3);
  CHECK(device.err == "labsim: error: /dev/zero: not a regular file (a directory, device or pipe)\n");
  CHECK(run_cli("validate scenarios/compute-divide.yaml " + dir.file("bad.yaml")).status == 1);
  // --set takes one value: the scenario after it is still the positional argument.
  auto after = run_cli("validate --set scenario.years=2024-2026 scenarios/cloud-vs-owned.yaml scenarios/salary-topup.yaml");
  CHECK(after.status == 0);
  CHECK(after.out.starts_with("scenarios/cloud-vs-owned.yaml: ok: 'cloud-vs-owned', 2024-2026, 2 institutions\n"
                              "  funding, as read:\n"));
  CHECK(after.out.find("scenarios/salary-topup.yaml: ok: 'salary-topup', 2024-2026, 2 institutions, "
                       "6 uncertain inputs:\n"
                       "  hardware.price_performance_doubling: triangular: [2.07 years, 2.5 years, 3 years] "
                       "(nominal 2.5 years) at scenarios/compute-divide.yaml:18:31\n") != std::string::npos);
}

TEST_CASE("run with --out writes csv, json and table atomically; errors leave nothing on disk", "[cli]") {
  TempDir dir("out");
  auto ok = run_cli("run scenarios/compute-divide.yaml --out " + dir.file("results"));
  REQUIRE(ok.status == 0);
  CHECK(ok.out.empty());
  std::set<std::string> files;
  for (const auto& e : std::filesystem::directory_iterator(dir.file("results"))) files.insert(e.path().filename());
  CHECK(files == std::set<std::string>{"run.csv", "run.json", "table.txt"});
  CHECK(labsim::test::slurp(dir.file("results/run.csv")) == run_cli("run --format csv").out);

  std::ofstream(dir.file("bad.yaml")) << "scenario: {name: x, years: 2024-2030}\n";
  auto bad = run_cli("run " + dir.file("bad.yaml") + " --out " + dir.file("never"));
  CHECK(bad.status == 1);
  CHECK_FALSE(std::filesystem::exists(dir.file("never")));
  // A file where the directory should be: an I/O error, nothing written.
  std::ofstream(dir.file("blocker")) << "x";
  CHECK(run_cli("run --out " + dir.file("blocker")).status == 3);
  CHECK(labsim::test::slurp(dir.file("blocker")) == "x");
}

TEST_CASE("train-time: 70B parameters on 1.4T tokens with 1,024 H100s", "[cli]") {
  auto r = run_cli("train-time --params 70B --tokens 1.4T --gpu H100-SXM --count 1024 --mfu 40% --format json");
  REQUIRE(r.status == 0);
  // flop = 6 x 70e9 x 1.4e12 = 5.88e23; GPU-hours = 5.88e23 / (989e12 x 0.40 x 3600 = 1.42416e18)
  // = 412,874.958; days = 412,874.958 / 1,024 / 24 = 16.7999250; cost = 412,874.958 x $3.90 = $1,610,212.34.
  CHECK(r.out ==
        "{\"flop\": 5.88e+23, \"gpu_hours\": 412874.9579, \"days\": 16.79992504, \"cost_usd\": 1610212.336}\n");
  auto unknown = run_cli("train-time --params 70B --tokens 1.4T --gpu H100 --count 8");
  CHECK(unknown.status == 1);
  CHECK(unknown.err.find("error: --gpu: unknown GPU \"H100\"") == 0);
  CHECK(run_cli("train-time --params 70B --tokens 1.4T --gpu H100-SXM").status == 2);
  // 6 x 1e200 x 1e200 overflows a double: refused, never printed as inf.
  auto huge = run_cli("train-time --params 1e200 --tokens 1e200 --gpu H100-SXM --count 8 --format json");
  CHECK(huge.status == 1);
  CHECK(huge.out.empty());
  CHECK(huge.err.find("too large to represent") != std::string::npos);
}

TEST_CASE("optimal: Chinchilla sizes from a FLOP budget or a fleet", "[cli]") {
  // C = 6e24: N = sqrt(6e24 / (6 x 20)) = sqrt(5e22) = 2.2360680e11; D = 20 N = 4.4721360e12.
  auto r = run_cli("optimal --flop 6e24 --format json");
  REQUIRE(r.status == 0);
  CHECK(r.out == "{\"params\": 2.236067977e+11, \"tokens\": 4.472135955e+12, \"flop\": 6e+24}\n");
  // 512 H100 x 989e12 FLOP/s x 0.375 x 90 days x 86,400 s = 1.476569088e24 FLOP.
  auto fleet = run_cli("optimal --gpu H100-SXM --count 512 --days 90 --format json");
  REQUIRE(fleet.status == 0);
  CHECK(fleet.out.find("\"flop\": 1.476569088e+24") != std::string::npos);
  CHECK(run_cli("optimal --flop 1e24 --gpu H100-SXM").status == 2);
  CHECK(run_cli("optimal").status == 2);
}

TEST_CASE("catalog lists the built-in parts with sources", "[cli]") {
  auto r = run_cli("catalog --format csv");
  REQUIRE(r.status == 0);
  size_t parts = static_cast<size_t>(std::count(r.out.begin(), r.out.end(), '\n')) - 1;
  CHECK(parts >= 12);
  CHECK(r.out.find("H100-SXM,datacenter,2022,989,1979,80,700,33600,2023,3.9,2025,1,") != std::string::npos);
  // The training efficiency and its source, in every format (sim/catalog/accelerators.yaml: 0.69).
  CHECK(r.out.find("MI300X,datacenter,2023,1307,2615,192,750,25734,2025,1.85,2025,0.69,\"Epoch AI;") !=
        std::string::npos);
  auto json = run_cli("catalog --format json");
  REQUIRE(json.status == 0);
  CHECK(json.out.find("\"name\": \"MI300X\"") != std::string::npos);
  CHECK(json.out.find("\"training_efficiency\": 0.69, \"source\": \"Epoch AI; AMD MI300X") !=
        std::string::npos);
  auto table = run_cli("catalog");
  REQUIRE(table.status == 0);
  CHECK(table.out.find("train eff") != std::string::npos);
  CHECK(table.out.find("       0.69  datacenter\n") != std::string::npos);
  CHECK(table.out.find("\n  MI300X: Epoch AI; AMD MI300X datasheet; 8-GPU server price/8; "
                       "training_efficiency 0.69: ") != std::string::npos);
}

TEST_CASE("every command has --help with an example", "[cli]") {
  for (const char* cmd : {"run", "validate", "catalog", "train-time", "optimal"}) {
    auto r = run_cli(std::string(cmd) + " --help");
    INFO(cmd);
    CHECK(r.status == 0);
    CHECK(r.out.find("Example") != std::string::npos);
  }
}

TEST_CASE("drift check: the README shows the table the default run prints", "[cli]") {
  std::string readme = labsim::test::slurp(labsim::test::source_path("README.md"));
  size_t start = readme.find("```\ncompute-divide:");
  REQUIRE(start != std::string::npos);
  start += 4;
  size_t end = readme.find("```", start);
  REQUIRE(end != std::string::npos);
  CHECK(readme.substr(start, end - start) == run_cli("run scenarios/compute-divide.yaml").out);
}

TEST_CASE("csv-wide holds the long CSV's numbers with the years as columns", "[cli]") {
  const Result longer = run_cli("run scenarios/nairr.yaml --format csv");
  const Result wide = run_cli("run scenarios/nairr.yaml --format csv-wide");
  REQUIRE(longer.status == 0);
  REQUIRE(wide.status == 0);
  // The long CSV's values by "institution|metric|year".
  std::map<std::string, std::string> values;
  std::istringstream in(longer.out);
  std::string line;
  std::getline(in, line);
  std::size_t rows = 0;
  while (std::getline(in, line)) {
    const std::vector<std::string> f = labsim::test::csv_fields(line);
    REQUIRE(f.size() == 6);
    values[f[1] + "|" + f[3] + "|" + f[2]] = f[4];
    ++rows;
  }
  std::istringstream w(wide.out);
  std::getline(w, line);
  const std::vector<std::string> header = labsim::test::csv_fields(line);
  REQUIRE(header.size() == 4 + 11);
  CHECK(header[0] == "scenario");
  CHECK(header[4] == "2024");
  CHECK(header[14] == "2034");
  std::size_t cells = 0;
  while (std::getline(w, line)) {
    const std::vector<std::string> f = labsim::test::csv_fields(line);
    REQUIRE(f.size() == header.size());
    for (std::size_t c = 4; c < f.size(); ++c) {
      INFO(line);
      CHECK(values.at(f[1] + "|" + f[2] + "|" + header[c]) == f[c]);
      ++cells;
    }
  }
  CHECK(cells == rows);
}

TEST_CASE("labsim init writes a starter scenario that validates and runs, and nothing it was not asked to", "[cli]") {
  TempDir dir("init");
  const std::string file = dir.file("study.yaml");
  Result r = run_cli("init --university 'Univ \"Q\" of X' --lab 'Big lab' --years 2026-2030 -o '" + file + "'");
  REQUIRE(r.status == 0);
  const std::string text = labsim::test::slurp(file);
  CHECK(text.find("name: \"Univ \\\"Q\\\" of X\"") != std::string::npos);
  CHECK(text.find("years: 2026-2030") != std::string::npos);
  CHECK(text.find("placeholder") != std::string::npos);
  CHECK(run_cli("validate '" + file + "'").status == 0);
  // The run: both institutions, every year, and the university's 120 researchers paid (its two
  // streams pay for them).
  r = run_cli("run '" + file + "' --format csv");
  REQUIRE(r.status == 0);
  CHECK(r.out.find("starter,university,2030,talent.headcount,120,people") != std::string::npos);
  CHECK(r.out.find("starter,lab,2026,") != std::string::npos);
  // An existing file is not replaced without --force; bad years write nothing.
  std::ofstream(file) << "mine\n";
  CHECK(run_cli("init -o '" + file + "'").status == 2);
  CHECK(labsim::test::slurp(file) == "mine\n");
  CHECK(run_cli("init --force -o '" + file + "'").status == 0);
  CHECK(labsim::test::slurp(file).find("years: 2025-2034") != std::string::npos);
  const std::string other = dir.file("other.yaml");
  CHECK(run_cli("init --years 2030-2025 -o '" + other + "'").status == 2);
  CHECK_FALSE(std::filesystem::exists(other));
  CHECK(run_cli("init").status == 2);  // -o is required
  // A start before the default years: the starting fleets are bought no later than the first year.
  CHECK(run_cli("init --years 2023-2030 -o '" + other + "'").status == 0);
  CHECK(run_cli("run '" + other + "' --format csv").status == 0);
  CHECK(labsim::test::slurp(other).find("acquired: {value: 2023,") != std::string::npos);
  const std::string early = dir.file("early.yaml");
  CHECK(run_cli("init --years 2021-2030 -o '" + early + "'").status == 2);
  CHECK_FALSE(std::filesystem::exists(early));
}
