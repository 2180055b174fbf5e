// The list of metrics as a table, CSV or JSON (labsim metrics).
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

#include "labsim/metric.hpp"
#include "labsim/version.hpp"
#include "labsim/writers.hpp"
#include "text/csv.hpp"
#include "text/json.hpp"

namespace labsim {

namespace {

// What each unit of kMetrics means; a unit missing here prints as "?" (a test looks for it).
const char* unit_meaning(std::string_view unit) {
  static constexpr std::pair<std::string_view, const char*> kUnits[] = {
      {"usd", "US dollars of that year"},
      {"gpu", "GPUs"},
      {"h100e", "H100-equivalents: GPUs weighted by their peak relative to the reference GPU"},
      {"pflop_per_s", "10^15 FLOP per second"},
      {"mw", "megawatts"},
      {"gw", "gigawatts"},
      {"flop", "floating-point operations"},
      {"gpu_hour", "GPU-hours"},
      {"h100_hour", "H100-hours: GPU-hours weighted by delivered FLOP/s relative to the reference GPU"},
      {"h100_hour_per_person", "H100-hours per researcher"},
      {"flag", "1 for yes, 0 for no"},
      {"params", "model parameters"},
      {"ratio", "one quantity over another"},
      {"people", "people"},
      {"share", "a fraction (0.25 = 25%)"},
      {"models", "models"},
  };
  for (const auto& [name, meaning] : kUnits)
    if (name == unit) return meaning;
  return "?";
}

}  // namespace

void write_metrics_table(std::ostream& out) {
  std::size_t name_width = 0, unit_width = 4;
  std::vector<std::string_view> units;
  for (const MetricInfo& m : kMetrics) {
    name_width = std::max(name_width, std::strlen(m.name));
    unit_width = std::max(unit_width, std::strlen(m.unit));
    if (std::find(units.begin(), units.end(), m.unit) == units.end()) units.emplace_back(m.unit);
  }
  out << fmt::format("{:<{}}  {:<{}}  {}\n", "metric", name_width, "unit", unit_width, "meaning");
  for (const MetricInfo& m : kMetrics)
    out << fmt::format("{:<{}}  {:<{}}  {}{}\n", m.name, name_width, m.unit, unit_width, m.description,
                       m.extensive ? "" : " (not summed over replicas)");
  out << "\nUnits (flows such as spending, hires and compute are per scenario year):\n";
  for (std::string_view u : units) out << fmt::format("  {:<{}}  {}\n", u, unit_width, unit_meaning(u));
}

void write_metrics_csv(std::ostream& out) {
  out << "name,unit,total,description\n";
  for (const MetricInfo& m : kMetrics)
    out << fmt::format("{},{},{},{}\n", m.name, m.unit, m.extensive ? "true" : "false", text::csv_quoted(m.description));
}

void write_metrics_json(std::ostream& out) {
  text::JsonWriter w(out);
  w.object().key("labsim_version").string(version()).key("metrics").array();
  for (const MetricInfo& m : kMetrics) {
    w.line(2).object().key("name").string(m.name).key("unit").string(m.unit);
    w.key("total").boolean(m.extensive).key("description").string(m.description).end();
  }
  w.line(0).end().end();
  out << '\n';
}

}  // namespace labsim
