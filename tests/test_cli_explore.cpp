// The explore commands from the command line: every shipped scenario with distributions runs
// under mc, compare, sensitivity and solve; outputs are machine-readable; mistakes are input
// errors (exit 1) that name what is wrong.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <sstream>
#include <vector>

#include <fmt/format.h>

#include <regex>

#include "cli_helpers.hpp"
#include "labsim/engine.hpp"
#include "labsim/loader.hpp"
#include "labsim/metric.hpp"
#include "text/number.hpp"

using labsim::test::run_cli;
using labsim::test::slurp;
using labsim::test::TempDir;

TEST_CASE("scenarios with distributions run under every explore command", "[cli][explore]") {
  for (const char* file : {"scenarios/compute-divide.yaml", "scenarios/uncertain-divide.yaml", "scenarios/nairr.yaml"}) {
    INFO(file);
    std::string f = file;
    auto mc = run_cli("mc " + f + " -n 200 --threads 2");
    CHECK(mc.status == 0);
    CHECK(mc.out.rfind("scenario,institution,year,metric,stat,value,unit\n", 0) == 0);
    // Against itself with common random numbers, every difference is exactly zero.
    auto self = run_cli("compare " + f + " " + f + " -n 100 --format csv");
    CHECK(self.status == 0);
    std::istringstream lines(self.out);
    std::string line;
    std::getline(lines, line);
    int rows = 0;
    for (; std::getline(lines, line); ++rows) {
      std::string difference = line.substr(0, line.rfind(','));
      difference = difference.substr(difference.rfind(',') + 1);
      INFO(line);
      CHECK((difference == "0" || difference.empty()));
    }
    CHECK(rows > 0);
    auto tornado = run_cli("sensitivity " + f + " --institution institute --year 2030");
    CHECK(tornado.status == 0);
    CHECK(tornado.out.rfind("input,low,high,swing\n", 0) == 0);
    // Smoke check of solve's Monte Carlo path on each scenario (a target met at the low end);
    // the answer itself is checked in "solve finds the smallest input ..." below.
    auto solve = run_cli("solve " + f + " --vary institutions.institute.operations.utilization=10%:90% "
                         "--target \"compute.h100_hours[institute,2030] >= 1\" -n 50 --format json");
    CHECK(solve.status == 0);
    CHECK(solve.out.rfind("{\"input\": \"institutions.institute.operations.utilization\", \"value\": 0.1, \"met\": true", 0) == 0);
  }
}

TEST_CASE("solve finds the smallest input that meets a target, checked by runs on either side", "[cli][explore]") {
  // The institute's 2030 H100-hours grow with its utilization. Aim at the value halfway between
  // 10% and 90%: solve's answer u must meet it, and u minus the reported tolerance must not.
  labsim::Scenario s = labsim::load_scenario_file(labsim::test::source_path("scenarios/compute-divide.yaml"));
  auto hours = [&](double u) {
    labsim::Scenario c = s;
    c.institutions[0].operations.utilization = u;
    return labsim::run(c).institutions[0].at(2030 - c.first_year, labsim::Metric::kComputeH100Hours);
  };
  REQUIRE(s.institutions[0].id == "institute");
  double target = (hours(0.1) + hours(0.9)) / 2;
  auto r = run_cli(fmt::format("solve scenarios/compute-divide.yaml --vary institutions.institute.operations.utilization="
                               "10%:90% --target \"compute.h100_hours[institute,2030] >= {:.17g}\" --format json",
                               target));
  REQUIRE(r.status == 0);
  std::smatch m;
  REQUIRE(std::regex_search(r.out, m, std::regex(R"("value": ([0-9.e+-]+), "met": true.*"tolerance": ([0-9.e+-]+))")));
  double u = std::stod(m[1]), tolerance = std::stod(m[2]);
  INFO(r.out);
  CHECK(u > 0.1);
  CHECK(u < 0.9);
  CHECK(hours(u) >= target * (1 - 1e-9));  // u is printed to 10 digits
  CHECK(hours(u - tolerance) < target);
}

TEST_CASE("sensitivity CSV columns follow the method", "[cli][explore]") {
  std::string base = "sensitivity scenarios/uncertain-divide.yaml --institution institute --year 2030";
  CHECK(run_cli(base + " --method morris -n 4").out.rfind("input,mu_star,sigma\n", 0) == 0);
  CHECK(run_cli(base + " --method sobol -n 64").out.rfind("input,first_order,first_order_ci,total,total_ci\n", 0) == 0);
  auto per_year = run_cli(base + " --per-year");
  CHECK(per_year.out.rfind("year,input,low,high,swing\n2024,", 0) == 0);
}

