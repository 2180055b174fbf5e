// CSV and JSON writers (DESIGN §5).
#include "labsim/writers.hpp"

#include "io/json.hpp"

namespace labsim {

const char* version() { return LABSIM_VERSION; }

namespace {

// Whether `m` is reported for `inst`: per-role headcounts only for the roles it has.
bool reported(const InstitutionSeries& inst, Metric m) {
  for (int r = 0; r < kRoleCount; ++r) {
    if (headcount_metric(static_cast<Role>(r)) != m) continue;
    for (Role role : inst.roles)
      if (static_cast<int>(role) == r) return true;
    return false;
  }
  return true;
}

}  // namespace

void write_csv(std::ostream& out, const Trajectory& t) {
  out << "scenario,institution,year,metric,value,unit\n";
  std::string scenario = io::csv_field(t.scenario);
  for (const InstitutionSeries& inst : t.institutions) {
    std::string id = io::csv_field(inst.id);
    for (int yi = 0; yi < t.year_count(); ++yi) {
      for (int m = 0; m < kMetricCount; ++m) {
        auto metric = static_cast<Metric>(m);
        if (!reported(inst, metric)) continue;
        const MetricInfo& info = metric_info(metric);
        out << scenario << ',' << id << ',' << t.first_year + yi << ',' << info.name << ','
            << io::format_number(inst.at(yi, metric)) << ',' << info.unit << '\n';
      }
    }
  }
}

void write_json(std::ostream& out, const Scenario& s, const Trajectory& t) {
  out << "{\n  \"labsim_version\": " << io::json_string(version()) << ",\n";
  out << "  \"scenario\": " << (s.resolved_json.empty() ? "null" : s.resolved_json) << ",\n";
  out << "  \"years\": [";
  for (int yi = 0; yi < t.year_count(); ++yi) out << (yi ? ", " : "") << t.first_year + yi;
  out << "],\n  \"institutions\": {";
  for (size_t i = 0; i < t.institutions.size(); ++i) {
    const InstitutionSeries& inst = t.institutions[i];
    out << (i ? "," : "") << "\n    " << io::json_string(inst.id) << ": {\n";
    out << "      \"name\": " << io::json_string(inst.name) << ",\n";
    out << "      \"kind\": " << io::json_string(to_string(inst.kind)) << ",\n";
    out << "      \"replicas\": " << inst.replicas << ",\n      \"metrics\": {";
    bool first = true;
    for (int m = 0; m < kMetricCount; ++m) {
      auto metric = static_cast<Metric>(m);
      if (!reported(inst, metric)) continue;
      const MetricInfo& info = metric_info(metric);
      out << (first ? "" : ",") << "\n        " << io::json_string(info.name) << ": {\"unit\": "
          << io::json_string(info.unit) << ", \"values\": [";
      for (int yi = 0; yi < t.year_count(); ++yi) out << (yi ? ", " : "") << io::json_number(inst.at(yi, metric));
      out << "]}";
      first = false;
    }
    out << "\n      }\n    }";
  }
  out << "\n  }\n}\n";
}

}  // namespace labsim
