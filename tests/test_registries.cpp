// The registries (one table per extension point) and the copies that cannot be derived from
// them: every metric is found by its name, and docs/cli.md lists exactly the metrics of the table.
#include <catch2/catch.hpp>

#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli_helpers.hpp"
#include "labsim/metric.hpp"

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
