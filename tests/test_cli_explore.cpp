// The explore commands from the command line: every shipped scenario with distributions runs
// under mc, compare, sensitivity and solve; outputs are machine-readable; mistakes are input
// errors (exit 1) that name what is wrong.
#include <catch2/catch.hpp>

#include "cli_helpers.hpp"

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
    auto solve = run_cli("solve " + f + " --vary institutions.institute.operations.utilization=10%:90% "
                         "--target \"compute.h100_hours[institute,2030] >= 1\" -n 50 --format json");
    CHECK(solve.status == 0);
    CHECK(solve.out.rfind("{\"input\": \"institutions.institute.operations.utilization\", \"value\": 0.1, \"met\": true", 0) == 0);
  }
}

TEST_CASE("sensitivity CSV columns follow the method", "[cli][explore]") {
  std::string base = "sensitivity scenarios/uncertain-divide.yaml --institution institute --year 2030";
  CHECK(run_cli(base + " --method morris -n 4").out.rfind("input,mu_star,sigma\n", 0) == 0);
  CHECK(run_cli(base + " --method sobol -n 64").out.rfind("input,first_order,first_order_ci,total,total_ci\n", 0) == 0);
  auto per_year = run_cli(base + " --per-year");
  CHECK(per_year.out.rfind("year,input,low,high,swing\n2024,", 0) == 0);
}

TEST_CASE("mc writes its files whole and its draws reproduce the statistics", "[cli][explore]") {
  TempDir dir("mc");
  auto r = run_cli("mc scenarios/compute-divide.yaml -n 300 --seed 5 --out " + dir.file("stats.csv") + " --samples " +
                   dir.file("draws.csv"));
  REQUIRE(r.status == 0);
  CHECK(r.out.empty());
  CHECK(slurp(dir.file("stats.csv")) == run_cli("mc scenarios/compute-divide.yaml -n 300 --seed 5 --threads 1").out);
  std::string draws = slurp(dir.file("draws.csv"));
  CHECK(draws.rfind("sample,hardware.price_performance_doubling,market.industry_comp.growth,", 0) == 0);
  CHECK(std::count(draws.begin(), draws.end(), '\n') == 301);
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
  CHECK(out_of_reach.out.rfind("no value of institutions.institute.operations.utilization up to 0.9 meets", 0) == 0);
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
