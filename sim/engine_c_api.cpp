// The engine's C interface (labsim/engine_c.h): a resolved scenario in, every value out.
#include "labsim/engine_c.h"

#include <exception>
#include <string>
#include <vector>

#include "engine_c_error.hpp"
#include "labsim/diagnostics.hpp"
#include "labsim/engine.hpp"
#include "labsim/metric.hpp"
#include "labsim/scenario_json.hpp"
#include "labsim/version.hpp"

namespace {

// The last call's results: the interface is one call at a time (one WebAssembly instance per worker).
struct Results {
  std::vector<double> values;
  std::string layout;
  std::string error;
  std::string version;
};

Results& results() {
  static Results r;
  return r;
}

std::string quoted(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) >= 0x20) out += c;
  }
  return out + "\"";
}

std::string layout(const labsim::Trajectory& t) {
  std::string out = "{\"scenario\": " + quoted(t.scenario) + ", \"first_year\": " + std::to_string(t.first_year) +
                    ", \"years\": " + std::to_string(t.year_count()) + ", \"institutions\": [";
  for (size_t i = 0; i < t.institutions.size(); ++i) {
    const labsim::InstitutionSeries& s = t.institutions[i];
    out += (i ? ", " : "") + std::string("{\"id\": ") + quoted(s.id) + ", \"name\": " + quoted(s.name) +
           ", \"short_name\": " + quoted(s.short_name) + ", \"kind\": " + quoted(labsim::to_string(s.kind)) + "}";
  }
  out += "], \"metrics\": [";
  for (int m = 0; m < labsim::kMetricCount; ++m) {
    const labsim::MetricInfo& info = labsim::metric_info(static_cast<labsim::Metric>(m));
    out += (m ? ", " : "") + std::string("{\"name\": ") + quoted(info.name) + ", \"unit\": " + quoted(info.unit) + "}";
  }
  return out + "]}";
}

}  // namespace

namespace labsim::detail {
void set_c_error(const std::string& message) { results().error = message; }
}  // namespace labsim::detail

extern "C" {

int labsim_run_json(const char* json, size_t length) {
  Results& r = results();
  r.values.clear();
  r.layout.clear();
  r.error.clear();
  try {
    const labsim::Scenario s = labsim::scenario_from_json(std::string_view(json, length));
    const labsim::Trajectory t = labsim::run(s);
    for (const labsim::InstitutionSeries& inst : t.institutions) r.values.insert(r.values.end(), inst.values.begin(), inst.values.end());
    r.layout = layout(t);
    return 0;
  } catch (const labsim::InputError& e) {
    r.error = e.report();
    return 1;
  } catch (const std::exception& e) {
    r.error = e.what();
    return 2;
  }
}

const double* labsim_values(void) { return results().values.data(); }

size_t labsim_values_count(void) { return results().values.size(); }

const char* labsim_layout(void) { return results().layout.c_str(); }

const char* labsim_error(void) { return results().error.c_str(); }

const char* labsim_version(void) {
  Results& r = results();
  if (r.version.empty()) r.version = labsim::version_line();
  return r.version.c_str();
}

}  // extern "C"