TEST_CASE("mc writes its files whole, and its saved draws follow the declared distributions", "[cli][explore]") {
  TempDir dir("mc");
  auto r = run_cli("mc scenarios/compute-divide.yaml -n 300 --seed 5 --out " + dir.file("stats.csv") + " --samples " +
                   dir.file("draws.csv"));
  REQUIRE(r.status == 0);
  CHECK(r.out.empty());
  CHECK(slurp(dir.file("stats.csv")) == run_cli("mc scenarios/compute-divide.yaml -n 300 --seed 5 --threads 1").out);
  std::string draws = slurp(dir.file("draws.csv"));
  CHECK(draws.rfind("sample,hardware.price_performance_doubling,market.industry_comp.growth,", 0) == 0);
  CHECK(std::count(draws.begin(), draws.end(), '\n') == 301);
  // compute-divide's six inputs (low, mode, high); triangular mean (a+b+c)/3, variance
  // (a²+b²+c²-ab-ac-bc)/18; PERT mean (a+4b+c)/6, variance (mean-a)(c-mean)/7.
  struct Declared {
    bool pert;
    double a, b, c;
  };
  const Declared declared[6] = {{false, 2.07, 2.5, 3},  {false, 1.02, 1.04, 1.094}, {true, 0.4, 0.6, 0.8},
                                {true, 0.2, 0.375, 0.52}, {true, 0.38, 0.40, 0.43},  {false, 1.025, 1.143, 1.22}};
  std::vector<std::vector<double>> columns(6);
  std::istringstream lines(draws);
  std::string line;
  std::getline(lines, line);
  while (std::getline(lines, line)) {
    std::istringstream cells(line);
    std::string cell;
    std::getline(cells, cell, ',');  // sample number
    for (auto& column : columns) {
      std::getline(cells, cell, ',');
      column.push_back(std::stod(cell));
    }
  }
  for (size_t k = 0; k < 6; ++k) {
    const Declared& d = declared[k];
    double mean = d.pert ? (d.a + 4 * d.b + d.c) / 6 : (d.a + d.b + d.c) / 3;
    double var = d.pert ? (mean - d.a) * (d.c - mean) / 7
                        : (d.a * d.a + d.b * d.b + d.c * d.c - d.a * d.b - d.a * d.c - d.b * d.c) / 18;
    const std::vector<double>& x = columns[k];
    REQUIRE(x.size() == 300);
    double sample_mean = std::accumulate(x.begin(), x.end(), 0.0) / 300;
    INFO("input " << k << ": sample mean " << sample_mean << ", expected " << mean);
    CHECK(*std::min_element(x.begin(), x.end()) >= d.a);
    CHECK(*std::max_element(x.begin(), x.end()) <= d.c);
    CHECK(std::fabs(sample_mean - mean) < 4 * std::sqrt(var / 300));  // 4 standard errors
  }
}

TEST_CASE("explore mistakes are input errors that say what is wrong", "[cli][explore]") {
  auto metric = run_cli("mc scenarios/compute-divide.yaml -n 10 --metrics compute.h100_hour");
  CHECK(metric.status == 1);
  CHECK(metric.err == "error: --metrics: unknown metric \"compute.h100_hour\"\nhint: did you mean 'compute.h100_hours'?\n");
  auto none = run_cli("mc scenarios/cloud-vs-owned.yaml -n 10");
  CHECK(none.status == 1);
  CHECK(none.err.find("the scenario has no uncertain inputs") != std::string::npos);
  auto path = run_cli("sweep scenarios/compute-divide.yaml --vary institutions.institute.operations.mfo=20%:40%:3");
  CHECK(path.status == 1);
  CHECK(path.err.find("hint: did you mean 'institutions.institute.operations.mfu'?") != std::string::npos);
  auto target = run_cli("solve scenarios/compute-divide.yaml --vary economy.pue=1.1:1.5 --target \"compute.h100_hours[institute,2030] 5\"");
  CHECK(target.status == 1);
  CHECK(target.err.find("expected >=, >, <= or < after ]") != std::string::npos);
  CHECK(run_cli("mc scenarios/compute-divide.yaml -n 0").status == 2);
  CHECK(run_cli("sensitivity scenarios/compute-divide.yaml --institution institute --method anova").status == 2);
  auto out_of_reach = run_cli("solve scenarios/compute-divide.yaml --vary institutions.institute.operations.utilization=10%:90% "
                              "--target \"compute.h100_hours[institute,2030] >= 1e12\"");
  CHECK(out_of_reach.status == 0);
  CHECK(out_of_reach.out.rfind("no value of institutions.institute.operations.utilization up to 90 % meets", 0) == 0);
}

