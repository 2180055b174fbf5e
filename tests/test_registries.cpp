// The registries (one table per extension point) and the copies that cannot be derived from
// them: every metric is found by its name, and docs/cli.md lists exactly the metrics of the table;
// a brief with everything draws every chart of kBriefCharts and writes no file outside
// brief_file_names(); a sample count not given takes the defaults of labsim/explore.hpp.
#include <catch2/catch.hpp>

#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli_helpers.hpp"
#include "labsim/engine.hpp"
#include "labsim/explore.hpp"
#include "labsim/loader.hpp"
#include "labsim/metric.hpp"
#include "labsim/report.hpp"

namespace {

using labsim::kMetrics;
using labsim::Metric;
using labsim::MetricInfo;

}  // namespace

TEST_CASE("every metric has a distinct name that finds it, and the per-role headcounts are named after the roles",
          "[registry]") {
  std::set<std::string> names;
  for (const MetricInfo& m : kMetrics) {
    INFO(m.name);
    CHECK(names.insert(m.name).second);
    CHECK(labsim::find_metric(m.name) == m.metric);
    CHECK(&labsim::metric_info(m.metric) == &m);
  }
  CHECK(labsim::find_metric("budget.nothing") == Metric::kCount);
  REQUIRE(labsim::metric_names().size() == kMetrics.size());
  for (size_t i = 0; i < kMetrics.size(); ++i) CHECK(labsim::metric_names()[i] == kMetrics[i].name);
  for (int r = 0; r < labsim::kRoleCount; ++r) {
    auto role = static_cast<labsim::Role>(r);
    CHECK(std::string(labsim::metric_info(labsim::headcount_metric(role)).name) ==
          std::string("talent.headcount.") + labsim::to_string(role));
  }
}

TEST_CASE("docs/cli.md lists every metric once, in table order, with its unit and scope", "[registry][docs]") {
  std::string text = labsim::test::slurp(labsim::test::source_path("docs/cli.md"));
  // Rows of the Metrics table: | `name` | `unit` | total, per inst. or scenario | meaning |
  std::regex row(R"(\n\| `([a-z_.0-9]+)` \| `([a-z_0-9]+)` \| (total|per inst\.|scenario) \|)");
  std::vector<std::string> documented;
  for (std::sregex_iterator it(text.begin(), text.end(), row), end; it != end; ++it) {
    const std::smatch& m = *it;
    documented.push_back(m[1]);
    Metric metric = labsim::find_metric(m[1].str());
    INFO(m[1].str());
    REQUIRE(metric != Metric::kCount);
    CHECK(m[2].str() == labsim::metric_info(metric).unit);
    CHECK((m[3].str() == "total") == labsim::metric_info(metric).extensive);
  }
  CHECK(documented == labsim::metric_names());
}

TEST_CASE("a brief with a baseline and samples draws every registered chart, and only files of brief_file_names()",
          "[registry][report]") {
  using labsim::test::source_path;
  labsim::Scenario policy = labsim::load_scenario_file(source_path("scenarios/nairr.yaml"));
  labsim::Scenario base = labsim::load_scenario_file(source_path("scenarios/compute-divide.yaml"));
  labsim::Trajectory policy_run = labsim::run(policy), base_run = labsim::run(base);
  labsim::BriefInput in{&policy, &policy_run, &base, &base_run, "", "", nullptr};
  labsim::MonteCarloOptions o;
  o.samples = 200;
  labsim::BriefUncertainty u = labsim::analyse_uncertainty(in, o);
  in.uncertainty = &u;
  std::set<std::string> written;
  for (const labsim::BriefFile& f : labsim::make_brief(in)) written.insert(f.name);
  std::vector<std::string> names = labsim::brief_file_names();
  // make_brief writes every name but brief-interactive.html, which labsim brief --interactive adds
  std::set<std::string> expected(names.begin(), names.end());
  CHECK(expected.erase("brief-interactive.html") == 1);
  CHECK(written == expected);
  CHECK(names.size() == 4 + 2 * labsim::kBriefCharts.size());
  for (const labsim::BriefChartInfo& c : labsim::kBriefCharts) {
    INFO(c.id);
    CHECK(written.count(std::string(c.id) + ".svg") == 1);
    CHECK(std::string(labsim::chart_id(c.chart)) == c.id);
  }
}

TEST_CASE("a sample count not given takes the defaults of labsim/explore.hpp, and -n stops at kMaxSamples",
          "[registry][explore]") {
  using labsim::test::run_cli;
  auto mc = run_cli("mc scenarios/uncertain-divide.yaml --format json");
  REQUIRE(mc.status == 0);
  CHECK(mc.out.find("\"samples\": " + std::to_string(labsim::kDefaultMonteCarloSamples) + ",") != std::string::npos);
  // compare without -n: one nominal run of each.
  auto compare = run_cli("compare scenarios/compute-divide.yaml scenarios/nairr.yaml --format json");
  REQUIRE(compare.status == 0);
  CHECK(compare.out.find("\"samples\": 1,") != std::string::npos);
  // sensitivity: Morris runs (inputs + 1) per trajectory, Sobol (inputs + 2) per base sample.
  labsim::Scenario s = labsim::load_scenario_file(labsim::test::source_path("scenarios/uncertain-divide.yaml"));
  const size_t inputs = s.uncertain.size();
  REQUIRE(inputs == 10);
  labsim::SensitivityOptions so;
  so.institution = "institute";
  so.method = labsim::SensitivityMethod::kMorris;
  CHECK(labsim::sensitivity(s, so).evaluations == (inputs + 1) * labsim::kDefaultMorrisTrajectories);
  so.method = labsim::SensitivityMethod::kSobol;
  CHECK(labsim::sensitivity(s, so).evaluations == (inputs + 2) * labsim::kDefaultSobolSamples);
  std::string over = std::to_string(labsim::kMaxSamples + 1);
  CHECK(run_cli("mc scenarios/uncertain-divide.yaml -n " + over).status == 2);
  CHECK(run_cli("sensitivity scenarios/uncertain-divide.yaml --institution institute -n " + over).status == 2);
}
