// CSV and JSON writers (DESIGN §5), and validate's summary of a scenario.
#include "labsim/writers.hpp"

#include <fmt/format.h>

#include "labsim/keys.hpp"
#include "text/csv.hpp"
#include "text/json.hpp"
#include "text/number.hpp"

namespace labsim {

namespace {

// Whether `m` is reported for `inst`: per-role metrics only for the roles it has.
bool reported(const InstitutionSeries& inst, Metric m) {
  int r = role_of(m);
  if (r == kRoleCount) return true;
  for (Role role : inst.roles)
    if (static_cast<int>(role) == r) return true;
  return false;
}

}  // namespace

void write_csv(std::ostream& out, const Trajectory& t) {
  out << "scenario,institution,year,metric,value,unit\n";
  std::string scenario = text::csv_field(t.scenario);
  for (const InstitutionSeries& inst : t.institutions) {
    std::string id = text::csv_field(inst.id);
    for (int yi = 0; yi < t.year_count(); ++yi) {
      for (int m = 0; m < kMetricCount; ++m) {
        auto metric = static_cast<Metric>(m);
        if (!reported(inst, metric)) continue;
        const MetricInfo& info = metric_info(metric);
        out << scenario << ',' << id << ',' << t.first_year + yi << ',' << info.name << ','
            << text::format_number(inst.at(yi, metric)) << ',' << info.unit << '\n';
      }
    }
  }
}

void write_csv_wide(std::ostream& out, const Trajectory& t) {
  out << "scenario,institution,metric,unit";
  for (int yi = 0; yi < t.year_count(); ++yi) out << ',' << t.first_year + yi;
  out << '\n';
  std::string scenario = text::csv_field(t.scenario);
  for (const InstitutionSeries& inst : t.institutions) {
    std::string id = text::csv_field(inst.id);
    for (int m = 0; m < kMetricCount; ++m) {
      auto metric = static_cast<Metric>(m);
      if (!reported(inst, metric)) continue;
      const MetricInfo& info = metric_info(metric);
      out << scenario << ',' << id << ',' << info.name << ',' << info.unit;
      for (int yi = 0; yi < t.year_count(); ++yi) out << ',' << text::format_number(inst.at(yi, metric));
      out << '\n';
    }
  }
}

void write_json(std::ostream& out, const Scenario& s, const Trajectory& t) {
  text::JsonWriter w(out);
  w.object().line(2).key("labsim_version").string(version());
  w.line(2).key("scenario");
  if (s.resolved_json.empty()) w.null();
  else w.raw(s.resolved_json);
  w.line(2).key("years").array();
  for (int yi = 0; yi < t.year_count(); ++yi) w.integer(t.first_year + yi);
  w.end().line(2).key("institutions").object();
  for (const InstitutionSeries& inst : t.institutions) {
    w.line(4).key(inst.id).object();
    w.line(6).key("name").string(inst.name);
    if (!inst.short_name.empty()) w.line(6).key("short_name").string(inst.short_name);
    w.line(6).key("kind").string(to_string(inst.kind));
    w.line(6).key("replicas").integer(inst.replicas);
    w.line(6).key("metrics").object();
    for (int m = 0; m < kMetricCount; ++m) {
      auto metric = static_cast<Metric>(m);
      if (!reported(inst, metric)) continue;
      const MetricInfo& info = metric_info(metric);
      w.line(8).key(info.name).object().key("unit").string(info.unit).key("values").array();
      for (int yi = 0; yi < t.year_count(); ++yi) w.number(inst.at(yi, metric));
      w.end().end();
    }
    w.line(6).end().line(4).end();
  }
  w.line(2).end().line(0).end();
  out << '\n';
}

void write_validation(std::ostream& out, const std::string& file, const Scenario& s, bool list_inputs) {
  out << fmt::format("{}: ok: '{}', {}-{}, {} institution{}", file, s.name, s.first_year, s.last_year,
                     s.institutions.size(), s.institutions.size() == 1 ? "" : "s");
  out << (s.uncertain.empty()
              ? std::string("\n")
              : fmt::format(", {} uncertain input{}:\n", s.uncertain.size(), s.uncertain.size() == 1 ? "" : "s"));
  for (const UncertainInput& in : s.uncertain)
    out << fmt::format("  {}: {} (nominal {}) at {}\n", in.path, in.text, written_input(s, in.path, in.nominal),
                       in.location.text());
  const std::vector<std::string> funding = funding_as_read(s);
  if (!funding.empty()) out << "  funding, as read:\n";
  for (const std::string& line : funding) out << "    " << line << '\n';
  if (!list_inputs) return;
  out << "  inputs that sweep and solve can vary:\n";
  for (const std::string& path : input_paths(s)) out << "    " << path << '\n';
}

}  // namespace labsim
