// Monte Carlo through the engine's C interface (labsim/engine_c.h): what the WebAssembly module's
// page calls for its bands, the same draws and summaries as `labsim mc`.
#include <cmath>
#include <exception>
#include <string>
#include <vector>

#include "engine_c_error.hpp"
#include "labsim/diagnostics.hpp"
#include "labsim/engine_c.h"
#include "labsim/explore.hpp"
#include "labsim/metric.hpp"
#include "labsim/scenario_json.hpp"

namespace {

struct McResults {
  std::vector<double> values;
  std::string layout;
};

McResults& mc_results() {
  static McResults r;
  return r;
}

}  // namespace

extern "C" {

int labsim_mc_json(const char* json, size_t length, size_t samples, double seed, const char* metrics) {
  McResults& r = mc_results();
  r.values.clear();
  r.layout.clear();
  try {
    if (samples < 1 || samples > labsim::kMaxSamples || !(seed >= 0) || seed >= 0x1p53 || seed != std::floor(seed)) {
      labsim::Diagnostic d;
      d.message = "samples from 1 to 1,000,000,000 and a whole seed from 0 to 2^53 are expected";
      throw labsim::InputError({d});
    }
    const labsim::Scenario s = labsim::scenario_from_json(std::string_view(json, length));
    labsim::MonteCarloOptions o;
    o.samples = samples;
    o.seed = static_cast<std::uint64_t>(seed);
    std::vector<labsim::Diagnostic> unknown;
    const std::string names = metrics ? metrics : "";
    for (size_t start = 0; start < names.size();) {
      size_t comma = names.find(',', start);
      if (comma == std::string::npos) comma = names.size();
      const std::string name = names.substr(start, comma - start);
      const labsim::Metric m = labsim::find_metric(name);
      if (m == labsim::Metric::kCount) {
        labsim::Diagnostic d;
        d.path = "metrics";
        d.message = "unknown metric \"" + name + "\"";
        unknown.push_back(d);
      } else {
        o.metrics.push_back(m);
      }
      start = comma + 1;
    }
    if (!unknown.empty()) throw labsim::InputError(std::move(unknown));
    const labsim::StatTable t = labsim::monte_carlo(s, o);
    const int years = t.year_count();
    for (size_t i = 0; i < t.institutions.size(); ++i)
      for (size_t m = 0; m < t.metrics.size(); ++m)
        for (int y = 0; y < years; ++y) {
          const labsim::Summary& c = t.at(i, m, y, 0);
          r.values.push_back(c.mean);
          r.values.insert(r.values.end(), c.percentiles.begin(), c.percentiles.end());
        }
    r.layout = "{\"samples\": " + std::to_string(t.samples) + ", \"first_year\": " + std::to_string(t.first_year) +
               ", \"years\": " + std::to_string(years) + ", \"institutions\": [";
    for (size_t i = 0; i < t.institutions.size(); ++i) r.layout += (i ? ", \"" : "\"") + t.institutions[i] + "\"";
    r.layout += "], \"metrics\": [";
    for (size_t m = 0; m < t.metrics.size(); ++m)
      r.layout += (m ? ", \"" : "\"") + std::string(labsim::metric_info(t.metrics[m]).name) + "\"";
    r.layout += "], \"stats\": [\"mean\", \"p5\", \"p25\", \"p50\", \"p75\", \"p95\"]}";
    return 0;
  } catch (const labsim::InputError& e) {
    labsim::detail::set_c_error(e.report());
    return 1;
  } catch (const std::exception& e) {
    labsim::detail::set_c_error(e.what());
    return 2;
  }
}

const double* labsim_mc_values(void) { return mc_results().values.data(); }

size_t labsim_mc_values_count(void) { return mc_results().values.size(); }

const char* labsim_mc_layout(void) { return mc_results().layout.c_str(); }

}  // extern "C"