TEST_CASE("mc --years prints only those years and refuses years outside the scenario", "[cli][explore]") {
  auto two = run_cli("mc scenarios/compute-divide.yaml -n 50 --years 2024,2034 --metrics talent.headcount");
  REQUIRE(two.status == 0);
  // Header, then 2 institutions x 2 years x 6 statistics.
  CHECK(std::count(two.out.begin(), two.out.end(), '\n') == 1 + 2 * 2 * 6);
  CHECK(two.out.find(",2030,") == std::string::npos);
  auto outside = run_cli("mc scenarios/compute-divide.yaml -n 50 --years 2050");
  CHECK(outside.status == 1);
  CHECK(outside.err == "error: --years: 2050 is outside the scenario's years 2024-2034\n");
}

TEST_CASE("solve's sentence writes the answer in the input's units, the same number as its CSV", "[cli][explore]") {
  const std::string args = "solve scenarios/compute-divide.yaml --vary "
                           "institutions.institute.funding.nsf-institute.amount=1M:200M --target "
                           "'compute.h100_hours_per_researcher[institute,2030] >= 50000'";
  auto text = run_cli(args);
  auto csv = run_cli(args + " --format csv");
  REQUIRE(text.status == 0);
  REQUIRE(csv.status == 0);
  // input,value,met,tolerance,evaluations,achieved
  std::istringstream in(csv.out);
  std::string header, row;
  std::getline(in, header), std::getline(in, row);
  std::vector<std::string> f;
  std::stringstream ss(row);
  for (std::string x; std::getline(ss, x, ',');) f.push_back(x);
  REQUIRE(f.size() == 6);
  const double value = std::stod(f[1]), achieved = std::stod(f[5]);
  // Dollars in words to three significant digits, never "6.87866e+06".
  std::smatch m;
  REQUIRE(std::regex_search(text.out, m, std::regex(R"(amount = \$([0-9.]+) million \(within \$([0-9,]+)\))")));
  CHECK(std::stod(m[1]) * 1e6 == Approx(value).epsilon(0.005));
  CHECK(text.out.find("e+") == std::string::npos);
  // The metric to four significant digits with separators.
  REQUIRE(std::regex_search(text.out, m, std::regex(R"(\] = ([0-9,]+); )")));
  std::string digits = std::regex_replace(std::string(m[1]), std::regex(","), "");
  CHECK(std::stod(digits) == Approx(achieved).epsilon(0.0005));
}

TEST_CASE("mc and compare print a table with the CSV's means and 90% intervals", "[cli][explore]") {
  const std::string args = "mc scenarios/uncertain-divide.yaml -n 300 --years 2034 --metrics compute.h100_hours_per_researcher";
  auto table = run_cli(args + " --format table");
  auto csv = run_cli(args);
  REQUIRE(table.status == 0);
  REQUIRE(csv.status == 0);
  // The CSV's mean, p5 and p95 of the institute, written as four digits with separators.
  auto stat = [&](const std::string& name) {
    std::smatch m;
    REQUIRE(std::regex_search(csv.out, m,
                              std::regex("institute,2034,compute.h100_hours_per_researcher," + name + ",([0-9.e+]+),")));
    return std::stod(m[1]);
  };
  auto four = [](double v) {
    std::string digits = fmt::format("{:.0f}", v);
    for (int at = static_cast<int>(digits.size()) - 3; at > 0; at -= 3) digits.insert(static_cast<size_t>(at), ",");
    return digits;
  };
  const std::string expected = fmt::format("{} [{}, {}]", four(stat("mean")), four(stat("p5")), four(stat("p95")));
  // The CSV's sampled mean has four significant digits, like its percentiles.
  CHECK(stat("mean") == labsim::text::round_sig(stat("mean"), 4));
  CHECK(std::regex_search(table.out, std::regex("institute +compute.h100_hours_per_researcher +2034 ")));
  CHECK(table.out.find(expected) != std::string::npos);
  CHECK(table.out.rfind("uncertain-divide (300 samples: mean, and 5th to 95th percentile in brackets)\n", 0) == 0);
  // A comparison without samples: one value per column, the difference the policy minus the baseline.
  auto cmp = run_cli("compare scenarios/state-university.yaml scenarios/state-university-policy.yaml --years 2028 "
                     "--metrics compute.allocated_h100_hours --format table");
  REQUIRE(cmp.status == 0);
  CHECK(std::regex_search(cmp.out, std::regex("stateu +compute.allocated_h100_hours +2028 +0 +500,000 +500,000\n")));
}
