// CSV and JSON for Monte Carlo and comparison tables.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <ostream>

#include "io/json.hpp"
#include "labsim/explore.hpp"
#include "labsim/writers.hpp"

namespace labsim {

namespace {

// Stat names and their values in a Summary: mean, then the percentiles.
std::vector<std::string> stat_names(const StatTable& t) {
  if (t.samples == 1) return {"value"};
  std::vector<std::string> names = {"mean"};
  for (double p : kPercentiles) names.push_back(fmt::format("p{}", p));
  return names;
}

// Percentiles come from a sketch accurate to kQuantileAccuracy (0.5%): four significant digits
// say what is known, ten would not.
// Indices of the years to print.
std::vector<int> year_indices(const StatTable& t) {
  std::vector<int> out;
  for (int y = 0; y < t.year_count(); ++y)
    if (t.shown_years.empty() ||
        std::find(t.shown_years.begin(), t.shown_years.end(), t.first_year + y) != t.shown_years.end())
      out.push_back(y);
  return out;
}

double stat_value(const Summary& s, size_t k) {
  if (k == 0 || !std::isfinite(s.percentiles[k - 1]) || s.percentiles[k - 1] == 0) return k == 0 ? s.mean : s.percentiles[k - 1];
  double v = s.percentiles[k - 1];
  double scale = std::pow(10.0, 3 - std::floor(std::log10(std::fabs(v))));
  return std::round(v * scale) / scale;
}

}  // namespace

void write_stat_csv(std::ostream& out, const StatTable& t) {
  out << "scenario,institution,year,metric,stat";
  for (const std::string& c : t.columns) out << ',' << c;
  out << ",unit\n";
  std::vector<std::string> stats = stat_names(t);
  std::string scenario = io::csv_field(t.scenario);
  for (size_t i = 0; i < t.institutions.size(); ++i) {
    std::string id = io::csv_field(t.institutions[i]);
    for (int y : year_indices(t))
      for (size_t m = 0; m < t.metrics.size(); ++m) {
        const MetricInfo& info = metric_info(t.metrics[m]);
        for (size_t k = 0; k < stats.size(); ++k) {
          out << scenario << ',' << id << ',' << t.first_year + y << ',' << info.name << ',' << stats[k];
          for (size_t c = 0; c < t.columns.size(); ++c) out << ',' << io::format_number(stat_value(t.at(i, m, y, c), k));
          out << ',' << info.unit << '\n';
        }
      }
  }
}

void write_stat_json(std::ostream& out, const StatTable& t) {
  std::vector<std::string> stats = stat_names(t);
  out << "{\n  \"labsim_version\": " << io::json_string(version()) << ",\n";
  out << "  \"scenario\": " << io::json_string(t.scenario) << ",\n";
  out << "  \"samples\": " << t.samples << ",\n  \"columns\": [";
  for (size_t c = 0; c < t.columns.size(); ++c) out << (c ? ", " : "") << io::json_string(t.columns[c]);
  out << "],\n  \"years\": [";
  std::vector<int> years = year_indices(t);
  for (size_t k = 0; k < years.size(); ++k) out << (k ? ", " : "") << t.first_year + years[k];
  out << "],\n  \"institutions\": {";
  for (size_t i = 0; i < t.institutions.size(); ++i) {
    out << (i ? "," : "") << "\n    " << io::json_string(t.institutions[i]) << ": {";
    for (size_t m = 0; m < t.metrics.size(); ++m) {
      const MetricInfo& info = metric_info(t.metrics[m]);
      out << (m ? "," : "") << "\n      " << io::json_string(info.name) << ": {\"unit\": " << io::json_string(info.unit);
      for (size_t c = 0; c < t.columns.size(); ++c) {
        out << ",\n        " << io::json_string(t.columns[c]) << ": {";
        for (size_t k = 0; k < stats.size(); ++k) {
          out << (k ? ", " : "") << io::json_string(stats[k]) << ": [";
          for (size_t yk = 0; yk < years.size(); ++yk)
            out << (yk ? ", " : "") << io::json_number(stat_value(t.at(i, m, years[yk], c), k));
          out << "]";
        }
        out << "}";
      }
      out << "}";
    }
    out << "\n    }";
  }
  out << "\n  }\n}\n";
}

}  // namespace labsim
